/**
 * The rule set as the package's Custom Metadata records (`Presence_Sync_Rule__mdt` and
 * `Presence_Sync_Row__mdt`, force-app/main/default/objects), written by the one field map the
 * Lightning host names problems by (lwc/presenceSyncHost/ruleFields.js, bundled into the editor
 * by the build): used by the export and by the save through Apex (which receives these records).
 *
 * Invariants: pure; record API names are valid DeveloperNames (a letter first, letters, digits and
 * single underscores, at most 40 characters) and unique; a rule name that cannot be a record label
 * (more than 40 characters) is refused with its JSON path, never cut silently.
 */
import type { Problem } from '../core/errors.js';
import type { DraftRule, RuleSetDraft } from './draft.js';
import { importProblem } from './import-common.js';
// The field map is the Lightning host's own module, plain JavaScript. `tsc -p tsconfig.json` types
// it (allowJs); the bundler's TypeScript reads it untyped (tsconfig.build.json: its plugin cannot
// emit a script from outside src into these outputs), and only there is the import an error, so
// it is ignored rather than expected.
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore
import * as ruleFields from '../../force-app/main/default/lwc/presenceSyncHost/ruleFields.js';

const { fields: RULE, placement: RULE_AT } = ruleFields.RULE_RECORD;
const { fields: ROW, placement: ROW_AT } = ruleFields.ROW_RECORD;

/** A field value as Custom Metadata holds it; null is an empty field. */
export type FieldValue = string | number | boolean | null;

/** One custom metadata record: its type, API name (DeveloperName), label and field values. */
export interface MetadataRecord {
  type: string;
  record: string;
  label: string;
  fields: Record<string, FieldValue>;
}

const MAX_NAME = 40;
const MAX_LABEL = 40;

/** A DeveloperName from any text: letters and digits kept, runs of anything else one underscore. */
export function developerName(text: string, fallback: string): string {
  const ascii = text.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '_');
  let name = ascii.replace(/^_+|_+$/g, '');
  if (!/^[A-Za-z]/.test(name)) name = `${fallback}_${name}`.replace(/_+$/, '');
  return name.slice(0, MAX_NAME).replace(/_+$/, '');
}

