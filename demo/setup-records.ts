/**
 * The package's rule records as the demo shows them (Setup › Custom Metadata Types), shaped into
 * the rule document as the Apex class `PresenceSyncRules.toDocument` shapes them in an org: the
 * active rules of one rule set by Order then API name, each with its rows by Order then API name,
 * and where each part came from (its JSON path, type, record and label). The element stays the
 * one validator; this only shapes.
 */

/** One record, as `/__salesforce/records.json` lists it (scripts/salesforce-metadata.cjs). */
export interface MetadataRecord {
  type: string;
  record: string;
  label: string;
  fields: Record<string, string | number | boolean | null>;
}

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
const order = (a: MetadataRecord, b: MetadataRecord) =>
  Number(a.fields.Order__c ?? 0) - Number(b.fields.Order__c ?? 0) ||
  (a.record < b.record ? -1 : a.record > b.record ? 1 : 0);

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
        record.type === 'Presence_Sync_Rule__mdt' &&
        record.fields.Rule_Set__c === ruleSet &&
        record.fields.Active__c === true,
    )
    .sort(order)
    .map((rule, index) => {
      const path = `rules[${index}]`;
      source(path, rule);
      const shaped: Record<string, unknown> = {
        name: rule.label,
        teams: lines(rule.fields.Teams__c),
        users: lines(rule.fields.Users__c),
        skipUnavailableCodeValidation: rule.fields.Skip_Unavailable_Code_Validation__c === true,
      };
      const publisher: unknown[] = [];
      const subscriber: unknown[] = [];
      for (const row of records
        .filter((r) => r.type === 'Presence_Sync_Row__mdt' && r.fields.Rule__c === rule.record)
        .sort(order)) {
        const isPublisher = row.fields.Direction__c !== 'Subscriber';
        const side = isPublisher ? publisher : subscriber;
        source(`${path}.${isPublisher ? 'publisher' : 'subscriber'}[${side.length}]`, row);
        side.push({
          acd: text(row.fields.Acd_State__c),
          salesforce: text(row.fields.Salesforce_Status__c),
        });
      }
      shaped.publisher = publisher;
      shaped.subscriber = subscriber;
      const atPercent = rule.fields.Omni_Work_At_Percent__c;
      if (text(rule.fields.Omni_Work_Acd_State__c) !== '' || typeof atPercent === 'number')
        shaped.omniWork = {
          atPercent: typeof atPercent === 'number' ? atPercent : null,
          acd: text(rule.fields.Omni_Work_Acd_State__c),
        };
      if (text(rule.fields.Acd_Work_Status__c) !== '')
        shaped.acdWork = {
          salesforce: text(rule.fields.Acd_Work_Status__c),
          acw: rule.fields.Acd_Work_During_Acw__c !== false,
        };
      return shaped;
    });
  return { document: { version: 1, rules }, sources };
}
