import { LightningElement, api, wire } from 'lwc';
import { loadScript } from 'lightning/platformResourceLoader';
import { EnclosingUtilityId, updateUtility } from 'lightning/platformUtilityBarApi';
import PRESENCE_SYNC_URL from '@salesforce/resourceUrl/presenceSync';
import USER_ID from '@salesforce/user/Id';
import USER_LANGUAGE from '@salesforce/i18n/lang';
import listStatuses from '@salesforce/apex/PresenceSyncController.listStatuses';
import getOrgId from '@salesforce/apex/PresenceSyncController.getOrgId';
import getRuleDocument from '@salesforce/apex/PresenceSyncRules.getRuleDocument';
import reportHealth from '@salesforce/apex/PresenceSyncHealth.report';
import { createHealthPort } from './healthPort';
import { createOmniBridge } from './omniBridge';
import { utilityStateOf } from './utilityState';
import { languagePackOf } from './languagePacks';
import { readSources, recordNoticeOf } from './ruleSources';
import { LABELS, format } from './labels';

const PRODUCT = 'Presence Sync';

function messageOf(error) {
  if (typeof error === 'string') return error;
  if (error && error.body && typeof error.body.message === 'string') return error.body.message;
  if (error && typeof error.message === 'string') return error.message;
  return 'unknown error';
}

/**
 * Hosts <presence-sync> (the static resource presenceSync, loaded with loadScript) inside the
 * Presence Sync Aura utility, which owns the Omni-Channel toolkit: toolkit calls leave as
 * `omnicall` events, results and console events come back through omniResult and omniEvent.
 * The element's phase is mirrored into the utility item's label and icon.
 */
export default class PresenceSyncHost extends LightningElement {
  /** The presence rule document (JSON): when given, it overrides the rule set. */
  @api rules;
  /** The rule set (Presence Sync Rule records' Rule Set) to read from Custom Metadata. */
  @api ruleSet;
  /** Space-separated origins allowed to speak for the agent app. */
  @api agentOrigin;
  /** Optional URL of the agent app, run in the element's own iframe. */
  @api agentSrc;
  /** `bridge` (default) or `cxone-client-events`. */
  @api agentProtocol;
  /** `active` (default), `shadow` or `off`. */
  @api mode;
  /** `latest` (default), `salesforce` or `acd`. */
  @api authority;
  /** `acd` (default), `salesforce` or `none`. */
  @api startup;
  /** Echo window in milliseconds (default 5000). */
  @api echoWindowMs;
  /** UI language; empty follows the user's Salesforce language. */
  @api locale;
  /** Minutes between sync-health reports for supervisors (default 5; 0 off). */
  @api healthHeartbeatMin;
  /** Minutes without input before the idle status is set (default 0: off). */
  @api idleMinutes;
  /** The presence status API name set when idle. */
  @api idleStatus;
  /** The contact-center state set when the last console tab closes (default none). */
  @api sessionEnd;
  /** Set by the Aura utility that owns the toolkit. Without it Omni-Channel cannot be reached. */
  @api bridged = false;

  userId = USER_ID;
  orgId;
  ready = false;
  loadError;
  orgNotice;
  languageNotice;
  rulesNotice;
  /** The rule set's document and where its parts came from, when read from Custom Metadata. */
  ruleDocument;
  sources = [];
  recordNotices = [];
  utilityId;
  phase = 'waiting';
  shown;
  bridge;
  element;

  @wire(EnclosingUtilityId)
  wiredUtilityId(value) {
    this.utilityId = typeof value === 'string' && value ? value : undefined;
    this.showPhase(true);
  }

  /** One Omni-Channel console event from the Aura handlers. */
  @api
  omniEvent(type, detail) {
    return this.bridge ? this.bridge.deliverEvent(type, detail) : false;
  }

  /** The Aura side's answer to one `omnicall`. */
  @api
  omniResult(callId, ok, value) {
    return this.bridge ? this.bridge.deliverResult(callId, ok, value) : false;
  }

  get isBridged() {
    return this.bridged === true || this.bridged === 'true';
  }

  /** What the host has to say, most serious first: errors as alerts, degraded starts as status. */
  get notices() {
    const standalone = this.isBridged ? undefined : LABELS.standalone;
    return [
      { key: 'standalone', role: 'alert', text: standalone },
      { key: 'load', role: 'alert', text: this.loadError },
      { key: 'rules', role: 'alert', text: this.rulesNotice },
      ...this.recordNotices.map((text, index) => ({ key: `record-${index}`, role: 'alert', text })),
      { key: 'org', role: 'status', text: this.orgNotice },
      { key: 'language', role: 'status', text: this.languageNotice },
    ].filter((notice) => notice.text);
  }

  /** The rule document the element gets: the JSON attribute, else the rule set's. */
  get elementRules() {
    return this.rules ? this.rules : this.ruleDocument;
  }

