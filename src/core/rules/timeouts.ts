/**
 * A rule's `timeouts` (docs/contract.md §4, "Timed states"): how long a Salesforce status or a
 * settable ACD state may last, and what is written then.
 *
 * Invariants: like every field parser, each entry is parsed or a problem is added at its JSON path
 * (`rules[0].timeouts[1].minutes`); `then` is on the same side as the timed state (or `"notify"`),
 * so a bare word is read with that side's grammar and never guessed; at most one entry per state.
 */
import { isPlain, own } from '../guard.js';
import {
  checkKeys,
  type Collector,
  describeValue,
  parseAcd,
  parseStatusRef,
  refKey,
  toTarget,
} from './fields.js';
import type { TimedSource, TimedState } from './types.js';
import { type AcdTarget, formatAcd } from '../values.js';

/** The longest a timed state may last: one day. */
export const MAX_TIMEOUT_MINUTES = 1440;

const MAX_TIMEOUTS = 50;

/** The `then` value that only tells the agent (reserved: no status or code of that name is written). */
export const NOTIFY = 'notify';

function settable(value: unknown, path: string, out: Collector): AcdTarget | undefined {
  const parsed = parseAcd(value, path, out);
  if (parsed === undefined) return undefined;
  const target = toTarget(parsed);
  if (target === undefined || 'previous' in target) {
    out.add(
      path,
      'must be a state the agent can be set to: Available, Unavailable or Unavailable/<code>',
    );
    return undefined;
  }
  return target;
}

/** The key that makes two entries time "the same status". */
export function sourceKey(source: TimedSource): string {
  return source.side === 'salesforce'
    ? `salesforce:${refKey(source.status)}`
    : `acd:${formatAcd(source.state)}`;
}

/** A timed state or `then` as the rule's text shows it. */
export function showTimed(source: TimedSource): string {
  return source.side === 'salesforce' ? refKey(source.status) : formatAcd(source.state);
}

function parseSource(
  entry: Record<string, unknown>,
  path: string,
  out: Collector,
): TimedSource | undefined {
  const salesforce = own(entry, 'salesforce');
  const acd = own(entry, 'acd');
  if ((salesforce === undefined) === (acd === undefined)) {
    out.add(
      path,
      salesforce === undefined
        ? 'names no state: give exactly one of "salesforce" or "acd"'
        : 'names both "salesforce" and "acd": give exactly one',
    );
    return undefined;
  }
  if (salesforce !== undefined) {
    const status = parseStatusRef(salesforce, `${path}.salesforce`, out);
    if (status?.kind === 'offline') {
      out.add(
        `${path}.salesforce`,
        'Offline cannot be timed: ending it would log the agent in to Omni-Channel',
      );
      return undefined;
    }
    return status === undefined ? undefined : { side: 'salesforce', status };
  }
  const state = settable(acd, `${path}.acd`, out);
  return state === undefined ? undefined : { side: 'acd', state };
}

/**
 * A state to write on one side, from its text (a scheduled state, a stored deadline's target): a
 * Salesforce status (`Offline` included) or a settable ACD state; undefined with a problem at `path`.
 */
export function parseSideTarget(
  side: TimedSource['side'],
  value: unknown,
  path: string,
  out: Collector,
): TimedSource | undefined {
  if (side === 'salesforce') {
    const status = parseStatusRef(value, path, out);
    return status === undefined ? undefined : { side, status };
  }
  const state = settable(value, path, out);
  return state === undefined ? undefined : { side, state };
}

function parseThen(
  value: unknown,
  side: TimedSource['side'] | undefined,
  path: string,
  out: Collector,
): TimedState['then'] | undefined {
  if (value === NOTIFY) return { side: null, notify: true };
  if (value === undefined) {
    out.add(path, `must be a ${side === 'acd' ? 'ACD state' : 'Salesforce status'} or "notify"`);
    return undefined;
  }
  if (side === undefined) return undefined;
  return parseSideTarget(side, value, path, out);
}

function parseMinutes(value: unknown, path: string, out: Collector): number | undefined {
  if (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value > 0 &&
    value <= MAX_TIMEOUT_MINUTES
  )
    return value;
  out.add(
    path,
    `must be a number of minutes above 0 and at most ${MAX_TIMEOUT_MINUTES}, got ${describeValue(value)}`,
  );
  return undefined;
}

/** `timeouts` `[{ salesforce | acd, minutes, then }]`; absent is none. */
export function parseTimeouts(value: unknown, path: string, out: Collector): TimedState[] {
  const timeouts: TimedState[] = [];
  if (value === undefined) return timeouts;
  if (!Array.isArray(value)) {
    out.add(path, `must be a list of timed states, got ${describeValue(value)}`);
    return timeouts;
  }
  if (value.length > MAX_TIMEOUTS)
    out.add(path, `has ${value.length} entries; at most ${MAX_TIMEOUTS} are allowed`);
  const seen = new Map<string, number>();
  value.slice(0, MAX_TIMEOUTS).forEach((entry, index) => {
    const entryPath = `${path}[${index}]`;
    if (!isPlain(entry)) {
      out.add(
        entryPath,
        `must be an object with "salesforce" or "acd", "minutes" and "then", got ${describeValue(entry)}`,
      );
      return;
    }
    checkKeys(entry, ['salesforce', 'acd', 'minutes', 'then'], entryPath, out);
    const source = parseSource(entry, entryPath, out);
    const minutes = parseMinutes(own(entry, 'minutes'), `${entryPath}.minutes`, out);
    const then = parseThen(own(entry, 'then'), source?.side, `${entryPath}.then`, out);
    if (source === undefined || minutes === undefined || then === undefined) return;
    const key = sourceKey(source);
    const sourcePath = `${entryPath}.${source.side}`;
    const first = seen.get(key);
    if (first !== undefined) {
      out.add(sourcePath, `"${showTimed(source)}" already has a timeout at ${path}[${first}]`);
      return;
    }
    seen.set(key, index);
    if (then.side !== null && sourceKey(then) === key) {
      out.add(`${entryPath}.then`, `sets the state it times ("${showTimed(source)}")`);
      return;
    }
    timeouts.push({
      index,
      text: `${showTimed(source)} ≤ ${minutes} min → ${then.side === null ? NOTIFY : showTimed(then)}`,
      source,
      minutes,
      ms: Math.round(minutes * 60_000),
      then,
    });
  });
  return timeouts;
}
