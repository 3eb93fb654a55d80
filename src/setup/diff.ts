/**
 * What an import would change: rules added, removed and changed; per rule its settings and its rows
 * added, removed and changed (a row is known by its source: the ACD state of a publisher row, the
 * Salesforce status of a subscriber row, as the parser reads them, so `Lunch` and
 * `Unavailable/Lunch` are one row).
 *
 * Invariants: pure; the diff of a rule set with itself is empty; every change names the rule and,
 * for rows, the direction and the source.
 */
import { patternKey, refKey } from '../core/rules/fields.js';
import { parseRules } from '../core/rules/parse.js';
import { showSubscriber } from '../core/values.js';
import type { Direction, DraftRow, DraftRule, RuleSetDraft } from './draft.js';

/** A row added, removed, or mapped to another target. */
export interface RowChange {
  readonly direction: Direction;
  readonly kind: 'added' | 'removed' | 'changed';
  /** The row's source (ACD state or Salesforce status). */
  readonly source: string;
  /** The target before (absent when added) and after (absent when removed). */
  readonly before?: string;
  readonly after?: string;
}

/** A rule setting that differs, shown as text. */
export interface SettingChange {
  readonly setting:
    'teams' | 'users' | 'skipUnavailableCodeValidation' | 'omniWork' | 'acdWork' | 'timeouts';
  readonly before: string;
  readonly after: string;
}

/** One rule's change. */
export interface RuleChange {
  readonly kind: 'added' | 'removed' | 'changed';
  readonly name: string;
  readonly settings: readonly SettingChange[];
  readonly rows: readonly RowChange[];
}

/** The whole difference between two rule sets; `rules` empty when they mean the same. */
export interface RuleSetDiff {
  readonly rules: readonly RuleChange[];
}

/** A row's source and target in canonical spelling when the parser reads it, else as written. */
function canonicalRow(direction: Direction, row: DraftRow): { source: string; target: string } {
  const parsed = parseRules({ version: 1, rules: [{ name: 'row', [direction]: [row] }] });
  if (parsed.ok) {
    const rule = parsed.document.rules[0]!;
    if (direction === 'publisher') {
      const only = rule.publisher[0]!;
      return { source: patternKey(only.acd), target: refKey(only.salesforce) };
    }
    const only = rule.subscriber[0]!;
    return { source: refKey(only.salesforce), target: showSubscriber(only.acd) };
  }
  return direction === 'publisher'
    ? { source: row.acd, target: row.salesforce }
    : { source: row.salesforce, target: row.acd };
}

function rowChanges(before: DraftRule | undefined, after: DraftRule | undefined): RowChange[] {
  const changes: RowChange[] = [];
  for (const direction of ['publisher', 'subscriber'] as const) {
    const old = new Map(
      (before?.[direction] ?? []).map((row) => {
        const { source, target } = canonicalRow(direction, row);
        return [source, target] as const;
      }),
    );
    const next = new Map(
      (after?.[direction] ?? []).map((row) => {
        const { source, target } = canonicalRow(direction, row);
        return [source, target] as const;
      }),
    );
    for (const [source, target] of next) {
      const was = old.get(source);
      if (was === undefined) changes.push({ direction, kind: 'added', source, after: target });
      else if (was !== target)
        changes.push({ direction, kind: 'changed', source, before: was, after: target });
    }
    for (const [source, target] of old)
      if (!next.has(source)) changes.push({ direction, kind: 'removed', source, before: target });
  }
  return changes;
}

const list = (values: readonly string[] | undefined) => (values ?? []).join(', ');

function settingText(rule: DraftRule | undefined, setting: SettingChange['setting']): string {
  if (rule === undefined) return '';
  switch (setting) {
    case 'teams':
    case 'users':
      return list(rule[setting]);
    case 'skipUnavailableCodeValidation':
      // Off is the default: an added rule that keeps it shows no change.
      return rule.skipUnavailableCodeValidation ? 'true' : '';
    case 'omniWork':
      return rule.omniWork === undefined
        ? ''
        : `${rule.omniWork.atPercent}% → ${rule.omniWork.acd}`;
    case 'acdWork':
      return rule.acdWork === undefined
        ? ''
        : `${rule.acdWork.salesforce}${rule.acdWork.acw ? ' (ACW too)' : ''}`;
    case 'timeouts':
      // As the draft holds them: a rule set that parses holds them in the parser's spelling
      // (canonicalDraft), and the form shows timed states without editing them.
      return (rule.timeouts ?? [])
        .map((timeout) => {
          const timed = 'salesforce' in timeout ? timeout.salesforce : timeout.acd;
          return `${timed} ≤ ${timeout.minutes} min → ${timeout.then}`;
        })
        .join(', ');
  }
}

const SETTINGS: readonly SettingChange['setting'][] = [
  'teams',
  'users',
  'skipUnavailableCodeValidation',
  'omniWork',
  'acdWork',
  'timeouts',
];

function ruleChange(
  before: DraftRule | undefined,
  after: DraftRule | undefined,
): RuleChange | null {
  const settings = SETTINGS.flatMap((setting) => {
    const was = settingText(before, setting);
    const now = settingText(after, setting);
    return was === now ? [] : [{ setting, before: was, after: now }];
  });
  const rows = rowChanges(before, after);
  if (before !== undefined && after !== undefined && settings.length === 0 && rows.length === 0)
    return null;
  const kind = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
  return { kind, name: (after ?? before)!.name, settings, rows };
}

/** The difference from `before` to `after`, rules matched by name. */
export function diffRuleSets(before: RuleSetDraft, after: RuleSetDraft): RuleSetDiff {
  const rules: RuleChange[] = [];
  for (const rule of after.rules) {
    const change = ruleChange(
      before.rules.find((candidate) => candidate.name === rule.name),
      rule,
    );
    if (change !== null) rules.push(change);
  }
  for (const rule of before.rules)
    if (!after.rules.some((candidate) => candidate.name === rule.name))
      rules.push(ruleChange(rule, undefined)!);
  return { rules };
}