  get elementLocale() {
    return this.locale || USER_LANGUAGE;
  }

  get elementAgentSrc() {
    return this.agentSrc || undefined;
  }

  get elementHealthHeartbeatMin() {
    return this.healthHeartbeatMin === undefined || this.healthHeartbeatMin === null
      ? undefined
      : String(this.healthHeartbeatMin);
  }

  get elementIdleMinutes() {
    return this.idleMinutes === undefined || this.idleMinutes === null
      ? undefined
      : String(this.idleMinutes);
  }

  get elementIdleStatus() {
    return this.idleStatus || undefined;
  }

  get elementSessionEnd() {
    return this.sessionEnd || undefined;
  }

  get elementAgentProtocol() {
    return this.agentProtocol || undefined;
  }

  connectedCallback() {
    this.bridge = createOmniBridge({
      send: (call) => this.dispatchEvent(new CustomEvent('omnicall', { detail: call })),
      listStatuses: () => listStatuses(),
    });
    Promise.all([
      loadScript(this, PRESENCE_SYNC_URL),
      this.loadLanguagePack(),
      this.loadRuleSet(),
      getOrgId().then(
        (orgId) => orgId,
        (error) => {
          this.orgNotice = format(LABELS.orgIdFailed, messageOf(error));
          return undefined;
        },
      ),
    ]).then(
      ([, , , orgId]) => {
        this.orgId = orgId || undefined;
        this.ready = true;
      },
      (error) => {
        this.loadError = format(LABELS.loadFailed, messageOf(error));
        this.phase = 'error';
        this.showPhase(false);
      },
    );
  }

  /** The rule set's document from Custom Metadata, unless the JSON attribute overrides it. */
  loadRuleSet() {
    if (this.rules || !this.ruleSet) return Promise.resolve();
    return getRuleDocument({ ruleSet: this.ruleSet }).then(
      (result) => {
        if (!result || typeof result.document !== 'string') {
          this.rulesNotice = format(LABELS.rulesNoDocument, this.ruleSet);
          return;
        }
        this.ruleDocument = result.document;
        this.sources = readSources(result.sources);
        if (result.rules === 0) this.rulesNotice = format(LABELS.rulesEmpty, this.ruleSet);
      },
      (error) => {
        this.rulesNotice = format(LABELS.rulesFailed, this.ruleSet, messageOf(error));
      },
    );
  }

  /** Problems with a JSON path, as the records and fields an admin must fix. */
  showRecordProblems(element) {
    const snapshot = element && element.snapshot;
    const problems = snapshot && Array.isArray(snapshot.problems) ? snapshot.problems : [];
    this.recordNotices = problems
      .map((problem) => recordNoticeOf(problem, this.sources))
      .filter((notice) => notice);
  }

  /** The user's language pack, next to the element's script (either order works); English if it fails. */
  loadLanguagePack() {
    const pack = languagePackOf(this.elementLocale);
    if (!pack) return Promise.resolve();
    return loadScript(this, pack.url).catch((error) => {
      this.languageNotice = format(LABELS.languagePackFailed, pack.language, messageOf(error));
    });
  }

  renderedCallback() {
    if (!this.ready || this.element) return;
    const element = this.template.querySelector('presence-sync');
    if (!element) return;
    this.element = element;
    if (this.isBridged) element.omni = this.bridge.port;
    element.health = createHealthPort({ report: reportHealth });
  }

  disconnectedCallback() {
    if (this.bridge) this.bridge.close();
    this.bridge = undefined;
    this.element = undefined;
  }

  handleChange(event) {
    this.showRecordProblems(event.target);
    const phase = event.detail && event.detail.phase;
    if (typeof phase === 'string') {
      this.phase = phase;
      this.showPhase(false);
    }
  }

  /** An attribute error stops the engine without a change event: read the phase the element shows. */
  handleError(event) {
    this.showRecordProblems(event.target);
    const snapshot = event.target && event.target.snapshot;
    this.phase = snapshot && typeof snapshot.phase === 'string' ? snapshot.phase : 'error';
    this.showPhase(false);
  }

  describePhase(phase) {
    const library = typeof window !== 'undefined' ? window.PresenceSync : undefined;
    const words =
      library && typeof library.phaseLabel === 'function'
        ? library.phaseLabel(phase, this.elementLocale)
        : phase;
    return `${PRODUCT}: ${words}`;
  }

  /** Updates the utility item when what it shows changes (or always, when `force`). */
  showPhase(force) {
    if (!this.utilityId) return;
    const state = utilityStateOf(this.phase, (phase) => this.describePhase(phase));
    const key = JSON.stringify(state);
    if (!force && key === this.shown) return;
    this.shown = key;
    Promise.resolve()
      .then(() => updateUtility(this.utilityId, state))
      .catch(() => {
        // Outside a utility, or an org without the utility bar API: the panel still shows the phase.
        this.shown = undefined;
      });
  }
}
