/**
 * Golden fixtures: each importer's input and exactly the rule set (and notes) it must give.
 * NICE's answer follows its Adapters API shape (`@nice-devone/common-sdk@25.1.2`,
 * `cxone-partner-presence-sync-rule-mapping.js`); the Webex settings are the connector's
 * call-center items (CiscoDevNet/webex-contact-center-crm-integrations, `OpenCTI.callCenter-meta.xml`
 * and the legacy `sfdc-callcenter-definition-file.xml`).
 */

/** NICE's rule for the seeds' Elinor, with codes, Previous State and entries to leave out. */
export const NICE_INPUT = {
  publisherStateMap: [
    { incontactAgentState: 'Available', partnerAgentState: 'Available_for_Chats' },
    { incontactAgentState: 'Inbound Contact', partnerAgentState: 'Busy_On_Call' },
    { incontactAgentState: 'Lunch', partnerAgentState: 'Away' },
    { incontactAgentState: 'Logged Out', partnerAgentState: 'Offline' },
    { incontactAgentState: 'Meeting', partnerAgentState: '' },
    { incontactAgentState: 'Wrap', partnerAgentState: 'Busy' },
    { incontactAgentState: 'Available', partnerAgentState: 'Busy' },
    { incontactAgentState: 'Training', partnerAgentState: 'In Training' },
    { incontactAgentState: 'Previous State', partnerAgentState: 'Away' },
  ],
  subscriberStateMap: [
    { partnerAgentState: 'Available_for_Chats', incontactAgentState: 'Available' },
    { partnerAgentState: 'Away', incontactAgentState: 'Lunch' },
    { partnerAgentState: 'Chat_Done', incontactAgentState: 'Previous State' },
    { partnerAgentState: 'Offline', incontactAgentState: 'Unavailable' },
    { partnerAgentState: 'Busy_On_Call', incontactAgentState: 'Inbound Contact' },
    { partnerAgentState: 'Coffee corner', incontactAgentState: 'Available' },
    { partnerAgentState: 'In_Training', incontactAgentState: null },
  ],
  ruleId: 'r-17',
};

export const NICE_EXPECTED = {
  version: 1,
  rules: [
    {
      name: 'CXone',
      teams: [],
      users: [],
      skipUnavailableCodeValidation: false,
      publisher: [
        { acd: 'Available', salesforce: 'Available_for_Chats' },
        { acd: 'InboundContact', salesforce: 'Busy_On_Call' },
        { acd: 'Unavailable/Lunch', salesforce: 'Away' },
        { acd: 'LoggedOut', salesforce: 'Offline' },
        { acd: 'ACW/Wrap', salesforce: 'Busy' },
        { acd: 'Unavailable/Training', salesforce: 'In_Training' },
      ],
      subscriber: [
        { acd: 'Available', salesforce: 'Available_for_Chats' },
        { acd: 'Unavailable/Lunch', salesforce: 'Away' },
        { acd: 'PreviousState', salesforce: 'Chat_Done' },
        { acd: 'Unavailable', salesforce: 'Offline' },
      ],
    },
  ],
};

export const NICE_NOTES = [
  { code: 'ignored-field', path: 'ruleId', params: { value: 'ruleId' } },
  { code: 'unmapped', path: 'publisherStateMap[4]', params: { value: 'Meeting' } },
  { code: 'duplicate', path: 'publisherStateMap[6]', params: { first: 'publisherStateMap[0]' } },
  {
    code: 'status-from-label',
    path: 'publisherStateMap[7].partnerAgentState',
    params: { value: 'In Training', status: 'In_Training' },
  },
  {
    code: 'previous-on-publisher',
    path: 'publisherStateMap[8].incontactAgentState',
    params: { value: 'Previous State' },
  },
  {
    code: 'not-settable',
    path: 'subscriberStateMap[4].incontactAgentState',
    params: { value: 'Inbound Contact' },
  },
  {
    code: 'status-unknown',
    path: 'subscriberStateMap[5].partnerAgentState',
    params: { value: 'Coffee corner' },
  },
  { code: 'unmapped', path: 'subscriberStateMap[6]', params: { value: 'In_Training' } },
];

/** The v2 connector's three settings as Call Center text: CONTRACT §5.4's example rule. */
export const WEBEX_INPUT = {
  enableOmniChannelSync: 'true',
  omniChannelNotReadyReason: 'Busy_On_Call',
  wxCCIdleReasonCode: 'Chat',
};

export const WEBEX_EXPECTED = {
  version: 1,
  rules: [
    {
      name: 'Webex',
      teams: [],
      users: [],
      skipUnavailableCodeValidation: false,
      publisher: [],
      subscriber: [],
      acdWork: { salesforce: 'Busy_On_Call', acw: true },
      omniWork: { atPercent: 0.01, acd: 'Unavailable/Chat' },
    },
  ],
};

/** The legacy connector's names, a status label, sync off and a blank idle code. */
export const WEBEX_LEGACY_INPUT = {
  isOmniStateSyncEnabled: false,
  defaultOmniStateForCall: 'On Call',
  defaultOmniStateForOmniChannel: '  ',
};

export const WEBEX_LEGACY_EXPECTED = {
  version: 1,
  rules: [
    {
      name: 'Webex',
      teams: [],
      users: [],
      skipUnavailableCodeValidation: false,
      publisher: [],
      subscriber: [],
      acdWork: { salesforce: 'Busy_On_Call', acw: true },
    },
  ],
};

export const WEBEX_LEGACY_NOTES = [
  { code: 'cisco-sync-off', path: 'isOmniStateSyncEnabled', params: {} },
  {
    code: 'status-from-label',
    path: 'defaultOmniStateForCall',
    params: { value: 'On Call', status: 'Busy_On_Call' },
  },
  { code: 'blank-setting', path: 'defaultOmniStateForOmniChannel', params: {} },
];

/** The seeds' example rule (docs/contract.md §4), as a rule document. */
export const SEED_RULE = {
  version: 1,
  rules: [
    {
      name: 'Chat and voice',
      publisher: [
        { acd: 'Available', salesforce: 'Available_for_Chats' },
        { acd: 'InboundContact', salesforce: 'Busy_On_Call' },
        { acd: 'Lunch', salesforce: 'Away' },
        { acd: 'LoggedOut', salesforce: 'Offline' },
      ],
      subscriber: [
        { salesforce: 'Available_for_Chats', acd: 'Available' },
        { salesforce: 'Away', acd: 'Unavailable/Lunch' },
        { salesforce: 'Chat_Done', acd: 'PreviousState' },
        { salesforce: 'Offline', acd: 'Unavailable' },
      ],
      omniWork: { atPercent: 100, acd: 'Unavailable/Chat' },
      skipUnavailableCodeValidation: false,
      teams: ['Tier 1'],
      users: [],
    },
  ],
};
