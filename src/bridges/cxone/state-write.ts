/**
 * The widget's `setState` as a CXone state POST (`POST agent-sessions/{sessionId}/state` with
 * `{"state": "Available" | "Unavailable", "reason": "<code>" | ""}`,
 * https://help.nicecxone.com/content/Studio/actionscx/setagentstate/setagentstate.htm), answered
 * with a `result` (docs/contract.md §5.1).
 *
 * Invariants:
 * - Checked before CXone sees it: a session to write to, the target not already the state, an
 *   active code of the team, an after-contact-work code only on a contact (CXone answers 409).
 * - Every answer becomes one `ResultCode` by one table of HTTP statuses; a throttled write
 *   (429, 503) says how long to wait (`retryAfterMs`: CXone's `Retry-After`, by the write policy),
 *   and until then another write is answered `throttled` without a POST.
 */
import {
  CONTACT_BASES,
  isPlain,
  own,
  stateIs,
  text,
  type AcdState,
  type AcdTarget,
  type ClockPort,
  type ResultCode,
  type ResultOutcome,
  type UnavailableCode,
} from '../../protocol/index.js';
import { AuthError } from './auth.js';
import type { HttpResult } from './http.js';
import { RETRY_LIMITS, RetryPolicy } from './retry.js';

/** What the writer needs of the session. */
export interface WriteSession {
  /** Whether a write can be tried (joined, the state known). */
  readonly canWrite: boolean;
  /** The agent's state as the bridge knows it now. */
  readonly current: AcdState | null;
  readonly codes: readonly UnavailableCode[] | null;
  /** POSTs to the joined session's state (a 401 refreshes once); throws `AuthError`. */
  postState(body: { state: string; reason: string }): Promise<HttpResult>;
  /** CXone no longer knows the session. */
  lost(detail: string): void;
  /** The sign-in cannot be renewed. */
  signedOut(detail: string): void;
  /** A write CXone took while no contact is on: its `AgentState` should come back. */
  expectEcho(state: string, reason: string): void;
}

/** A refused write's code and what to say, by HTTP status (after the 2xx, 401 and 404 cases). */
const REFUSALS: ReadonlyArray<{
  readonly statuses: readonly number[];
  readonly code: (reason: string) => ResultCode;
  readonly message: string;
}> = [
  { statuses: [409], code: () => 'conflict', message: 'CXone refused the change now' },
  {
    statuses: [400, 422],
    code: (reason) => (reason !== '' ? 'invalid-reason' : 'unsupported'),
    message: 'CXone refused the state',
  },
  { statuses: [403], code: () => 'forbidden', message: 'CXone forbids this change' },
];

/** Writes the agent's state for one joined session. */
export class StateWriter {
  private readonly retry: RetryPolicy;
  /** Throttled: no POST before this time. */
  private notBefore = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly session: WriteSession,
    private readonly clock: ClockPort,
    random?: () => number,
  ) {
    this.retry = new RetryPolicy(RETRY_LIMITS.write, random);
  }

  /** Sets the agent state; how it ended. */
  async write(target: AcdTarget): Promise<ResultOutcome> {
    const session = this.session;
    if (!session.canWrite)
      return refuse('not-connected', 'The bridge has no CXone session to write to');
    const current = session.current;
    const reason = target.state === 'Unavailable' ? target.reason : '';
    if (current !== null && stateIs(current, target)) return { ok: true };
    if (reason !== '') {
      const code = session.codes?.find((candidate) => candidate.name === reason);
      if (session.codes !== null && (code === undefined || !code.isActive))
        return refuse(
          'invalid-reason',
          `"${reason}" is not an active unavailable code of this team`,
        );
      if (code?.isAcw && (current === null || !CONTACT_BASES.includes(current.state)))
        return refuse(
          'acw-without-contact',
          `"${reason}" is an after-contact-work code and no contact is active`,
        );
    }
    const wait = this.notBefore - this.clock.now();
    if (wait > 0) return throttled(wait);
    let response: HttpResult;
    try {
      response = await session.postState({ state: target.state, reason });
    } catch (error) {
      const signedOut = error instanceof AuthError && error.kind === 'signed-out';
      const message = error instanceof Error ? error.message : String(error);
      if (signedOut) session.signedOut(message);
      return refuse(signedOut ? 'unauthorized' : 'network', message);
    }
    if (response.kind === 'timeout') return refuse('timeout', 'CXone did not answer in time');
    if (response.kind !== 'response') return refuse('network', 'CXone could not be reached');
    const status = response.status;
    if (status === 429 || status === 503) {
      const delay = this.retry.failed(response.retryAfterMs);
      this.notBefore = this.clock.now() + delay;
      return throttled(delay);
    }
    this.retry.succeeded();
    if (status >= 200 && status < 300) {
      // On a contact CXone keeps the state for later and sends nothing now; and the event may
      // already have come, before this answer.
      const now = session.current;
      const arrived = now !== null && stateIs(now, target);
      if (!arrived && (current === null || !CONTACT_BASES.includes(current.state)))
        session.expectEcho(target.state, reason);
      return { ok: true };
    }
    if (status === 401) {
      session.signedOut('CXone refused the sign-in');
      return refuse('unauthorized', 'The agent must sign in to CXone again');
    }
    if (status === 404) {
      // The session is joined again; only that join may say the agent has none (LoggedOut).
      session.lost('CXone no longer knows the session');
      return refuse('no-session', 'The CXone session ended');
    }
    const refusal = REFUSALS.find((entry) => entry.statuses.includes(status));
    return refusal === undefined
      ? refuse('network', `CXone answered ${status}`)
      : refuse(refusal.code(reason), messageOf(response.body, refusal.message));
  }
}

function refuse(code: ResultCode, message: string): ResultOutcome {
  return { ok: false, code, message };
}

function throttled(delay: number): ResultOutcome {
  return {
    ok: false,
    code: 'throttled',
    message: `CXone asked to slow down: try again in ${Math.ceil(delay / 1000)} s`,
    retryAfterMs: delay,
  };
}

function messageOf(body: unknown, fallback: string): string {
  const message = isPlain(body)
    ? (text(own(body, 'error'), 300) ?? text(own(body, 'message'), 300))
    : undefined;
  return message ?? fallback;
}
