import { LightningElement, api } from 'lwc';
import { loadScript } from 'lightning/platformResourceLoader';
import { subscribe, unsubscribe, onError } from 'lightning/empApi';
import SETUP_URL from '@salesforce/resourceUrl/presenceSyncSetup';
import USER_LANGUAGE from '@salesforce/i18n/lang';
import getCatalog from '@salesforce/apex/PresenceSyncSetup.getCatalog';
import saveRules from '@salesforce/apex/PresenceSyncSetup.save';
import getRuleDocument from '@salesforce/apex/PresenceSyncRules.getRuleDocument';

/** The platform event PresenceSyncSetup.Outcome publishes when a deployment ends. */
export const RESULT_CHANNEL = '/event/Presence_Sync_Setup_Result__e';
/** How long the page waits for a deployment's outcome before saying where to look instead. */
export const OUTCOME_TIMEOUT_MS = 120000;

function messageOf(error) {
  if (typeof error === 'string') return error;
  if (error && error.body && typeof error.body.message === 'string') return error.body.message;
  if (error && typeof error.message === 'string') return error.message;
  return 'unknown error';
}

/**
 * The deployment outcome for one job from the platform event channel: resolves with
 * `{ ok, message }` when the event for `jobId` arrives, or after `timeoutMs` with a message that
 * the deployment is still running (Setup › Deployment Status shows it).
 */
export function waitForOutcome(jobId, timeoutMs = OUTCOME_TIMEOUT_MS) {
  return new Promise((resolve) => {
    let subscription;
    let timer;
    const finish = (outcome) => {
      clearTimeout(timer);
      if (subscription) unsubscribe(subscription, () => {});
      resolve(outcome);
    };
    // A deployment's outcome is an event that may never come (the channel dropped): bound the wait.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    timer = setTimeout(
      () =>
        finish({
          ok: false,
          message: `deployment ${jobId} is still running; see Setup › Deployment Status`,
        }),
      timeoutMs,
    );
    subscribe(RESULT_CHANNEL, -1, (event) => {
      const payload = event && event.data && event.data.payload;
      if (!payload || payload.Job_Id__c !== jobId) return;
      finish({
        ok: payload.Success__c === true,
        message: `${jobId}: ${String(payload.Message__c || '')}`,
      });
    }).then((value) => {
      subscription = value;
    });
  });
}

/**
 * Hosts <presence-sync-setup> (the static resource presenceSyncSetup, loaded with loadScript) on a
 * Lightning App Page or the Presence Sync Setup tab, for admins: the catalog and the save go
 * through Apex (PresenceSyncSetup), the rule set starts from its Custom Metadata records, and a
 * save's outcome comes back as a platform event.
 */
export default class PresenceSyncSetupHost extends LightningElement {
  /** The rule set to edit (the Presence Sync Rule records' Rule Set). */
  @api ruleSet = 'Default';

  ready = false;
  loadError;
  rules;

  get elementLocale() {
    return USER_LANGUAGE;
  }

  get catalogPort() {
    return { load: async () => JSON.parse(await getCatalog()) };
  }

  get saverPort() {
    return {
      save: async ({ ruleSet, records }) => {
        let jobId;
        try {
          jobId = await saveRules({ ruleSet, recordsJson: JSON.stringify(records) });
        } catch (error) {
          // Apex errors arrive as { body: { message } }: the element shows an Error's message.
          throw new Error(messageOf(error));
        }
        return waitForOutcome(jobId);
      },
    };
  }

  async connectedCallback() {
    onError((error) => {
      this.loadError = `Deployment outcomes cannot be received: ${messageOf(error)}`;
    });
    try {
      await loadScript(this, SETUP_URL);
    } catch (error) {
      this.loadError = `The presenceSyncSetup static resource did not load: ${messageOf(error)}`;
      return;
    }
    try {
      const result = await getRuleDocument({ ruleSet: this.ruleSet });
      this.rules = result && result.rules > 0 ? result.document : undefined;
    } catch {
      // A rule set without records starts empty; the admin builds or imports it here.
      this.rules = undefined;
    }
    this.ready = true;
  }

  renderedCallback() {
    const element = this.template.querySelector('presence-sync-setup');
    if (!element || element.saver) return;
    element.catalog = this.catalogPort;
    element.saver = this.saverPort;
  }
}
