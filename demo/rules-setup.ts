/**
 * The demo's rules editor: `<presence-sync-setup>` against a simulated org (the demo's statuses,
 * two agent profiles, the simulated CXone team's codes), starting from the seeds' example rule,
 * with a sample of NICE's presence-sync rule and of the Webex connector's settings to import, and
 * "Save" applying the rule set to the demo's live element (in Salesforce it deploys records).
 */
import type { CatalogSnapshot } from '../src/setup/catalog.js';
import '../src/setup/define-setup.js';
import type { PresenceSyncSetupElement } from '../src/setup/setup-element.js';
import { CODES, STATUSES } from '../test/core/fixtures.js';

/** The simulated org: every status granted to the chat agents; the voice agents lack Chat_Done. */
const ORG: CatalogSnapshot = {
  statuses: STATUSES.map(({ id, apiName, label, online }) => ({ id, apiName, label, online })),
  groups: [
    {
      profile: 'Chat Agent',
      permissionSets: ['Presence_Sync_User'],
      agents: 14,
      statuses: STATUSES.map((status) => status.apiName),
    },
  ],
  codes: { source: 'cxone', codes: CODES },
};

/**
 * NICE's rule as its Adapters API answers (`publisherStateMap` / `subscriberStateMap`), as an admin
 * typed it in CXone: one status in the wrong case ("away"), which preflight finds.
 */
export const NICE_SAMPLE = {
  publisherStateMap: [
    { incontactAgentState: 'Available', partnerAgentState: 'Available_for_Chats' },
    { incontactAgentState: 'Inbound Contact', partnerAgentState: 'Busy_On_Call' },
    { incontactAgentState: 'Lunch', partnerAgentState: 'away' },
    { incontactAgentState: 'Logged Out', partnerAgentState: 'Offline' },
  ],
  subscriberStateMap: [
    { partnerAgentState: 'Available_for_Chats', incontactAgentState: 'Available' },
    { partnerAgentState: 'Away', incontactAgentState: 'Lunch' },
    { partnerAgentState: 'Chat_Done', incontactAgentState: 'Previous State' },
    { partnerAgentState: 'Offline', incontactAgentState: 'Unavailable' },
  ],
};

/** The Webex connector's three settings as its Call Center record holds them. */
export const WEBEX_SAMPLE = {
  enableOmniChannelSync: 'true',
  omniChannelNotReadyReason: 'Busy on call',
  wxCCIdleReasonCode: 'Chat',
};

/**
 * Mounts the editor in `root`; `apply` gets each saved rule set as JSON (the live element's
 * rules). Returns the element.
 */
export function mountRulesSetup(
  root: HTMLElement,
  rules: string,
  apply: (rules: string) => void,
): PresenceSyncSetupElement {
  const el = document.createElement('presence-sync-setup');
  el.rules = rules;
  el.ruleSet = 'Demo';
  el.catalog = { load: async () => ORG };
  el.saver = {
    save: async ({ document }) => {
      apply(JSON.stringify(document, null, 2));
      return { ok: true, message: 'applied to the demo’s <presence-sync>' };
    },
  };
  root.querySelector('#rules-setup-host')?.replaceChildren(el);
  root
    .querySelector('#rules-setup-nice')
    ?.addEventListener('click', () =>
      el.previewImport('nice', JSON.stringify(NICE_SAMPLE, null, 2), 'Chat and voice'),
    );
  root
    .querySelector('#rules-setup-webex')
    ?.addEventListener('click', () =>
      el.previewImport('webex', JSON.stringify(WEBEX_SAMPLE, null, 2), 'Webex'),
    );
  return el;
}
