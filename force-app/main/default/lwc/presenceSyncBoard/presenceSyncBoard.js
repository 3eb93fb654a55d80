import { LightningElement, api } from 'lwc';
import { loadScript } from 'lightning/platformResourceLoader';
import BOARD_URL from '@salesforce/resourceUrl/presenceSyncBoard';
import USER_LANGUAGE from '@salesforce/i18n/lang';
import BOARD_LOAD_FAILED from '@salesforce/label/c.PresenceSync_BoardLoadFailed';
import listFleet from '@salesforce/apex/PresenceSyncHealth.listFleet';
import requestResync from '@salesforce/apex/PresenceSyncHealth.requestResync';
import { createFleetSource } from './fleetSource';

function messageOf(error) {
  if (typeof error === 'string') return error;
  if (error && error.body && typeof error.body.message === 'string') return error.body.message;
  if (error && typeof error.message === 'string') return error.message;
  return 'unknown error';
}

/**
 * Hosts <presence-sync-board> (the static resource presenceSyncBoard, loaded with loadScript) on
 * the Presence Sync Board tab or an App Page, fed by the PresenceSyncHealth Apex class.
 */
export default class PresenceSyncBoard extends LightningElement {
  /** Seconds between refreshes (5–3600); default 30. */
  @api refreshS;
  /** UI language; empty follows the user's Salesforce language. */
  @api locale;

  ready = false;
  loadError;
  element;

  get boardLocale() {
    return this.locale || USER_LANGUAGE;
  }

  get boardRefreshS() {
    return this.refreshS || undefined;
  }

  connectedCallback() {
    loadScript(this, BOARD_URL).then(
      () => {
        this.ready = true;
      },
      (error) => {
        this.loadError = String(BOARD_LOAD_FAILED).replace('{0}', messageOf(error));
      },
    );
  }

  renderedCallback() {
    if (!this.ready || this.element) return;
    const element = this.template.querySelector('presence-sync-board');
    if (!element) return;
    this.element = element;
    element.source = createFleetSource({ listFleet, requestResync });
  }

  disconnectedCallback() {
    this.element = undefined;
  }
}
