/**
 * The write ledger: every write the engine issued and still remembers, from decision to echo.
 *
 * Glossary (one word for one idea):
 * - queued: decided while an earlier write to the same side was still in flight; sent when that one
 *   settles. A newer write replaces it, so a burst costs one write in flight and one waiting.
 * - inflight: sent, no result yet.
 * - done: its result said it worked; kept while its echo may still come (the echo window).
 * - failed: given up (a final failure, replaced while queued, or abandoned).
 * - echoed: the side showed what it wrote; later changes to the same value are not echoes of it.
 * - superseded: a newer write or outside change on the same side replaced it as the intent there;
 *   its result no longer matters, but its echo is still recognised as ours.
 * - open: may still land or echo (queued, inflight, or done without an echo inside the window).
 *
 * Invariants:
 * - At most one write per side is in flight; a write is never sent when an open write to that side
 *   already carries the same target (a resync or start-up copy would send it twice).
 * - A queued write is never an echo's match: nothing on the wire can be the echo of a write not sent.
 * - One path settles a failure or a retry: echoed → ok; superseded or a change held behind it →
 *   abandoned; else retried with backoff until MAX_ATTEMPTS, then failed with its problem.
 */
import type { Effect } from '../effects.js';
import type { WriteRecord } from './state.js';
import { blockedWhy, type Row, type Side, Step, type Trigger, within } from './step.js';
import { ErrorCode, type Problem } from '../errors.js';
import type { Decision, DecisionWhy } from '../snapshot.js';
import {
  type AcdState,
  type AcdTarget,
  type OmniTarget,
  type SalesforceStatus,
  sameTarget,
  showTarget,
  stateIs,
  statusIs,
} from '../values.js';

/** At most this many attempts per write (docs/contract.md §6.10). */
export const MAX_ATTEMPTS = 3;

/**
 * Backoff before attempt n+1: 250 ms, then 750 ms, so three attempts fit in about 2 s with the
 * calls; longer when the side asked for a longer wait (a throttled write's `retryAfterMs`).
 */
export function retryDelay(attempt: number, retryAfterMs = 0): number {
  return Math.max(250 * 3 ** (attempt - 1), retryAfterMs);
}

/**
 * The longest wait a side may ask for before a retry (docs/contract.md §6.10): a write asked to
 * wait longer fails now, so the agent sees the problem instead of a change that lands a minute
 * late; the next change or a resync writes again.
 */
export const MAX_RETRY_WAIT_MS = 30_000;

/** Whether a side's observed value is what this target sets. */
function shows(
  side: Side,
  value: SalesforceStatus | AcdState,
  target: OmniTarget | AcdTarget,
): boolean {
  return side === 'salesforce'
    ? statusIs(value as SalesforceStatus, target as OmniTarget)
    : stateIs(value as AcdState, target as AcdTarget);
}

function writeMatches(write: WriteRecord, side: Side, value: SalesforceStatus | AcdState): boolean {
  return write.side === side && shows(side, value, write.target);
}

/** Issues a write (or records why it is not issued) and returns the decision. */
export function write(
  step: Step,
  side: Side,
  target: OmniTarget | AcdTarget,
  trigger: Trigger,
  row: Row,
  why: DecisionWhy,
  ms = 0,
): Decision {
  const current = side === 'salesforce' ? step.draft.salesforce : step.draft.acd;
  const base = {
    trigger,
    rule: step.draft.rule?.name ?? null,
    row,
    action: { side, target: showTarget(target) },
  } as const;
  // Where this side is going: the target of our newest open write there (queued, sent, or
  // confirmed with its echo still to come: a read may still show the old value), else what it shows.
  const carrying = step.draft.writes
    .filter((w) => w.side === side && isOpen(step, w) && !w.superseded)
    .at(-1);
  if (carrying !== undefined && sameWriteTarget(carrying.target, target)) {
    const why = carrying.echoed ? 'in-sync' : 'already-writing';
    return step.decide({ ...base, action: 'none', why, result: 'skipped' });
  }
  if (carrying === undefined && current !== null && shows(side, current, target)) {
    return step.decide({ ...base, action: 'none', why: 'in-sync', result: 'skipped' });
  }
  const blocked = blockedWhy(step.draft, side);
  if (blocked !== null) {
    if (blocked === 'read-only-agent') {
      step.problem({
        code: ErrorCode.readOnlyAgent,
        message:
          'The agent app in this dialect cannot be written to: Salesforce → ACD rows are not applied.',
        recoverable: false,
      });
    }
    return step.decide({ ...base, why: blocked, result: 'skipped' });
  }
  // A newer write replaces older ones on the same side: their results and retries no longer matter,
  // but their echoes are still recognised as ours. One still waiting to be sent is dropped.
  for (const waiting of step.draft.writes.filter((w) => w.side === side && w.status === 'queued')) {
    step.setWrite(waiting.id, { status: 'failed' });
    step.update(waiting.decision, 'skipped');
  }
  step.draft.writes = step.draft.writes.map((w) =>
    w.side === side && !w.echoed ? { ...w, superseded: true } : w,
  );
  // The last outside change on this side is replaced by this write: a change on the other side now
  // races our write, not it: otherwise a call that ended within the window leaves Omni-Channel on
  // Busy, the ACD's return "losing" to a Salesforce change our write had replaced.
  const replaced = step.draft.lastOutside[side];
  if (replaced !== undefined)
    step.draft.lastOutside = { ...step.draft.lastOutside, [side]: { ...replaced, replaced: true } };
  const decision = step.decide({ ...base, why, result: 'pending', ms });
  const record: WriteRecord = {
    id: decision.id,
    side,
    target,
    issuedAt: step.at,
    attempt: 1,
    status: 'inflight',
    echoed: false,
    superseded: false,
    decision,
  };
  if (busySending(step, side)) {
    // Coalesce: this write goes out when the one in flight settles, unless a newer one replaces it.
    step.draft.writes = [...step.draft.writes, { ...record, status: 'queued' }];
    step.effects.push({ type: 'wake', delayMs: step.window });
  } else {
    step.draft.writes = [...step.draft.writes, record];
    send(step, record);
  }
  return decision;
}

