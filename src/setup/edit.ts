/**
 * The editor's edits as pure functions on a draft: add, remove and move rules and rows, set a cell
 * or a rule setting. Each returns a new draft and leaves the given one untouched, so the element
 * can keep the previous draft for undo and for the diff.
 *
 * Invariants: an edit never validates (the product's parser does, after every edit); an index out
 * of range leaves the draft as it was; moving keeps every rule and row exactly once.
 */
import {
  copyDraft,
  type Direction,
  type DraftRule,
  emptyRule,
  type RuleSetDraft,
} from './draft.js';

/** An index moved by `delta` places within a list of `length`, or the same index at either end. */
function target(index: number, delta: number, length: number): number {
  return Math.min(length - 1, Math.max(0, index + delta));
}

function move<T>(items: T[], index: number, delta: number): void {
  if (index < 0 || index >= items.length) return;
  const to = target(index, delta, items.length);
  const [item] = items.splice(index, 1);
  items.splice(to, 0, item as T);
}

/** A name no rule of the draft has yet: `base`, else `base 2`, `base 3`… */
export function freeName(draft: RuleSetDraft, base: string): string {
  const names = new Set(draft.rules.map((rule) => rule.name));
  if (!names.has(base)) return base;
  let n = 2;
  while (names.has(`${base} ${n}`)) n += 1;
  return `${base} ${n}`;
}

/** Adds an empty rule (one empty publisher row to fill) at the end. */
export function addRule(draft: RuleSetDraft, name: string): RuleSetDraft {
  const next = copyDraft(draft);
  const rule = emptyRule(freeName(draft, name));
  rule.publisher.push({ acd: '', salesforce: '' });
  next.rules.push(rule);
  return next;
}

/** Removes a rule. */
export function removeRule(draft: RuleSetDraft, index: number): RuleSetDraft {
  const next = copyDraft(draft);
  next.rules.splice(index, 1);
  return next;
}

/** Moves a rule up (negative) or down (positive). */
export function moveRule(draft: RuleSetDraft, index: number, delta: number): RuleSetDraft {
  const next = copyDraft(draft);
  move(next.rules, index, delta);
  return next;
}

/** Adds an empty row at the end of a rule's table. */
export function addRow(draft: RuleSetDraft, rule: number, direction: Direction): RuleSetDraft {
  const next = copyDraft(draft);
  next.rules[rule]?.[direction].push({ acd: '', salesforce: '' });
  return next;
}

/** Removes a row. */
export function removeRow(
  draft: RuleSetDraft,
  rule: number,
  direction: Direction,
  row: number,
): RuleSetDraft {
  const next = copyDraft(draft);
  next.rules[rule]?.[direction].splice(row, 1);
  return next;
}

/** Moves a row within its table. */
export function moveRow(
  draft: RuleSetDraft,
  rule: number,
  direction: Direction,
  row: number,
  delta: number,
): RuleSetDraft {
  const next = copyDraft(draft);
  const rows = next.rules[rule]?.[direction];
  if (rows !== undefined) move(rows, row, delta);
  return next;
}

/** Sets one cell of a row. */
export function setCell(
  draft: RuleSetDraft,
  rule: number,
  direction: Direction,
  row: number,
  cell: 'acd' | 'salesforce',
  value: string,
): RuleSetDraft {
  const next = copyDraft(draft);
  const found = next.rules[rule]?.[direction][row];
  if (found !== undefined) found[cell] = value;
  return next;
}

/** The rule settings the form edits, by name. */
export type RuleSetting =
  | { readonly setting: 'name'; readonly value: string }
  | { readonly setting: 'teams' | 'users'; readonly value: readonly string[] }
  | { readonly setting: 'skipUnavailableCodeValidation'; readonly value: boolean }
  | { readonly setting: 'omniWork'; readonly value: DraftRule['omniWork'] }
  | { readonly setting: 'acdWork'; readonly value: DraftRule['acdWork'] };

