/**
 * The package's rule records as the demo shows them (Setup › Custom Metadata Types), shaped into
 * the rule document as the Apex class `PresenceSyncRules.toDocument` shapes them in an org: the
 * active rules of one rule set by Order then API name, each with its rows by Order then API name,
 * and where each part came from (its JSON path, type, record and label). The element stays the
 * one validator; this only shapes. Fields are named by the package's one field map
 * (lwc/presenceSyncHost/ruleFields.js).
 */
import {
  ROW_RECORD,
  RULE_RECORD,
} from '../force-app/main/default/lwc/presenceSyncHost/ruleFields.js';
import type { MetadataRecord } from '../src/setup/records.js';

const { fields: RULE, placement: RULE_AT } = RULE_RECORD;
const { fields: ROW, placement: ROW_AT } = ROW_RECORD;

/** One record, as `/__salesforce/records.json` lists it (scripts/salesforce-metadata.cjs). */
export type { MetadataRecord };

/** Where one part of the document came from, as `PresenceSyncRules.Source` says it. */
export interface RecordSource {
  path: string;
  type: string;
  record: string;
  label: string;
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
/** A Text Area's entries: one per line (or comma), trimmed, blanks dropped. */
const lines = (value: unknown) =>
  text(value)
    .split(/[\r\n,]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
/** Records by their Order field, then by API name, as the Apex query orders them. */
const byOrder = (field: string) => (a: MetadataRecord, b: MetadataRecord) =>
  Number(a.fields[field] ?? 0) - Number(b.fields[field] ?? 0) ||
  (a.record < b.record ? -1 : a.record > b.record ? 1 : 0);

/** The rule's list a row belongs to, by its Direction (a publisher row when it has none). */
const listOf = (direction: unknown): keyof typeof ROW_RECORD.directions =>
  direction === ROW_RECORD.directions.subscriber
    ? 'subscriber'
    : direction === ROW_RECORD.directions.timeouts
      ? 'timeouts'
      : 'publisher';

const rowOf = (row: MetadataRecord) => ({
  acd: text(row.fields[ROW.acd.field]),
  salesforce: text(row.fields[ROW.salesforce.field]),
});

/** A Timeout row: whichever value field is filled (both or neither passed as they are), minutes, then. */
function timeoutOf(row: MetadataRecord): Record<string, unknown> {
  const entry: Record<string, unknown> = {};
  const salesforce = text(row.fields[ROW.salesforce.field]);
  const acd = text(row.fields[ROW.acd.field]);
  if (salesforce !== '') entry.salesforce = salesforce;
  if (acd !== '') entry.acd = acd;
  const minutes = row.fields[ROW.minutes.field];
  entry.minutes = typeof minutes === 'number' ? minutes : null;
  entry.then = text(row.fields[ROW.then.field]);
  return entry;
}

/** The rule document of one rule set, and the record each part of it came from. */
export function documentFromRecords(
  records: readonly MetadataRecord[],
  ruleSet: string,
): { document: { version: 1; rules: unknown[] }; sources: RecordSource[] } {
  const sources: RecordSource[] = [];
  const source = (path: string, record: MetadataRecord) =>
    sources.push({ path, type: record.type, record: record.record, label: record.label });
  const rules = records
    .filter(
      (record) =>
        record.type === RULE_RECORD.type &&
        record.fields[RULE_AT.ruleSet.field] === ruleSet &&
        record.fields[RULE_AT.active.field] === true,
    )
    .sort(byOrder(RULE_AT.order.field))
    .map((rule, index) => {
      const path = `rules[${index}]`;
      source(path, rule);
      const shaped: Record<string, unknown> = {
        name: rule.label,
        teams: lines(rule.fields[RULE.teams.field]),
        users: lines(rule.fields[RULE.users.field]),
        skipUnavailableCodeValidation:
          rule.fields[RULE.skipUnavailableCodeValidation.field] === true,
      };
      const lists: Record<keyof typeof ROW_RECORD.directions, unknown[]> = {
        publisher: [],
        subscriber: [],
        timeouts: [],
      };
      for (const row of records
        .filter((r) => r.type === ROW_RECORD.type && r.fields[ROW_AT.rule.field] === rule.record)
        .sort(byOrder(ROW_AT.order.field))) {
        const key = listOf(row.fields[ROW_AT.direction.field]);
        source(`${path}.${key}[${lists[key].length}]`, row);
        lists[key].push(key === 'timeouts' ? timeoutOf(row) : rowOf(row));
      }
      shaped.publisher = lists.publisher;
      shaped.subscriber = lists.subscriber;
      if (lists.timeouts.length > 0) shaped.timeouts = lists.timeouts;
      const atPercent = rule.fields[RULE['omniWork.atPercent'].field];
      const omniAcd = text(rule.fields[RULE['omniWork.acd'].field]);
      const acdWork = text(rule.fields[RULE['acdWork.salesforce'].field]);
      if (omniAcd !== '' || typeof atPercent === 'number')
        shaped.omniWork = {
          atPercent: typeof atPercent === 'number' ? atPercent : null,
          acd: omniAcd,
        };
      if (acdWork !== '')
        shaped.acdWork = {
          salesforce: acdWork,
          acw: rule.fields[RULE['acdWork.acw'].field] !== false,
        };
      return shaped;
    });
  return { document: { version: 1, rules }, sources };
}
