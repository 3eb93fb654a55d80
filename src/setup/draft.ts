/**
 * The rule set as the setup editor holds it: the rule document's JSON (docs/contract.md §4) in one
 * canonical spelling, so that two drafts that mean the same rule set are equal as data.
 *
 * Invariants: a draft is plain JSON (no class instances, no undefined values); `canonicalDraft` of a
 * parsed document parses again to the same document; the product's own parser (`parseRules`) is the
 * only judge of whether a draft is valid, nothing here validates.
 */
import { patternKey, refKey } from '../core/rules/fields.js';
import { NOTIFY, showTimed } from '../core/rules/timeouts.js';
import type { Rule, RuleDocument, TimedState } from '../core/rules/types.js';
import { showSubscriber } from '../core/values.js';

/** One mapping row: a publisher row maps `acd` → `salesforce`, a subscriber row the other way. */
export interface DraftRow {
  acd: string;
  salesforce: string;
}

/**
 * One timed state: the Salesforce status (`salesforce`) or the ACD state (`acd`) it times, how many
 * minutes it may last, and what is written then (on the same side) or `notify`.
 */
export type DraftTimeout =
  | { salesforce: string; minutes: number; then: string }
  | { acd: string; minutes: number; then: string };

/** One rule, as the editor's form holds it. */
export interface DraftRule {
  name: string;
  teams: string[];
  users: string[];
  skipUnavailableCodeValidation: boolean;
  publisher: DraftRow[];
  subscriber: DraftRow[];
  omniWork?: { atPercent: number; acd: string };
  acdWork?: { salesforce: string; acw: boolean };
  /** Present when the rule has timed states. */
  timeouts?: DraftTimeout[];
}

/** A whole rule set: the rule document the element reads. */
export interface RuleSetDraft {
  version: 1;
  orgId?: string;
  rules: DraftRule[];
}

/** The two row tables of a rule. */
export type Direction = 'publisher' | 'subscriber';

/** A new, empty rule named `name` (it does not parse until it has a row or a work setting). */
export function emptyRule(name: string): DraftRule {
  return {
    name,
    teams: [],
    users: [],
    skipUnavailableCodeValidation: false,
    publisher: [],
    subscriber: [],
  };
}

function canonicalTimeout(timeout: TimedState): DraftTimeout {
  const then = timeout.then.side === null ? NOTIFY : showTimed(timeout.then);
  const { minutes } = timeout;
  return timeout.source.side === 'salesforce'
    ? { salesforce: showTimed(timeout.source), minutes, then }
    : { acd: showTimed(timeout.source), minutes, then };
}

function canonicalRule(rule: Rule): DraftRule {
  const draft: DraftRule = {
    name: rule.name,
    teams: [...rule.teams],
    users: [...rule.users],
    skipUnavailableCodeValidation: rule.skipUnavailableCodeValidation,
    publisher: rule.publisher.map((row) => ({
      acd: patternKey(row.acd),
      salesforce: refKey(row.salesforce),
    })),
    subscriber: rule.subscriber.map((row) => ({
      acd: showSubscriber(row.acd),
      salesforce: refKey(row.salesforce),
    })),
  };
  if (rule.omniWork !== null)
    draft.omniWork = {
      atPercent: rule.omniWork.atPercent,
      acd: showSubscriber(rule.omniWork.acd),
    };
  if (rule.acdWork !== null)
    draft.acdWork = { salesforce: refKey(rule.acdWork.salesforce), acw: rule.acdWork.acw };
  if (rule.timeouts.length > 0) draft.timeouts = rule.timeouts.map(canonicalTimeout);
  return draft;
}

/**
 * The canonical draft of a parsed document: keywords in their contract spelling (`"Lunch"` becomes
 * `"Unavailable/Lunch"`), status ids on 15 characters, every optional list present (`timeouts`
 * only when the rule has some, so a rule set without them exports as it did).
 */
export function canonicalDraft(document: RuleDocument): RuleSetDraft {
  const rules = document.rules.map(canonicalRule);
  return document.orgId === undefined
    ? { version: 1, rules }
    : { version: 1, orgId: document.orgId, rules };
}

/** The draft as the JSON file an admin downloads (two-space indent, a final newline). */
export function exportJson(draft: RuleSetDraft): string {
  return `${JSON.stringify(draft, null, 2)}\n`;
}

/** A deep copy of a draft, for edits that must not touch the shown one. */
export function copyDraft(draft: RuleSetDraft): RuleSetDraft {
  return JSON.parse(JSON.stringify(draft)) as RuleSetDraft;
}
