/**
 * The values both sides speak in: ACD states and targets, Salesforce statuses and targets, and the
 * small pure helpers that compare and format them.
 *
 * Invariants: every value is plain, frozen-in-spirit data (structured-cloneable, JSON-safe);
 * Salesforce ids are compared on their 15-character form; nothing here knows about rules or the
 * engine, so every other core module may import it.
 */
import { isPlain, own, text } from './guard.js';

/**
 * The contact-center base states the engine knows (CXone's `CurrentState`,
 * https://developer.niceincontact.com/Documentation/AgentSessionEvents), and `Other`: a state the
 * ACD reported that none of these is (`Hold`, `Working`, `LoggedIn`…), kept with its `raw` name.
 */
export type AcdBase =
  | 'Available'
  | 'Unavailable'
  | 'InboundContact'
  | 'OutboundContact'
  | 'InboundConsult'
  | 'OutboundConsult'
  | 'Dialer'
  | 'LoggedOut'
  | 'Other';

/** All base states, for guards. */
export const ACD_BASES: readonly AcdBase[] = [
  'Available',
  'Unavailable',
  'InboundContact',
  'OutboundContact',
  'InboundConsult',
  'OutboundConsult',
  'Dialer',
  'LoggedOut',
  'Other',
];

/** Longest `raw` name an `Other` state keeps (CXone's own state names are far shorter). */
export const RAW_STATE_MAX = 40;

/** The base states that mean "handling a contact": subscriber writes wait while one holds. */
export const CONTACT_BASES: readonly AcdBase[] = [
  'InboundContact',
  'OutboundContact',
  'InboundConsult',
  'OutboundConsult',
  'Dialer',
];

/** The agent's current contact-center state, normalised. */
export interface AcdState {
  readonly state: AcdBase;
  /** The unavailable (or ACW) code name; `""` is the system default unavailable state. */
  readonly reason: string;
  /** True while in after-contact work (CXone models ACW as Unavailable with an ACW code). */
  readonly isAcw: boolean;
  /** For `Other` only: the state's name as the ACD sent it, shown as it came. */
  readonly raw?: string;
  /** Epoch ms the state started, when the agent app says. */
  readonly since?: number;
  /** The state CXone will move to next, when it says. */
  readonly next?: { readonly state: AcdBase; readonly reason: string };
}

/** The only states the contact center lets anyone set (CXone's agent state POST takes Available or Unavailable with a reason: https://developer.niceincontact.com/API/AgentAPI). */
export type AcdTarget =
  { readonly state: 'Available' } | { readonly state: 'Unavailable'; readonly reason: string };

/** A target the subscriber direction wants on the ACD: a state, or "the previous one". */
export type SubscriberTarget = AcdTarget | { readonly previous: true };

/** An Omni-Channel presence status; `id === null` means logged out of Omni-Channel (`Offline`). */
export interface SalesforceStatus {
  /** The status id, normalised to its first 15 characters; null when Offline. */
  readonly id: string | null;
  readonly apiName: string;
  readonly label: string;
}

/** The Offline pseudo-status. */
export const OFFLINE: SalesforceStatus = Object.freeze({
  id: null,
  apiName: 'Offline',
  label: 'Offline',
});

/** What the engine writes to Omni-Channel: a status, or a logout. */
export type OmniTarget =
  | { readonly statusId: string; readonly apiName: string; readonly label: string }
  | { readonly logout: true };

/** One unavailable code of the agent's team. */
export interface UnavailableCode {
  readonly name: string;
  readonly isAcw: boolean;
  readonly isActive: boolean;
}

/** Who the agent is, as far as rule selection needs. */
export interface AgentIdentity {
  readonly agentId?: string;
  readonly teamId?: string;
  readonly teamName?: string;
  readonly userId?: string;
}

/** A status the user may use, from `OmniPort.listStatuses()` or learned from events. */
export interface StatusInfo {
  readonly id: string;
  readonly apiName: string;
  readonly label: string;
  readonly online?: boolean;
}

