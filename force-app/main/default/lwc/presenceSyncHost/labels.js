/**
 * The host's notices, as Custom Labels (labels/CustomLabels.labels-meta.xml, translated in
 * translations/ into the element's other five languages), so Salesforce shows each user the one in
 * their language. A label's `{0}`, `{1}` … are filled by `format`.
 */
import STANDALONE from '@salesforce/label/c.PresenceSync_Standalone';
import LOAD_FAILED from '@salesforce/label/c.PresenceSync_LoadFailed';
import RULES_NO_DOCUMENT from '@salesforce/label/c.PresenceSync_RulesNoDocument';
import RULES_EMPTY from '@salesforce/label/c.PresenceSync_RulesEmpty';
import RULES_FAILED from '@salesforce/label/c.PresenceSync_RulesFailed';
import ORG_ID_FAILED from '@salesforce/label/c.PresenceSync_OrgIdFailed';
import LANGUAGE_PACK_FAILED from '@salesforce/label/c.PresenceSync_LanguagePackFailed';
import FIX_RECORD from '@salesforce/label/c.PresenceSync_FixRecord';
import FIX_RECORD_FIELD from '@salesforce/label/c.PresenceSync_FixRecordField';

export const LABELS = {
  standalone: STANDALONE,
  loadFailed: LOAD_FAILED,
  rulesNoDocument: RULES_NO_DOCUMENT,
  rulesEmpty: RULES_EMPTY,
  rulesFailed: RULES_FAILED,
  orgIdFailed: ORG_ID_FAILED,
  languagePackFailed: LANGUAGE_PACK_FAILED,
  fixRecord: FIX_RECORD,
  fixRecordField: FIX_RECORD_FIELD,
};

/** `template` with each `{n}` replaced by `values[n]`; a placeholder without a value stays as it is. */
export function format(template, ...values) {
  return String(template).replace(/\{(\d+)\}/g, (placeholder, index) => {
    const at = Number(index);
    return at < values.length ? String(values[at]) : placeholder;
  });
}
