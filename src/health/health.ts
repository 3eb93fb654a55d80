/**
 * Sync health as a supervisor sees it (docs/contract.md §7): the one record each agent's leader tab
 * reports, the port it reports through, and the `health-heartbeat-min` setting.
 *
 * Invariants: a record is flat, plain JSON (one Salesforce row per agent holds it field for field);
 * it carries names only (statuses, states, codes), never ids, tokens or rule text; building it reads
 * a snapshot and never changes one.
 */
import { ErrorCode, type Problem } from '../core/errors.js';
import type { Decision, SyncSnapshot } from '../core/snapshot.js';
import { formatAcd } from '../core/values.js';

/** The element's version, as health records carry it (package.json's `version`). */
export const PRODUCT_VERSION = '0.1.0';

/** The version of the record's shape; a store refuses a version it does not know. */
export const HEALTH_RECORD_VERSION = 1;

/**
 * One agent's sync health, as the leader tab reports it. Times are epoch milliseconds.
 * `phase` is the snapshot's phase as a string, so a store and the board take phases they do not
 * know yet.
 */
export interface HealthRecord {
  readonly v: typeof HEALTH_RECORD_VERSION;
  readonly phase: string;
  /** The first problem in the snapshot, if any. */
  readonly problemCode: string | null;
  readonly problemMessage: string | null;
  /** Which contact center: `cxone`, `webex`, or the agent dialect when the host does not say. */
  readonly acdKind: string;
  /** The ACD state by name (`Available`, `Unavailable/Lunch`, `ACW`), null while unknown. */
  readonly acdState: string | null;
  /** The Omni-Channel status by API name (`Offline` when logged out), null while unknown. */
  readonly omniStatus: string | null;
  /** When the phase last left `in-sync` and has not come back; null while in sync. */
  readonly outOfSyncSince: number | null;
  /** The newest decision's `why` and time. */
  readonly lastDecisionWhy: string | null;
  readonly lastDecisionAt: number | null;
  /** When this report was sent. */
  readonly heartbeatAt: number;
  /** Minutes between heartbeats, so the board judges silence by the agent's own interval. */
  readonly heartbeatMin: number;
  /** The element's version. */
  readonly version: string;
  /** The element's `mode` (`active`, `shadow`). */
  readonly mode: string;
  readonly paused: boolean;
  /** When the widget last resynced because a supervisor asked; null: never in this session. */
  readonly resyncedAt: number | null;
}

/** What a store answers to a report. */
export interface HealthAnswer {
  /** A supervisor asked for a resync since the last report: the widget resyncs once. */
  readonly resyncRequested: boolean;
}

/**
 * Where the leader tab reports its health (the Lightning host implements it with Apex, the demo
 * with an in-memory store). A rejection is logged and retried at the next heartbeat.
 */
export interface HealthPort {
  report(health: HealthRecord): Promise<HealthAnswer>;
  /** Which contact center the host is set up for (`cxone`, `webex`); otherwise the agent dialect. */
  readonly acdKind?: string;
}

/** The `health-heartbeat-min` setting: 0 turns reporting off (docs/contract.md §2, §7). */
export const HEALTH_HEARTBEAT = {
  attribute: 'health-heartbeat-min',
  /** Below 4 minutes heartbeats alone would outrun the 20-a-hour budget (16 a hour steady). */
  min: 4,
  max: 60,
  default: 5,
} as const;

/** The heartbeat interval in minutes from a number or digits: 0 (off), or the default with a problem. */
export function checkHeartbeatMin(value: unknown, problems: Problem[]): number {
  if (value === undefined || value === null || value === '') return HEALTH_HEARTBEAT.default;
  const number = typeof value === 'number' ? value : Number(String(value).trim());
  if (
    Number.isInteger(number) &&
    (number === 0 || (number >= HEALTH_HEARTBEAT.min && number <= HEALTH_HEARTBEAT.max))
  ) {
    return number;
  }
  problems.push({
    code: ErrorCode.configInvalid,
    message: `${HEALTH_HEARTBEAT.attribute}: "${String(value).slice(0, 20)}" is not 0 (off) or a whole number of minutes between ${HEALTH_HEARTBEAT.min} and ${HEALTH_HEARTBEAT.max}.`,
    recoverable: false,
    path: HEALTH_HEARTBEAT.attribute,
  });
  return HEALTH_HEARTBEAT.default;
}

/** Longest problem message a record carries (the Salesforce field is 255 characters). */
const MESSAGE_LIMIT = 255;

/** What a record says beyond the snapshot. */
export interface HealthContext {
  readonly now: number;
  readonly acdKind: string;
  readonly heartbeatMin: number;
  readonly version: string;
  readonly mode: string;
  readonly outOfSyncSince: number | null;
  readonly lastDecision: Decision | null;
  readonly resyncedAt: number | null;
}

/** The record for a snapshot. */
export function healthOf(snapshot: SyncSnapshot, context: HealthContext): HealthRecord {
  const problem = snapshot.problems[0] ?? null;
  return {
    v: HEALTH_RECORD_VERSION,
    phase: snapshot.phase,
    problemCode: problem?.code ?? null,
    problemMessage: problem ? problem.message.slice(0, MESSAGE_LIMIT) : null,
    acdKind: context.acdKind,
    acdState: snapshot.acd === null ? null : formatAcd(snapshot.acd),
    omniStatus: snapshot.salesforce?.apiName ?? null,
    outOfSyncSince: context.outOfSyncSince,
    lastDecisionWhy: context.lastDecision?.why ?? null,
    lastDecisionAt: context.lastDecision?.at ?? null,
    heartbeatAt: context.now,
    heartbeatMin: context.heartbeatMin,
    version: context.version,
    mode: context.mode,
    paused: snapshot.phase === 'paused',
    resyncedAt: context.resyncedAt,
  };
}

/**
 * What makes a report due at once rather than at the next heartbeat: phase, problem codes,
 * paused, mode, and a resync done on request. Two snapshots with the same key need no report.
 */
export function healthKey(record: HealthRecord): string {
  return JSON.stringify([
    record.phase,
    record.problemCode,
    record.paused,
    record.mode,
    record.resyncedAt,
  ]);
}
