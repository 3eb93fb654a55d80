/**
 * `el.scheduleState(request)` checked: a host's request (workforce management, a script) becomes the
 * engine's scheduled state, or a `TypeError` that names the field and says what it takes.
 *
 * Invariants: the request is untrusted (only own data properties are read, core/guard.ts); a time
 * is an epoch-ms number, a valid `Date` or an ISO 8601 string, within the window below, so a time
 * in seconds or a typo in a year is refused rather than scheduled; a target is one side only.
 */
import { isPlain, own } from '../core/guard.js';
import { Collector, parseAcd, parseStatusRef, refKey, toTarget } from '../core/rules/fields.js';
import { formatAcd } from '../core/values.js';

/** What a host passes to `scheduleState`. */
export interface ScheduleRequest {
  /** When the state is set: epoch ms, a `Date` or an ISO 8601 string. */
  readonly at: number | Date | string;
  /** `{ salesforce: 'Break' }` (a status API name or 0N5 id) or `{ acd: 'Unavailable/Break' }`. */
  readonly target: { readonly salesforce: string } | { readonly acd: string };
  /** When the state held before comes back (after `at`); absent: the state stays. */
  readonly until?: number | Date | string;
}

/** A checked request, in the engine's terms (without the id the element gives it). */
export interface ScheduleEntry {
  readonly at: number;
  readonly target: { readonly side: 'salesforce' | 'acd'; readonly target: string };
  readonly until?: number;
}

/** How far back a start may lie (applied at once: a request that took a moment to arrive). */
export const SCHEDULE_PAST_MS = 60_000;
/** How far ahead a start may lie: a week of shifts. */
export const SCHEDULE_AHEAD_MS = 7 * 24 * 3_600_000;
/** The longest scheduled state with an end (a whole day). */
export const SCHEDULE_LONGEST_MS = 24 * 3_600_000;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

function fail(field: string, message: string): never {
  throw new TypeError(`scheduleState: ${field}: ${message}`);
}

function shown(value: unknown): string {
  if (typeof value === 'string') return `"${value.slice(0, 40)}"`;
  if (value instanceof Date) return 'an invalid Date';
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

/** A time in epoch ms from a number, a Date or an ISO 8601 string with its offset. */
function time(value: unknown, field: string): number {
  const ms =
    typeof value === 'number'
      ? value
      : value instanceof Date
        ? value.getTime()
        : typeof value === 'string' && ISO.test(value)
          ? Date.parse(value)
          : Number.NaN;
  if (!Number.isFinite(ms))
    fail(
      field,
      `${shown(value)} is not a time (epoch milliseconds, a Date, or an ISO 8601 string with Z or an offset)`,
    );
  return Math.round(ms);
}

function target(value: unknown): ScheduleEntry['target'] {
  if (!isPlain(value))
    fail(
      'target',
      `expected { salesforce: "<status>" } or { acd: "<state>" }, got ${shown(value)}`,
    );
  const keys = Object.keys(value);
  if (keys.length !== 1 || (keys[0] !== 'salesforce' && keys[0] !== 'acd'))
    fail('target', `expected exactly one of salesforce or acd, got ${keys.join(', ') || 'none'}`);
  const side = keys[0] as 'salesforce' | 'acd';
  const field = `target.${side}`;
  const out = new Collector();
  if (side === 'salesforce') {
    const ref = parseStatusRef(own(value, side), field, out);
    if (ref === undefined) throw new TypeError(`scheduleState: ${out.problems[0]!.message}`);
    return { side, target: refKey(ref) };
  }
  const parsed = parseAcd(own(value, side), field, out);
  if (parsed === undefined) throw new TypeError(`scheduleState: ${out.problems[0]!.message}`);
  const settable = toTarget(parsed);
  if (settable === undefined || 'previous' in settable)
    fail(field, 'only Available, Unavailable or Unavailable/<code name> can be set');
  return { side, target: formatAcd(settable) };
}

/**
 * Checks a `scheduleState` request against `now` (the element's clock): the entry, or a
 * `TypeError` naming the field (`at`, `until`, `target`, `target.acd`, `target.salesforce`).
 */
export function readScheduleRequest(request: unknown, now: number): ScheduleEntry {
  if (!isPlain(request)) fail('request', `expected { at, target, until? }, got ${shown(request)}`);
  const at = time(own(request, 'at'), 'at');
  if (at < now - SCHEDULE_PAST_MS)
    fail('at', `${new Date(at).toISOString()} has passed (epoch seconds instead of milliseconds?)`);
  if (at > now + SCHEDULE_AHEAD_MS)
    fail('at', `${new Date(at).toISOString()} is over 7 days ahead`);
  const entry = { at, target: target(own(request, 'target')) };
  const rawUntil = own(request, 'until');
  if (rawUntil === undefined) return entry;
  const until = time(rawUntil, 'until');
  if (until <= at) fail('until', `${new Date(until).toISOString()} is not after at`);
  if (until - at > SCHEDULE_LONGEST_MS) fail('until', 'more than 24 hours after at');
  return { ...entry, until };
}
