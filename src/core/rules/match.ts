/**
 * Matching rows to states and statuses.
 *
 * Invariants: pure and total: every ACD state and every Salesforce status matches exactly one row
 * (the most specific) or none.
 */
import type { AcdPattern, PublisherRow, Rule, StatusRef, SubscriberRow } from './types.js';
import {
  type AcdState,
  id15,
  type OmniTarget,
  type SalesforceStatus,
  type StatusInfo,
} from '../values.js';

/** Finds a status in the catalogue by a rule's reference. */
export function findStatus(
  ref: StatusRef,
  catalogue: readonly StatusInfo[],
): StatusInfo | undefined {
  if (ref.kind === 'offline') return undefined;
  return ref.kind === 'id'
    ? catalogue.find((status) => id15(status.id) === ref.id)
    : catalogue.find((status) => status.apiName === ref.apiName);
}

/** Publisher matching: the most specific row wins (`Unavailable/<code>` before `Unavailable`, `ACW/<code>` before `ACW`). */
export function matchPublisher(rule: Rule, state: AcdState): PublisherRow | null {
  const find = (predicate: (pattern: AcdPattern) => boolean) =>
    rule.publisher.find((row) => predicate(row.acd)) ?? null;
  if (state.isAcw) {
    return (
      find((p) => p.kind === 'ACW' && p.code === state.reason) ??
      find((p) => p.kind === 'ACW' && p.code === undefined)
    );
  }
  switch (state.state) {
    case 'Available':
      return find((p) => p.kind === 'Available');
    case 'Unavailable':
      return (
        find((p) => p.kind === 'Unavailable' && p.code !== undefined && p.code === state.reason) ??
        find((p) => p.kind === 'Unavailable' && p.code === undefined)
      );
    case 'LoggedOut':
      return find((p) => p.kind === 'LoggedOut');
    default:
      return find((p) => p.kind === 'contact' && p.state === state.state);
  }
}

/** Whether a rule's status reference names this status (ids on 15 characters, API names exactly). */
export function refMatches(ref: StatusRef, status: SalesforceStatus): boolean {
  if (ref.kind === 'offline') return status.id === null;
  if (status.id === null) return false;
  return ref.kind === 'id' ? id15(status.id) === ref.id : status.apiName === ref.apiName;
}

/** Subscriber matching: the row whose Salesforce status is the given one. */
export function matchSubscriber(rule: Rule, status: SalesforceStatus): SubscriberRow | null {
  return rule.subscriber.find((row) => refMatches(row.salesforce, status)) ?? null;
}

/** Turns a rule's status reference into something Omni-Channel can be told, or null when unknown. */
export function resolveOmniTarget(
  ref: StatusRef,
  catalogue: readonly StatusInfo[],
): OmniTarget | null {
  if (ref.kind === 'offline') return { logout: true };
  const status = findStatus(ref, catalogue);
  return status === undefined
    ? null
    : { statusId: id15(status.id), apiName: status.apiName, label: status.label };
}
