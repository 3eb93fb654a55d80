/**
 * One step of the engine: a draft of the next state, the effects ordered so far, and the helpers
 * every concern uses to record decisions and problems.
 */
import type { Effect } from '../effects.js';
import type { EngineState, WriteRecord } from './state.js';
import type { Problem } from '../errors.js';
import type { Decision, DecisionWhy } from '../snapshot.js';
import {
  type AcdState,
  type AcdTarget,
  formatAcd,
  formatStatus,
  type SalesforceStatus,
  type StatusInfo,
} from '../values.js';

export type Side = 'salesforce' | 'acd';

type Draft = { -readonly [K in keyof EngineState]: EngineState[K] };

export type Trigger = Decision['trigger'];

export type Row = Decision['row'];

const PROBLEM_LIMIT = 20;

export class Step {
  readonly draft: Draft;
  readonly effects: Effect[] = [];
  /** The previous-state history entry this step added, if any (a held write may take it back). */
  recorded: AcdTarget | null = null;
  /** Changes the agent (or host) made in this step, not ours and not a contact's: they cancel timeouts. */
  readonly chose: Array<{ readonly side: Side; readonly at: number }> = [];

  constructor(
    state: EngineState,
    readonly at: number,
  ) {
    this.draft = { ...state };
  }

  get window(): number {
    return this.draft.config.echoWindowMs;
  }

  count(key: keyof EngineState['counters'], by = 1): void {
    this.draft.counters = { ...this.draft.counters, [key]: this.draft.counters[key] + by };
  }

  decide(decision: Omit<Decision, 'id' | 'at' | 'ms'> & { ms?: number }, id?: number): Decision {
    const full: Decision = { ms: 0, ...decision, id: id ?? this.draft.nextId++, at: this.at };
    this.count('decisions');
    this.effects.push({ type: 'decide', decision: full });
    return full;
  }

  /** Records a decision that writes nothing, and why. */
  skip(why: DecisionWhy, trigger: Trigger, row: Row = null): Decision {
    const rule = this.draft.rule?.name ?? null;
    return this.decide({ trigger, rule, row, action: 'none', why, result: 'skipped' });
  }

  update(decision: Decision, result: Decision['result']): void {
    this.effects.push({ type: 'decide', decision: { ...decision, result } });
  }

  problem(problem: Problem): void {
    const others = this.draft.problems.filter((existing) => existing.code !== problem.code);
    this.draft.problems = [...others, problem].slice(-PROBLEM_LIMIT);
    this.effects.push({ type: 'report', problem });
  }

  clearProblem(...codes: Problem['code'][]): void {
    if (this.draft.problems.some((problem) => codes.includes(problem.code))) {
      this.draft.problems = this.draft.problems.filter((problem) => !codes.includes(problem.code));
    }
  }

  /** Only the leading tab writes the stored state (docs/contract.md §6.9): a follower's would race the leader's. */
  persist(): void {
    if (!this.draft.leader) return;
    this.effects.push({
      type: 'persist',
      history: this.draft.history,
      deferred: this.draft.deferred,
      beforeContact: this.draft.beforeContact,
      standing: this.draft.standing,
      deadlines: this.draft.deadlines.filter((deadline) => deadline.kind !== 'idle'),
      idleFrom: this.draft.idleFrom,
    });
    this.draft.idleSaved = this.draft.idleFrom;
  }

  setWrite(id: number, change: Partial<WriteRecord>): void {
    this.draft.writes = this.draft.writes.map((write) =>
      write.id === id ? { ...write, ...change } : write,
    );
  }
}

export function within(step: Step, then: number): boolean {
  // A wall clock that stepped back a little (NTP) keeps the window open; one that jumped back by
  // more than the window closes it rather than keeping it open for however long the jump was.
  return Math.abs(step.at - then) < step.window;
}

export function catalogue(state: EngineState): readonly StatusInfo[] {
  return state.statuses ?? state.learned;
}

export function ready(state: EngineState): boolean {
  return state.started && state.rule !== null && state.blocking.length === 0;
}

/** Why the engine may not write to a side right now, or null when it may. */
export function blockedWhy(state: EngineState, side: Side): DecisionWhy | null {
  if (state.config.mode === 'off' || state.paused) return 'paused';
  if (!state.leader) return 'not-leader';
  if (state.config.mode === 'shadow') return 'shadow';
  if (side === 'salesforce' && state.duplicateLogin) return 'duplicate-login';
  if (side === 'acd' && !state.agentCanWrite) return 'read-only-agent';
  return null;
}

export function acdTrigger(from: AcdState | null, to: AcdState, reason?: string): Trigger {
  return {
    side: 'acd',
    from: from === null ? 'unknown' : formatAcd(from),
    to: formatAcd(to),
    ...(reason ? { reason } : {}),
  };
}

export function sfTrigger(
  from: SalesforceStatus | null,
  to: SalesforceStatus,
  reason?: string,
): Trigger {
  return {
    side: 'salesforce',
    from: from === null ? 'unknown' : formatStatus(from),
    to: formatStatus(to),
    ...(reason ? { reason } : {}),
  };
}
