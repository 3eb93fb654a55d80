/**
 * What the board reads: one row per agent (the health record and who it is), the `FleetSource`
 * port that lists the rows and asks for resyncs, and the guard every row passes before the board
 * shows it (docs/contract.md §7).
 *
 * Invariants: rows come from a store the board does not trust (Apex, a demo); a row that fails the
 * guard is left out with a problem naming its index and field, never shown half-read; unknown
 * phases pass (a newer widget may report a phase this board does not know).
 */
import { HEALTH_RECORD_VERSION, type HealthRecord } from '../health/health.js';

/** One agent's row: the last health record reported, and what the store adds. */
export interface FleetRow extends HealthRecord {
  /** The Salesforce user id. */
  readonly userId: string;
  /** The user's name, for people. */
  readonly name: string;
  /** When a supervisor asked for a resync the widget has not picked up yet; null: none pending. */
  readonly resyncRequestedAt: number | null;
}

/** Where the board reads the fleet (the Lightning host implements it with Apex, the demo in memory). */
export interface FleetSource {
  /** Every agent's row the reader may see. Rows are checked by the board. */
  list(): Promise<readonly unknown[]>;
  /** Asks each agent's widget to resync once, at its next report. */
  requestResync(userIds: readonly string[]): Promise<void>;
}

type Check = (value: unknown) => boolean;
const string =
  (limit: number): Check =>
  (value) =>
    typeof value === 'string' && value.length <= limit;
const nullable =
  (check: Check): Check =>
  (value) =>
    value === null || check(value);
const time: Check = (value) => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const minutes: Check = (value) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1440;
const boolean: Check = (value) => typeof value === 'boolean';

/** Each field of a row and its check: names only, short, times as epoch ms. */
const FIELDS: Record<keyof FleetRow, Check> = {
  v: (value) => value === HEALTH_RECORD_VERSION,
  userId: (value) => typeof value === 'string' && /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(value),
  name: string(121),
  phase: (value) => typeof value === 'string' && /^[a-z][a-z-]{0,39}$/.test(value),
  problemCode: nullable(
    (value) => typeof value === 'string' && /^[a-z][a-z0-9-]{0,63}$/.test(value),
  ),
  problemMessage: nullable(string(255)),
  acdKind: string(40),
  acdState: nullable(string(120)),
  omniStatus: nullable(string(80)),
  outOfSyncSince: nullable(time),
  lastDecisionWhy: nullable(string(40)),
  lastDecisionAt: nullable(time),
  heartbeatAt: time,
  heartbeatMin: minutes,
  version: string(40),
  mode: string(20),
  paused: boolean,
  resyncedAt: nullable(time),
  resyncRequestedAt: nullable(time),
};

/** A row, or what is wrong with it (its index and field). */
export type RowResult = { ok: true; row: FleetRow } | { ok: false; problem: string };

/** Checks one untrusted row; `index` names it in the problem. */
export function parseFleetRow(value: unknown, index: number): RowResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problem: `rows[${index}] is not an object` };
  }
  const record = value as Record<string, unknown>;
  const row: Record<string, unknown> = {};
  for (const [field, check] of Object.entries(FIELDS)) {
    const item = Object.prototype.hasOwnProperty.call(record, field) ? record[field] : undefined;
    if (!check(item)) {
      return {
        ok: false,
        problem: `rows[${index}].${field}: ${JSON.stringify(item)?.slice(0, 60) ?? 'missing'} is not allowed`,
      };
    }
    row[field] = item;
  }
  return { ok: true, row: row as unknown as FleetRow };
}
