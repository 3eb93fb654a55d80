/**
 * A rule document (JSON, the one the element reads: docs/contract.md §4) imported as a whole rule
 * set, and how an import is applied to the rule set being edited.
 *
 * Invariants: pure; a document is read only by the product's parser and kept in its canonical
 * spelling (`canonicalDraft`), so importing an exported rule set gives the same rule set.
 */
import { parseRules } from '../core/rules/parse.js';
import { canonicalDraft, type RuleSetDraft } from './draft.js';
import type { ImportResult } from './import-common.js';

/** Imports a rule document (a JSON string or an object); problems carry the parser's JSON paths. */
export function importRuleDocument(input: unknown): ImportResult {
  const parsed = parseRules(input);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  return { ok: true, draft: canonicalDraft(parsed.document), notes: [] };
}

/** How an imported rule set meets the one being edited. */
export type ImportMode = 'replace-all' | 'merge-by-name';

/**
 * The rule set after an import: `replace-all` (a rule document) takes the imported set as it is;
 * `merge-by-name` (NICE's rule, Webex's settings) replaces the rules of the same name in place and
 * adds the others at the end, keeping the current org id.
 */
export function applyImport(
  current: RuleSetDraft,
  imported: RuleSetDraft,
  mode: ImportMode,
): RuleSetDraft {
  if (mode === 'replace-all') return imported;
  const rules = current.rules.map(
    (rule) => imported.rules.find((candidate) => candidate.name === rule.name) ?? rule,
  );
  for (const rule of imported.rules)
    if (!current.rules.some((candidate) => candidate.name === rule.name)) rules.push(rule);
  return current.orgId === undefined
    ? { version: 1, rules }
    : { version: 1, orgId: current.orgId, rules };
}
