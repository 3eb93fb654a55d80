/**
 * How the board reads the fleet: each row's standing (in sync, working, needs attention, off, or
 * silent), the counts at the top, the filters and the sort. Pure: rows and the time come in.
 *
 * Invariants: an agent is silent when no heartbeat came within `SILENT_AFTER_BEATS` of its own
 * heartbeat interval, and a silent agent's phase is not believed (it is the last one heard); a
 * phase this board does not know needs attention (a new "nothing will be written" phase must not
 * look healthy); a problem code needs attention whatever the phase.
 */
import type { FleetRow } from './fleet.js';

/** Heartbeat intervals without a report after which an agent is silent (docs/contract.md §7). */
export const SILENT_AFTER_BEATS = 2.5;

/** The interval assumed for a row that says 0 (it should not report at all). */
const DEFAULT_HEARTBEAT_MIN = 5;

/** What a supervisor needs to know about an agent at a glance. */
export type Standing = 'in-sync' | 'working' | 'attention' | 'off' | 'silent';

/** Standings in the order the board lists them (worst first). */
export const STANDINGS: readonly Standing[] = ['silent', 'attention', 'working', 'off', 'in-sync'];

const WORKING = new Set(['starting', 'syncing', 'deferred']);
const OFF = new Set(['shadow', 'paused', 'follower']);

/** One agent as the board shows it. */
export interface AgentView {
  readonly row: FleetRow;
  readonly standing: Standing;
  readonly silent: boolean;
  /** How long since the last report. */
  readonly heartbeatAgeMs: number;
  /** How long out of sync, as last reported; null while in sync. */
  readonly outOfSyncMs: number | null;
}

/** A reported phase's standing, problems and silence aside (an unknown phase needs attention). */
export function standingOfPhase(phase: string): Standing {
  if (phase === 'silent') return 'silent';
  if (phase === 'in-sync') return 'in-sync';
  if (WORKING.has(phase)) return 'working';
  if (OFF.has(phase)) return 'off';
  return 'attention';
}

/** The row's standing at `now`. */
export function classify(row: FleetRow, now: number): AgentView {
  const beatMs = (row.heartbeatMin > 0 ? row.heartbeatMin : DEFAULT_HEARTBEAT_MIN) * 60_000;
  const heartbeatAgeMs = Math.max(0, now - row.heartbeatAt);
  const silent = heartbeatAgeMs > SILENT_AFTER_BEATS * beatMs;
  const outOfSyncMs = row.outOfSyncSince === null ? null : Math.max(0, now - row.outOfSyncSince);
  let standing: Standing;
  if (silent) standing = 'silent';
  else if (row.problemCode !== null) standing = 'attention';
  else if (row.paused) standing = 'off';
  else standing = standingOfPhase(row.phase);
  return { row, standing, silent, heartbeatAgeMs, outOfSyncMs };
}

/** Counts per phase as reported, with silent agents counted apart (their phase is stale). */
export function countPhases(views: readonly AgentView[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const view of views) {
    const key = view.silent ? 'silent' : view.row.phase;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** What the board's filters ask. */
export interface FleetFilter {
  /** Only agents that need attention or are silent. */
  readonly problemsOnly: boolean;
  /** Only agents out of sync longer than this many minutes (null: any). */
  readonly outOfSyncMin: number | null;
  /** Only silent agents. */
  readonly silentOnly: boolean;
}

/** No filter. */
export const NO_FILTER: FleetFilter = {
  problemsOnly: false,
  outOfSyncMin: null,
  silentOnly: false,
};

/** Whether a view passes every filter that is on. */
export function passes(view: AgentView, filter: FleetFilter): boolean {
  if (filter.silentOnly && !view.silent) return false;
  if (filter.problemsOnly && view.standing !== 'attention' && view.standing !== 'silent')
    return false;
  if (
    filter.outOfSyncMin !== null &&
    (view.outOfSyncMs === null || view.outOfSyncMs <= filter.outOfSyncMin * 60_000)
  )
    return false;
  return true;
}

/** The table's sortable columns. */
export const SORT_KEYS = [
  'name',
  'acd',
  'phase',
  'problem',
  'since',
  'decision',
  'heartbeat',
] as const;

/** One sortable column. */
export type SortKey = (typeof SORT_KEYS)[number];

const rank = (standing: Standing): number => STANDINGS.indexOf(standing);

function compare(a: AgentView, b: AgentView, key: SortKey): number {
  switch (key) {
    case 'name':
      return a.row.name.localeCompare(b.row.name);
    case 'acd':
      return (a.row.acdKind + (a.row.acdState ?? '')).localeCompare(
        b.row.acdKind + (b.row.acdState ?? ''),
      );
    case 'phase':
      return rank(a.standing) - rank(b.standing) || a.row.phase.localeCompare(b.row.phase);
    case 'problem':
      return (a.row.problemCode ?? '\uffff').localeCompare(b.row.problemCode ?? '\uffff');
    case 'since':
      return (b.outOfSyncMs ?? -1) - (a.outOfSyncMs ?? -1);
    case 'decision':
      return (b.row.lastDecisionAt ?? 0) - (a.row.lastDecisionAt ?? 0);
    case 'heartbeat':
      return b.heartbeatAgeMs - a.heartbeatAgeMs;
  }
}

/** The views sorted by a column (ascending: worst or most first, as each column reads), ties by name. */
export function sortViews(
  views: readonly AgentView[],
  key: SortKey,
  descending = false,
): AgentView[] {
  const sign = descending ? -1 : 1;
  return [...views].sort(
    (a, b) => sign * compare(a, b, key) || a.row.name.localeCompare(b.row.name),
  );
}
