/**
 * Reading the one "state" record both storage implementations keep per user.
 *
 * Invariants: a record is used only when it is ours (schema version, user) and every field is
 * valid; otherwise it is ignored with a `storage-unavailable` problem that says what was wrong, and
 * the engine starts as if nothing was stored.
 */
import { finite, isPlain, own } from '../core/guard.js';
import { ErrorCode, type Problem } from '../core/errors.js';
import type { StoredState } from '../core/ports.js';
import { RECORD_VERSION, toBeforeContact, toDeferred, toHistory } from './records.js';

/** The stored shape of the state record. */
export interface StateRecord {
  v: number;
  userId: string;
  history: unknown;
  deferred: unknown;
  /** Absent in records written before `acdWork` existed: read as none. */
  beforeContact?: unknown;
  /** When a Salesforce choice made during a contact stands (docs/contract.md §6.5); absent: none. */
  standing?: unknown;
}

/** The record to store for `state`. */
export function stateRecord(userId: string, state: StoredState): StateRecord {
  return {
    v: RECORD_VERSION,
    userId,
    history: state.history,
    deferred: state.deferred,
    beforeContact: state.beforeContact ?? null,
    standing: state.standing ?? null,
  };
}

function ignored(message: string): Problem {
  return {
    code: ErrorCode.storageUnavailable,
    message: `${message}; it was ignored and the previous state starts empty.`,
    recoverable: true,
    path: 'state',
  };
}

/** Validates a stored state record; `undefined` (nothing stored) is an empty state, not a problem. */
export function readStateRecord(record: unknown, userId: string): StoredState {
  if (record === undefined) return { history: [], deferred: null, problems: [] };
  if (!isPlain(record))
    return { history: [], deferred: null, problems: [ignored('The stored state is not a record')] };
  const version = own(record, 'v');
  if (version !== RECORD_VERSION)
    return {
      history: [],
      deferred: null,
      problems: [
        ignored(
          `The stored state has schema version ${String(version).slice(0, 20)}, not ${RECORD_VERSION}`,
        ),
      ],
    };
  if (own(record, 'userId') !== userId)
    return {
      history: [],
      deferred: null,
      problems: [ignored('The stored state belongs to another user')],
    };
  const history = toHistory(own(record, 'history'));
  const rawDeferred = own(record, 'deferred');
  const deferred = rawDeferred === null ? null : toDeferred(rawDeferred);
  const problems: Problem[] = [];
  if (history === null) problems.push(ignored('The stored previous-state history is malformed'));
  if (rawDeferred !== null && deferred === null)
    problems.push(ignored('The stored deferred write is malformed'));
  const rawBefore = own(record, 'beforeContact');
  const beforeContact =
    rawBefore === undefined || rawBefore === null ? null : toBeforeContact(rawBefore);
  if (rawBefore !== undefined && rawBefore !== null && beforeContact === null)
    problems.push(ignored('The stored status to return to after a contact is malformed'));
  const rawStanding = own(record, 'standing');
  const standing =
    rawStanding === undefined || rawStanding === null ? null : (finite(rawStanding, 0) ?? null);
  if (rawStanding !== undefined && rawStanding !== null && standing === null)
    problems.push(ignored('The stored time of a Salesforce choice that stands is malformed'));
  return { history: history ?? [], deferred, beforeContact, standing, problems };
}

/** The problem for decision records that could not be read. */
export function unreadableDecisions(count: number): Problem[] {
  return count === 0
    ? []
    : [
        {
          code: ErrorCode.storageUnavailable,
          message: `${count} stored decision record(s) were unreadable and ignored.`,
          recoverable: true,
          path: 'decisions',
        },
      ];
}