/** Whether a write to this side was sent and has had no result yet (within the echo window). */
function busySending(step: Step, side: Side): boolean {
  return step.draft.writes.some(
    (w) => w.side === side && w.status === 'inflight' && within(step, w.issuedAt),
  );
}

function send(step: Step, write: WriteRecord): void {
  step.count('writes');
  step.effects.push(writeEffect(write));
}

/** The effect that carries a write to its side (a retry carries the same id with its attempt). */
function writeEffect(write: WriteRecord): Effect {
  return write.side === 'salesforce'
    ? {
        type: 'writeOmni',
        id: write.id,
        target: write.target as OmniTarget,
        attempt: write.attempt,
      }
    : { type: 'writeAcd', id: write.id, target: write.target as AcdTarget, attempt: write.attempt };
}

/** Drops the writes still waiting to be sent (this tab stopped leading): their decisions are skipped. */
export function dropQueued(step: Step): void {
  for (const waiting of step.draft.writes.filter((w) => w.status === 'queued')) {
    step.setWrite(waiting.id, { status: 'failed' });
    step.update(waiting.decision, 'skipped');
  }
}

/**
 * Sends a queued write once nothing is in flight on its side any more. It is sent even if its side
 * seems to show the target already: an older write of ours may still land there.
 */
export function sendQueued(step: Step): void {
  // A tab that stopped leading sends nothing more: the new leader resyncs (docs/contract.md §6.9).
  if (!step.draft.leader) return;
  for (const side of ['salesforce', 'acd'] as const) {
    const waiting = step.draft.writes.find((w) => w.side === side && w.status === 'queued');
    if (waiting === undefined || busySending(step, side)) continue;
    const sent: WriteRecord = { ...waiting, status: 'inflight', issuedAt: step.at };
    step.setWrite(waiting.id, { status: 'inflight', issuedAt: step.at });
    send(step, sent);
  }
}

/** Omni reasons that name someone other than the toolkit: such a change is never our echo. */
const NOT_OURS = new Set([
  'OmniManualStatusChange',
  'OmniSupervisorStatusChange',
  'OmniPushTimeout',
  'OmniDeclineWork',
  'OmniLoginStatusChange',
]);

/** Finds the write this observation echoes, if any: same target, or Omni's own "toolkit" reason while one is open. */
export function findEcho(
  step: Step,
  side: Side,
  value: SalesforceStatus | AcdState,
  reason?: string,
): WriteRecord | undefined {
  if (reason !== undefined && NOT_OURS.has(reason)) return undefined;
  // A queued write has not been sent, so nothing on the wire can be its echo: matching one would
  // confirm it unsent while an older write, still to land, heads elsewhere, and the sides would end
  // apart.
  const open = step.draft.writes.filter(
    (w) => w.side === side && w.status !== 'queued' && isOpen(step, w),
  );
  // Unconfirmed writes first: an outside change to the same value may have been taken for the
  // echo already, so a write keeps absorbing matching events until its result arrives.
  const fresh = open.filter((w) => !w.echoed);
  return (
    fresh.find((w) => writeMatches(w, side, value)) ??
    open.find((w) => writeMatches(w, side, value)) ??
    (side === 'salesforce' && reason === 'OmniToolkitStatusChange' ? fresh[0] : undefined)
  );
}