function unique(name: string, taken: Set<string>, room: number): string {
  let candidate = name.slice(0, room).replace(/_+$/, '');
  let n = 2;
  while (taken.has(candidate.toLowerCase())) {
    const suffix = `_${n}`;
    candidate = `${name.slice(0, room - suffix.length).replace(/_+$/, '')}${suffix}`;
    n += 1;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}

const rowLabel = (from: string, to: string) => {
  const label = `${from} → ${to}`;
  return label.length <= MAX_LABEL ? label : `${label.slice(0, MAX_LABEL - 1)}…`;
};

function ruleRecord(rule: DraftRule, name: string, ruleSet: string, order: number): MetadataRecord {
  return {
    type: ruleFields.RULE_RECORD.type,
    record: name,
    label: rule.name,
    fields: {
      [RULE_AT.ruleSet.field]: ruleSet,
      [RULE_AT.order.field]: order,
      [RULE_AT.active.field]: true,
      [RULE.teams.field]: rule.teams.length === 0 ? null : rule.teams.join('\n'),
      [RULE.users.field]: rule.users.length === 0 ? null : rule.users.join('\n'),
      [RULE.skipUnavailableCodeValidation.field]: rule.skipUnavailableCodeValidation,
      [RULE['omniWork.atPercent'].field]: rule.omniWork?.atPercent ?? null,
      [RULE['omniWork.acd'].field]: rule.omniWork?.acd ?? null,
      [RULE['acdWork.salesforce'].field]: rule.acdWork?.salesforce ?? null,
      [RULE['acdWork.acw'].field]: rule.acdWork?.acw ?? true,
    },
  };
}

/** The outcome of shaping records: every record, or the problems (with JSON paths) that stop it. */
export type RecordsResult =
  | { readonly ok: true; readonly records: MetadataRecord[] }
  | { readonly ok: false; readonly problems: Problem[] };

/**
 * The records of a rule set: one rule record per rule (in order) and one row record per row and
 * per timed state (Direction `Timeout`), the rule records' API names starting with `prefix` (the rule set's own name by default).
 */
export function recordsFromDraft(
  draft: RuleSetDraft,
  ruleSet: string,
  prefix = developerName(ruleSet, 'Rules'),
): RecordsResult {
  const problems: Problem[] = [];
  if (ruleSet.trim() === '' || ruleSet.length > 80)
    problems.push(importProblem('ruleSet', 'must be 1 to 80 characters'));
  const taken = new Set<string>();
  const records: MetadataRecord[] = [];
  draft.rules.forEach((rule, index) => {
    if (rule.name.length > MAX_LABEL)
      problems.push(
        importProblem(
          `rules[${index}].name`,
          `a rule name is a record label: at most ${MAX_LABEL} characters, this one has ${rule.name.length}`,
        ),
      );
    for (const key of ['teams', 'users'] as const)
      rule[key].forEach((entry, entryIndex) => {
        // The record keeps a list as lines of a Text Area, read back split on lines and commas.
        if (/[\r\n,]/.test(entry))
          problems.push(
            importProblem(
              `rules[${index}].${key}[${entryIndex}]`,
              'a comma or line break cannot be kept in a record (the list is split on them)',
            ),
          );
      });
    (rule.timeouts ?? []).forEach((timeout, timeoutIndex) => {
      // The record's Minutes field keeps three decimals (Number 7, 3): finer would come back changed.
      const thousandths = timeout.minutes * 1000;
      if (Math.abs(thousandths - Math.round(thousandths)) > 1e-6)
        problems.push(
          importProblem(
            `rules[${index}].timeouts[${timeoutIndex}].minutes`,
            'a record keeps minutes to three decimals (0.001 min)',
          ),
        );
    });
    const base = developerName(`${prefix}_${rule.name}`, 'Rule');
    // Room for the longest row suffix (`_Sub_500`) so every row name fits in 40 characters.
    const name = unique(base, taken, MAX_NAME - 8);
    records.push(ruleRecord(rule, name, ruleSet, index + 1));
    for (const [direction, tag] of [
      ['publisher', 'Pub'],
      ['subscriber', 'Sub'],
    ] as const) {
      rule[direction].forEach((row, rowIndex) => {
        const from = direction === 'publisher' ? row.acd : row.salesforce;
        const to = direction === 'publisher' ? row.salesforce : row.acd;
        records.push({
          type: ruleFields.ROW_RECORD.type,
          record: `${name}_${tag}_${rowIndex + 1}`,
          label: rowLabel(from, to),
          fields: {
            [ROW_AT.rule.field]: name,
            [ROW_AT.direction.field]: ruleFields.ROW_RECORD.directions[direction],
            [ROW.acd.field]: row.acd,
            [ROW.salesforce.field]: row.salesforce,
            [ROW_AT.order.field]: rowIndex + 1,
          },
        });
      });
    }
    (rule.timeouts ?? []).forEach((timeout, timeoutIndex) => {
      const timed = 'salesforce' in timeout ? timeout.salesforce : timeout.acd;
      records.push({
        type: ruleFields.ROW_RECORD.type,
        record: `${name}_Tmo_${timeoutIndex + 1}`,
        label: rowLabel(`${timed} ≤ ${timeout.minutes} min`, timeout.then),
        fields: {
          [ROW_AT.rule.field]: name,
          [ROW_AT.direction.field]: ruleFields.ROW_RECORD.directions.timeouts,
          [ROW.acd.field]: 'acd' in timeout ? timeout.acd : null,
          [ROW.salesforce.field]: 'salesforce' in timeout ? timeout.salesforce : null,
          [ROW.minutes.field]: timeout.minutes,
          [ROW.then.field]: timeout.then,
          [ROW_AT.order.field]: timeoutIndex + 1,
        },
      });
    });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, records };
}

const escapeXml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

function valueXml(value: FieldValue): string {
  if (value === null) return '<value xsi:nil="true"/>';
  if (typeof value === 'boolean') return `<value xsi:type="xsd:boolean">${value}</value>`;
  if (typeof value === 'number') return `<value xsi:type="xsd:double">${value}</value>`;
  return `<value xsi:type="xsd:string">${escapeXml(value)}</value>`;
}

/** A record as Salesforce's source format (`customMetadata/<Type>.<Name>.md-meta.xml`). */
export function recordXml(record: MetadataRecord): string {
  const values = Object.entries(record.fields)
    .map(
      ([field, value]) =>
        `    <values>\n        <field>${field}</field>\n        ${valueXml(value)}\n    </values>\n`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">\n' +
    `    <label>${escapeXml(record.label)}</label>\n` +
    '    <protected>false</protected>\n' +
    values +
    '</CustomMetadata>\n'
  );
}

/** The record's file name in a metadata folder: `Presence_Sync_Rule.Name.md`. */
export function recordFileName(record: MetadataRecord): string {
  return `${record.type.replace(/__mdt$/, '')}.${record.record}.md`;
}