/** Sets one setting of a rule; `undefined` work settings remove them. */
export function setRule(draft: RuleSetDraft, rule: number, change: RuleSetting): RuleSetDraft {
  const next = copyDraft(draft);
  const found = next.rules[rule];
  if (found === undefined) return next;
  switch (change.setting) {
    case 'name':
      found.name = change.value;
      break;
    case 'teams':
    case 'users':
      found[change.setting] = [...change.value];
      break;
    case 'skipUnavailableCodeValidation':
      found.skipUnavailableCodeValidation = change.value;
      break;
    case 'omniWork':
    case 'acdWork':
      if (change.value === undefined) delete found[change.setting];
      else (found as unknown as Record<string, unknown>)[change.setting] = { ...change.value };
      break;
  }
  return next;
}

/** A list field as typed (comma or new line between entries), trimmed, blanks dropped. */
export function splitList(text: string): string[] {
  return text
    .split(/[\r\n,]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

const CELL = /^rules\[(\d+)\]\.(publisher|subscriber)\[(\d+)\]\.(acd|salesforce)$/;
const SETTING = /^rules\[(\d+)\]\.(\w+)(?:\.(\w+))?$/;

/** A JSON text's value, or undefined when it is not JSON. */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Whether a value has a draft's shape (rules with names and row lists), valid or not. */
export function looksLikeDraft(value: unknown): value is RuleSetDraft {
  if (typeof value !== 'object' || value === null) return false;
  const rules = (value as { rules?: unknown }).rules;
  return (
    Array.isArray(rules) &&
    rules.every(
      (rule) =>
        typeof rule === 'object' &&
        rule !== null &&
        typeof (rule as { name?: unknown }).name === 'string' &&
        Array.isArray((rule as { publisher?: unknown }).publisher ?? []) &&
        Array.isArray((rule as { subscriber?: unknown }).subscriber ?? []),
    )
  );
}

/** The draft after one typed value at a JSON path (a cell or a rule setting). */
export function editedDraft(
  draft: RuleSetDraft,
  path: string,
  value: string | boolean,
): RuleSetDraft {
  const cell = CELL.exec(path);
  if (cell !== null && typeof value === 'string')
    return setCell(
      draft,
      Number(cell[1]),
      cell[2] as Direction,
      Number(cell[3]),
      cell[4] as 'acd' | 'salesforce',
      value,
    );
  const setting = SETTING.exec(path);
  if (setting === null) return draft;
  const index = Number(setting[1]);
  const rule = draft.rules[index] ?? emptyRule('');
  const text = typeof value === 'string' ? value : '';
  switch (setting[2]) {
    case 'name':
      return setRule(draft, index, { setting: 'name', value: text });
    case 'teams':
    case 'users':
      return setRule(draft, index, { setting: setting[2], value: splitList(text) });
    case 'skipUnavailableCodeValidation':
      return setRule(draft, index, {
        setting: 'skipUnavailableCodeValidation',
        value: value === true,
      });
    case 'omniWork': {
      const work = {
        atPercent: rule.omniWork?.atPercent ?? Number.NaN,
        acd: rule.omniWork?.acd ?? '',
      };
      if (setting[3] === 'atPercent')
        work.atPercent = text.trim() === '' ? Number.NaN : Number(text.replace(',', '.'));
      else work.acd = text.trim();
      const off =
        Number.isNaN(work.atPercent) &&
        work.acd === '' &&
        (setting[3] !== 'atPercent' || text.trim() === '');
      return setRule(draft, index, { setting: 'omniWork', value: off ? undefined : work });
    }
    case 'acdWork': {
      const work = { salesforce: rule.acdWork?.salesforce ?? '', acw: rule.acdWork?.acw ?? true };
      if (setting[3] === 'acw') work.acw = value === true;
      else work.salesforce = text.trim();
      return setRule(draft, index, {
        setting: 'acdWork',
        value: work.salesforce === '' ? undefined : work,
      });
    }
    default:
      return draft;
  }
}