export function echo(step: Step, side: Side, found: WriteRecord, trigger: Trigger): void {
  step.setWrite(found.id, { echoed: true });
  step.count('echoes');
  step.skip('echo', trigger, found.decision.row);
  const held = step.draft.held[side];
  if (held !== undefined) {
    // Our write's echo came after the held change: the side applied ours last, so the held change
    // was overridden there and propagating it would leave the two sides disagreeing.
    step.draft.held = { ...step.draft.held, [side]: undefined };
    step.skip('overridden', held.trigger);
  }
}

/** The echo window runs from a write's confirmation (or its sending, if later). */
export function windowStart(write: WriteRecord): number {
  return write.settledAt ?? write.issuedAt;
}

/**
 * Whether a write of ours may still land or echo: in flight (until its result arrives), or
 * confirmed without an echo yet and inside its window.
 */
export function isOpen(step: Step, write: WriteRecord): boolean {
  return (
    write.status === 'queued' ||
    write.status === 'inflight' ||
    (write.status === 'done' && !write.echoed && within(step, windowStart(write)))
  );
}

/** The open write of ours to this side, if any. */
export function openWrite(step: Step, side: Side): WriteRecord | undefined {
  return step.draft.writes.find((w) => w.side === side && isOpen(step, w));
}

/** The write worked (its result, or its echo before a late failure or retry): done, decision ok. */
export function confirm(step: Step, write: WriteRecord): void {
  step.setWrite(write.id, { status: 'done', settledAt: step.at });
  step.update(write.decision, 'ok');
}

/** The write is given up (replaced, or a newer outside change waits behind it): failed, no problem raised. */
export function abandon(step: Step, write: WriteRecord): void {
  step.setWrite(write.id, { status: 'failed' });
  step.update(write.decision, 'failed');
}

/** A write's result said it worked (docs/contract.md §6.10: a success clears the failure it had). */
export function writeSucceeded(step: Step, id: number): void {
  const found = step.draft.writes.find((w) => w.id === id);
  if (!found || found.status !== 'inflight') return;
  confirm(step, found);
  // A change held behind this write goes ahead if no echo follows within the window.
  if (step.draft.held[found.side] !== undefined && !found.echoed) {
    step.effects.push({ type: 'wake', delayMs: step.window });
  }
  if (!found.superseded) {
    step.draft.failed = false;
    step.clearProblem(
      ...(found.side === 'salesforce'
        ? [ErrorCode.omniWriteFailed, ErrorCode.omniConnectionError, ErrorCode.omniUnavailable]
        : [ErrorCode.acdWriteFailed, ErrorCode.agentNotConnected]),
      ErrorCode.agentTimeout,
      ErrorCode.statusNotPermitted,
    );
  }
}

/**
 * A write failed (`failure`), or its retry is due (`null`): one order of checks for both. An echo
 * already seen means it landed, whatever came after (acknowledged ≠ applied, and the reverse), so a
 * superseded write that echoed ends `ok`; a superseded one, or one with a newer outside change
 * held behind it, is abandoned (the intent moved on); else it is retried with backoff, and the
 * last attempt's failure is a problem.
 */
export function retryOrFail(
  step: Step,
  id: number,
  failure: {
    readonly problem: Problem;
    readonly permanent: boolean;
    readonly retryAfterMs?: number;
  } | null,
): void {
  const found = step.draft.writes.find((w) => w.id === id);
  if (!found || found.status !== 'inflight') return;
  if (found.echoed) {
    confirm(step, found);
    return;
  }
  if (found.superseded || step.draft.held[found.side] !== undefined || !step.draft.leader) {
    abandon(step, found);
    return;
  }
  if (failure === null) {
    const retried: WriteRecord = { ...found, attempt: found.attempt + 1, issuedAt: step.at };
    step.setWrite(id, { attempt: retried.attempt, issuedAt: step.at });
    step.effects.push(writeEffect(retried));
    return;
  }
  const wait = failure.retryAfterMs ?? 0;
  if (!failure.permanent && found.attempt < MAX_ATTEMPTS && wait <= MAX_RETRY_WAIT_MS) {
    step.count('retries');
    step.effects.push({ type: 'retryLater', id, delayMs: retryDelay(found.attempt, wait) });
    return;
  }
  step.setWrite(id, { status: 'failed' });
  step.draft.failed = true;
  step.problem(failure.problem);
  step.update(found.decision, 'failed');
}

/** Writes that settled and whose echo window passed are forgotten; in-flight ones wait for their result. */
export function forgetSettled(step: Step): void {
  step.draft.writes = step.draft.writes.filter((w) => isOpen(step, w));
}

/** Whether two write targets set the same value. */
function sameWriteTarget(a: OmniTarget | AcdTarget, b: OmniTarget | AcdTarget): boolean {
  if ('state' in a || 'state' in b) return 'state' in a && 'state' in b && sameTarget(a, b);
  return 'logout' in a ? 'logout' in b : !('logout' in b) && a.statusId === b.statusId;
}
