/**
 * What every importer shares: the result shape, notes about what an import left out or changed,
 * and the reading of a Salesforce status written by another product (an API name, an id, or a
 * label that the org's catalog turns into an API name).
 *
 * Invariants: importers are pure and never throw on untrusted input; a structural error is a
 * problem naming its JSON path, while a value that cannot be used is left out with a note naming
 * its path, so an admin sees every entry accounted for.
 */
import { ErrorCode, type Problem } from '../core/errors.js';
import { parseRules } from '../core/rules/parse.js';
import type { CatalogStatus } from './catalog.js';
import type { Direction, DraftRow, DraftRule, RuleSetDraft } from './draft.js';

/** Why an import changed or left out an entry; the element words each in six languages. */
export type ImportNoteCode =
  | 'unmapped'
  | 'duplicate'
  | 'not-settable'
  | 'previous-on-publisher'
  | 'status-from-label'
  | 'status-unknown'
  | 'row-invalid'
  | 'ignored-field'
  | 'cisco-sync-off'
  | 'cisco-sync-on'
  | 'blank-setting';

/** One thing an admin should know about an import, at the input's JSON path. */
export interface ImportNote {
  readonly code: ImportNoteCode;
  readonly path: string;
  /** Filled into the note's words: `value`, `status`, `first`, `detail`… */
  readonly params: Readonly<Record<string, string>>;
}

/** An import's outcome: the rule set it proposes and its notes, or the problems that stopped it. */
export type ImportResult =
  | { readonly ok: true; readonly draft: RuleSetDraft; readonly notes: readonly ImportNote[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** A problem of an import, as the parser words its own (`rules-invalid`, with the path). */
export function importProblem(path: string, message: string): Problem {
  return { code: ErrorCode.rulesInvalid, message: `${path}: ${message}`, recoverable: false, path };
}

/** Notes collected while importing. */
export class Notes {
  readonly list: ImportNote[] = [];
  add(code: ImportNoteCode, path: string, params: Record<string, string> = {}): void {
    this.list.push({ code, path, params });
  }
}

const API_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$/;
const STATUS_ID = /^0N5[0-9A-Za-z]{12}(?:[0-9A-Za-z]{3})?$/;

/**
 * A Salesforce status another product wrote: `Offline`, an API name or an id as is; otherwise a
 * label that exactly one catalog status has (its API name, with a note); otherwise undefined with
 * a note. Case is kept: a wrong case is preflight's finding, not a silent fix.
 */
export function readStatus(
  value: string,
  path: string,
  statuses: readonly CatalogStatus[],
  notes: Notes,
): string | undefined {
  if (value.toLowerCase() === 'offline') return 'Offline';
  if (STATUS_ID.test(value) || (API_NAME.test(value) && !value.endsWith('_'))) return value;
  const byLabel = statuses.filter((status) => status.label === value);
  if (byLabel.length === 1) {
    notes.add('status-from-label', path, { value, status: byLabel[0]!.apiName });
    return byLabel[0]!.apiName;
  }
  notes.add('status-unknown', path, { value });
  return undefined;
}

/**
 * Adds a row to a rule unless the product's parser refuses it on its own, or its source is
 * already mapped; either way a note names the input's path. The parser stays the only judge.
 */
export function addRow(
  rule: DraftRule,
  direction: Direction,
  row: DraftRow,
  path: string,
  notes: Notes,
  firstPaths: Map<string, string>,
): void {
  const probe = parseRules({ version: 1, rules: [{ name: 'probe', [direction]: [row] }] });
  if (!probe.ok) {
    notes.add('row-invalid', path, {
      detail: probe.problems.map((problem) => problem.message).join('; '),
    });
    return;
  }
  const parsed = probe.document.rules[0]!;
  const key =
    direction === 'publisher'
      ? JSON.stringify(parsed.publisher[0]!.acd)
      : JSON.stringify(parsed.subscriber[0]!.salesforce);
  const first = firstPaths.get(key);
  if (first !== undefined) {
    notes.add('duplicate', path, { first });
    return;
  }
  firstPaths.set(key, path);
  rule[direction].push(row);
}

/**
 * The import's outcome once the product's parser accepts the draft it built (it always should: each
 * row was probed; this keeps the promise that an import never proposes a rule set that cannot run).
 */
export function finish(draft: RuleSetDraft, notes: Notes): ImportResult {
  const checked = parseRules(draft);
  return checked.ok
    ? { ok: true, draft, notes: notes.list }
    : { ok: false, problems: checked.problems };
}

/** Reads an untrusted string field: a string (trimmed), or undefined when absent or blank. */
export function blankable(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