const SALESFORCE_ID = /^[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?$/;

/** Whether a string has the shape of a Salesforce id (15 or 18 letters and digits). */
export function isSalesforceId(value: string): boolean {
  return SALESFORCE_ID.test(value);
}

/** Salesforce ids are compared on their case-sensitive 15-character form (18-char ids add a checksum). */
export function id15(id: string): string {
  return id.slice(0, 15);
}

export function sameStatus(a: SalesforceStatus, b: SalesforceStatus): boolean {
  if (a.id === null || b.id === null) return a.id === b.id;
  return id15(a.id) === id15(b.id);
}

export function sameAcd(a: AcdState, b: AcdState): boolean {
  return a.state === b.state && a.reason === b.reason && a.isAcw === b.isAcw && a.raw === b.raw;
}

/**
 * True while the agent is on a contact, in after-contact work, or in a state the engine does not
 * know (`Other`: nothing may be set over it, since what it means is unknown): subscriber writes wait.
 */
export function isBusy(state: AcdState): boolean {
  return state.isAcw || state.state === 'Other' || CONTACT_BASES.includes(state.state);
}

/** Contact, ACW and logout: states the platform puts the agent in, not choices anyone competes with. */
export function isPlatform(state: AcdState): boolean {
  return isBusy(state) || state.state === 'LoggedOut';
}

/** The settable form of a state, or null when the platform owns it (contact, ACW, logged out). */
export function settableOf(state: AcdState): AcdTarget | null {
  if (isBusy(state)) return null;
  if (state.state === 'Available') return { state: 'Available' };
  if (state.state === 'Unavailable') return { state: 'Unavailable', reason: state.reason };
  return null;
}

/** Whether two ACD targets are the same settable state. */
export function sameTarget(a: AcdTarget, b: AcdTarget): boolean {
  return (
    a.state === b.state &&
    (a.state === 'Available' || a.reason === (b as { reason: string }).reason)
  );
}

/** Whether an observed ACD state is exactly this settable target. */
export function stateIs(state: AcdState, target: AcdTarget): boolean {
  const settable = settableOf(state);
  return settable !== null && sameTarget(settable, target);
}

/** Whether an observed Salesforce status is what this Omni target sets. */
export function statusIs(status: SalesforceStatus, target: OmniTarget): boolean {
  return 'logout' in target
    ? status.id === null
    : status.id !== null && id15(status.id) === target.statusId;
}

/** `Available`, `Unavailable`, `Unavailable/Lunch`, `ACW/Wrap`, `InboundContact`; an `Other` state by its raw name (`Hold`). */
export function formatAcd(state: AcdState | AcdTarget): string {
  if ('isAcw' in state && state.isAcw) return state.reason === '' ? 'ACW' : `ACW/${state.reason}`;
  if (state.state === 'Other') return ('raw' in state && state.raw) || 'Other';
  if (state.state === 'Unavailable')
    return state.reason === '' ? 'Unavailable' : `Unavailable/${state.reason}`;
  return state.state;
}

/** The API name of a status, or `Offline`. */
export function formatStatus(status: SalesforceStatus | OmniTarget): string {
  if ('logout' in status) return 'Offline';
  return status.apiName || (status as SalesforceStatus).id || 'Offline';
}

export function showTarget(target: OmniTarget | AcdTarget): string {
  return 'state' in target ? formatAcd(target) : formatStatus(target);
}

export function showSubscriber(target: SubscriberTarget): string {
  return 'previous' in target ? 'PreviousState' : formatAcd(target);
}

/**
 * A settable target read from untrusted data (a stored record, a bridge message), or null. The
 * reason is at most `maxReason` characters; a missing one is refused unless `missingReason` says
 * what it means (the bridge protocol: `""`, the default).
 */
export function readAcdTarget(
  value: unknown,
  maxReason: number,
  missingReason?: '',
): AcdTarget | null {
  if (!isPlain(value)) return null;
  const state = own(value, 'state');
  if (state === 'Available') return { state };
  if (state !== 'Unavailable') return null;
  const raw = own(value, 'reason');
  const reason = raw === undefined ? missingReason : text(raw, maxReason);
  return reason === undefined ? null : { state, reason };
}
