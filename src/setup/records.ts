/**
 * The rule set as the package's Custom Metadata records (`Presence_Sync_Rule__mdt` and
 * `Presence_Sync_Row__mdt`, force-app/main/default/objects): the one field map from the rule
 * document to record fields, used by the export, by the save through Apex (which receives these
 * records), by the demo's reading of records, and by the test that checks each field exists.
 *
 * Invariants: pure; record API names are valid DeveloperNames (a letter first, letters, digits and
 * single underscores, at most 40 characters) and unique; a rule name that cannot be a record label
 * (more than 40 characters) is refused with its JSON path, never cut silently.
 */
import type { Problem } from '../core/errors.js';
import type { DraftRule, RuleSetDraft } from './draft.js';
import { importProblem } from './import-common.js';

/** The rule record's fields, by the rule document's names. */
export const RULE_FIELDS = {
  ruleSet: 'Rule_Set__c',
  order: 'Order__c',
  active: 'Active__c',
  teams: 'Teams__c',
  users: 'Users__c',
  skipUnavailableCodeValidation: 'Skip_Unavailable_Code_Validation__c',
  omniWorkAtPercent: 'Omni_Work_At_Percent__c',
  omniWorkAcd: 'Omni_Work_Acd_State__c',
  acdWorkStatus: 'Acd_Work_Status__c',
  acdWorkDuringAcw: 'Acd_Work_During_Acw__c',
} as const;

/** The row record's fields, by the rule document's names. */
export const ROW_FIELDS = {
  rule: 'Rule__c',
  direction: 'Direction__c',
  acd: 'Acd_State__c',
  salesforce: 'Salesforce_Status__c',
  order: 'Order__c',
} as const;

/** The two custom metadata types. */
export const RULE_TYPE = 'Presence_Sync_Rule__mdt';
export const ROW_TYPE = 'Presence_Sync_Row__mdt';

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
    type: RULE_TYPE,
    record: name,
    label: rule.name,
    fields: {
      [RULE_FIELDS.ruleSet]: ruleSet,
      [RULE_FIELDS.order]: order,
      [RULE_FIELDS.active]: true,
      [RULE_FIELDS.teams]: rule.teams.length === 0 ? null : rule.teams.join('\n'),
      [RULE_FIELDS.users]: rule.users.length === 0 ? null : rule.users.join('\n'),
      [RULE_FIELDS.skipUnavailableCodeValidation]: rule.skipUnavailableCodeValidation,
      [RULE_FIELDS.omniWorkAtPercent]: rule.omniWork?.atPercent ?? null,
      [RULE_FIELDS.omniWorkAcd]: rule.omniWork?.acd ?? null,
      [RULE_FIELDS.acdWorkStatus]: rule.acdWork?.salesforce ?? null,
      [RULE_FIELDS.acdWorkDuringAcw]: rule.acdWork?.acw ?? true,
    },
  };
}

/** The outcome of shaping records: every record, or the problems (with JSON paths) that stop it. */
export type RecordsResult =
  | { readonly ok: true; readonly records: MetadataRecord[] }
  | { readonly ok: false; readonly problems: Problem[] };

/**
 * The records of a rule set: one rule record per rule (in order) and one row record per row,
 * the rule records' API names starting with `prefix` (the rule set's own name by default).
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
          type: ROW_TYPE,
          record: `${name}_${tag}_${rowIndex + 1}`,
          label: rowLabel(from, to),
          fields: {
            [ROW_FIELDS.rule]: name,
            [ROW_FIELDS.direction]: direction === 'publisher' ? 'Publisher' : 'Subscriber',
            [ROW_FIELDS.acd]: row.acd,
            [ROW_FIELDS.salesforce]: row.salesforce,
            [ROW_FIELDS.order]: rowIndex + 1,
          },
        });
      });
    }
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
