/**
 * The rule document (docs/contract.md §4) as the package's Custom Metadata holds it: for each of
 * the two types, which field keeps each document key and the label Setup shows for that field.
 * This is the one field map: the host's problem notices (ruleSources.js) name fields by it, the
 * rules editor writes records by it (src/setup/records.ts, built into the editor's static
 * resource), the demo shapes and shows records by it, and force-app/test/metadata.test.js holds it
 * to each field's metadata, to PresenceSyncRules.cls's queries and to PresenceSyncRulesTest.cls.
 *
 * `fields` are keyed by the document's own path under a rule (`omniWork.atPercent`) or under a
 * row (`acd`); a problem on an object or list (`rules[0].omniWork`) names its first field listed
 * here. `placement` fields say where a record sits (rule set, order, owner) and are no document key.
 * Plain data with no imports, so the LWC, TypeScript, the demo and Node can all read it.
 */

/** The rule type: one record per rule of a rule set. */
export const RULE_RECORD = /** @type {const} */ ({
  type: 'Presence_Sync_Rule__mdt',
  label: 'Presence Sync Rule',
  fields: {
    name: { field: 'MasterLabel', label: 'Label' },
    teams: { field: 'Teams__c', label: 'Teams' },
    users: { field: 'Users__c', label: 'Users' },
    skipUnavailableCodeValidation: {
      field: 'Skip_Unavailable_Code_Validation__c',
      label: 'Skip Unavailable Code Validation',
    },
    'omniWork.acd': { field: 'Omni_Work_Acd_State__c', label: 'Omni Work ACD State' },
    'omniWork.atPercent': { field: 'Omni_Work_At_Percent__c', label: 'Omni Work At Percent' },
    'acdWork.salesforce': { field: 'Acd_Work_Status__c', label: 'ACD Work Status' },
    'acdWork.acw': { field: 'Acd_Work_During_Acw__c', label: 'ACD Work During ACW' },
  },
  placement: {
    ruleSet: { field: 'Rule_Set__c', label: 'Rule Set' },
    order: { field: 'Order__c', label: 'Order' },
    active: { field: 'Active__c', label: 'Active' },
  },
});

/** The row type: one record per entry of a rule's lists (rows and timeouts), named by its Direction. */
export const ROW_RECORD = /** @type {const} */ ({
  type: 'Presence_Sync_Row__mdt',
  label: 'Presence Sync Row',
  fields: {
    acd: { field: 'Acd_State__c', label: 'ACD State' },
    salesforce: { field: 'Salesforce_Status__c', label: 'Salesforce Status' },
    minutes: { field: 'Minutes__c', label: 'Minutes' },
    then: { field: 'Then__c', label: 'Then' },
  },
  placement: {
    rule: { field: 'Rule__c', label: 'Rule' },
    direction: { field: 'Direction__c', label: 'Direction' },
    order: { field: 'Order__c', label: 'Order' },
  },
  /**
   * The rule's list a row belongs to → its Direction__c value. A publisher or subscriber row gives
   * `acd` and `salesforce`; a timeout row gives one of them (the state it times), `minutes` and `then`.
   */
  directions: { publisher: 'Publisher', subscriber: 'Subscriber', timeouts: 'Timeout' },
});
