/**
 * Reading the one "state" record both storage implementations keep per user.
 *
 * Invariants: a record is used only when it is ours (schema version, user) and every field is
 * valid; otherwise it is ignored with a `storage-unavailable` problem that says what was wrong, and
 * the engine starts as if nothing was stored.
 */
import { ErrorCode, type Problem } from '../core/errors.js';
import type { StoredState } from '../core/ports.js';
import type { Deadline } from '../core/snapshot.js';
import { finite, isPlain, list, own } from '../core/guard.js';
import { RECORD_VERSION, toBeforeContact, toDeadline, toDeferred, toHistory } from './records.js';

/** At most this many deadlines are read back (the engine keeps 50 scheduled and a few timeouts). */
const DEADLINES_MAX = 100;

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
  /** Timed and scheduled deadlines (docs/contract.md §6.12); absent: none. */
  deadlines?: unknown;
  /** When the idle period last began; absent: not stored. */
  idleFrom?: unknown;
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
    deadlines: state.deadlines ?? [],
    idleFrom: state.idleFrom ?? null,
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
  const deadlines = readDeadlines(own(record, 'deadlines'), problems);
  const rawIdle = own(record, 'idleFrom');
  const idleFrom = rawIdle === undefined || rawIdle === null ? null : (finite(rawIdle, 0) ?? null);
  if (rawIdle !== undefined && rawIdle !== null && idleFrom === null)
    problems.push(dropped('state.idleFrom', 'The stored start of the idle period is malformed'));
  return {
    history: history ?? [],
    deferred,
    beforeContact,
    standing,
    deadlines,
    idleFrom,
    problems,
  };
}

function dropped(path: string, message: string): Problem {
  return {
    code: ErrorCode.storageUnavailable,
    message: `${message}; it was dropped and nothing else was lost.`,
    recoverable: true,
    path,
  };
}

/** The stored deadlines: a bad one is dropped with a problem naming it, the others are kept. */
function readDeadlines(value: unknown, problems: Problem[]): Deadline[] {
  if (value === undefined || value === null) return [];
  const items = list(value, DEADLINES_MAX);
  if (items === undefined) {
    problems.push(dropped('state.deadlines', 'The stored deadlines are not a list of at most 100'));
    return [];
  }
  const deadlines: Deadline[] = [];
  items.forEach((item, index) => {
    const deadline = toDeadline(item);
    if (deadline === null)
      problems.push(dropped(`state.deadlines[${index}]`, `Stored deadline ${index} is malformed`));
    else if (deadlines.some((kept) => kept.id === deadline.id))
      problems.push(
        dropped(`state.deadlines[${index}]`, `Stored deadline ${index} repeats id ${deadline.id}`),
      );
    else deadlines.push(deadline);
  });
  return deadlines;
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
