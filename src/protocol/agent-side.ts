/**
 * The contact-center side's kit for speaking the bridge protocol (docs/contract.md §5.1) as the
 * `agent`, shared by the CXone bridge and the Webex relay: a clock, the hellos, `result`s, and an
 * announcer that owns `seq` and says the state and the codes only when they change.
 *
 * Invariants:
 * - A hello with `write: true` always carries the state: without one it says `write: false`
 *   (the widget must never write through an agent side that cannot say where the agent is).
 * - `seq` only increases, and survives a reload of the page that sends it: it starts from the
 *   clock (ms × 1000) and then counts, so a reloaded agent side never sends a smaller one.
 * - `state` and `codes` go out only when they differ from what was last said (a hello says both).
 */
import type { ClockPort } from '../core/ports.js';
import { sameAcd } from '../core/values.js';
import {
  BRIDGE_LIMITS,
  type AcdState,
  type AgentIdentity,
  type BridgeMessage,
  type BridgePlatform,
  type ResultOutcome,
  type UnavailableCode,
} from './bridge.js';

export type { ClockPort };
/** The real clock, the widget's own (tests inject a manual one). */
export { systemClock } from '../platform/time.js';

/** What an agent side says about itself in a `hello`. */
export interface AgentIntro {
  /** Who the agent is; none while nobody is signed in (the widget then chooses no rule). */
  readonly agent: AgentIdentity | null;
  /** Which contact center this agent side speaks for (the panel names the side after it). */
  readonly platform?: BridgePlatform | null;
  readonly codes?: readonly UnavailableCode[] | null;
  /** The agent's state; none when the agent side does not know it (signed out, unreachable). */
  readonly state?: AcdState | null;
  readonly write: boolean;
  /** Why the agent side cannot sync now, for the widget to show. */
  readonly problem?: string | null;
}

/** An agent `hello`; `write` is true only when the state comes with it. */
export function agentHello(intro: AgentIntro): BridgeMessage {
  const state = intro.state ?? null;
  return {
    type: 'hello',
    role: 'agent',
    agent: intro.agent,
    platform: intro.platform ?? null,
    codes: intro.codes === undefined || intro.codes === null ? null : [...intro.codes],
    state,
    write: intro.write && state !== null,
    problem:
      intro.problem === undefined || intro.problem === null
        ? null
        : intro.problem.slice(0, BRIDGE_LIMITS.message),
    locale: null,
    orgId: null,
  };
}

/**
 * The `hello` of an agent side that knows no state: no writes, and why. Never `LoggedOut`, which
 * a rule would map to logging the agent out of Omni-Channel.
 */
export function noStateHello(
  platform: BridgePlatform,
  agentId: string | null,
  problem: string | null,
): BridgeMessage {
  return agentHello({
    platform,
    agent: agentId === null ? null : { agentId },
    write: false,
    problem,
  });
}

/** The `result` answering the `setState` with this id. */
export function resultMessage(id: string, outcome: ResultOutcome): BridgeMessage {
  return outcome.ok
    ? { type: 'result', id, ok: true }
    : {
        type: 'result',
        id,
        ok: false,
        code: outcome.code,
        message: outcome.message.slice(0, BRIDGE_LIMITS.message),
        retryAfterMs: outcome.retryAfterMs ?? null,
      };
}

/** Says the agent's state and codes to the widget, each only when it changed, with `seq`. */
export class AgentAnnouncer {
  private said: AcdState | null = null;
  private saidCodes: string | null = null;
  private seq = 0;

  constructor(
    private readonly post: (message: BridgeMessage) => void,
    private readonly clock: ClockPort,
    /** Whether two states are the same news (default: state, reason and ACW; not `since`). */
    private readonly same: (a: AcdState, b: AcdState) => boolean = sameAcd,
  ) {}

  /** Posts a `hello`; what it carries counts as said. */
  hello(intro: AgentIntro): BridgeMessage {
    const message = agentHello(intro);
    if (message.type === 'hello') {
      if (message.state !== null) this.said = message.state;
      if (message.codes !== null) this.saidCodes = JSON.stringify(message.codes);
    }
    this.post(message);
    return message;
  }

  /** Posts the state when it is news; whether it was. */
  state(state: AcdState): boolean {
    if (this.said !== null && this.same(this.said, state)) return false;
    this.said = state;
    this.seq = Math.max(this.seq + 1, this.clock.now() * 1000);
    this.post({ type: 'state', state, seq: this.seq });
    return true;
  }

  /** Posts the codes when they changed. */
  codes(codes: readonly UnavailableCode[]): void {
    const key = JSON.stringify(codes);
    if (key === this.saidCodes) return;
    this.saidCodes = key;
    this.post({ type: 'codes', codes: [...codes] });
  }

  /** Forgets the state said (it is unknown now): the next one is news. */
  forget(): void {
    this.said = null;
  }

  /** Answers a `setState`. */
  result(id: string, outcome: ResultOutcome): void {
    this.post(resultMessage(id, outcome));
  }
}
