// Engine tables (docs/contract.md §6): each row is a fact — a state, the inputs, the writes that
// follow and why — run through transition() with no DOM.
import { expect } from '@open-wc/testing';
import type { Effect } from '../../src/core/effects.js';
import type { Input } from '../../src/core/inputs.js';
import { phaseOf } from '../../src/core/engine/projection.js';
import type { EngineState } from '../../src/core/engine/state.js';
import { run, status, succeeded, whys, writes, T } from './fixtures.js';

/** One row of an engine table. */
export interface Row {
  /** A fact about the engine, in the present tense. */
  it: string;
  given: () => EngineState;
  /** Inputs in order; a function makes them (one or several) from the state before it. */
  when: (state: EngineState) => Array<Input | ((state: EngineState) => Input | Input[])>;
  writes: string[];
  why?: string[];
  phase?: string;
  check?: (state: EngineState) => void;
}

/** One `it` per row: the writes are exactly these, the decisions include these whys. */
export function table(rows: Row[]): void {
  for (const row of rows) {
    it(row.it, () => {
      const given = row.given();
      const result = { state: given, effects: [] as Effect[] };
      for (const input of row.when(given)) {
        const made = typeof input === 'function' ? input(result.state) : input;
        const step = run(result.state, ...[made].flat());
        result.state = step.state;
        result.effects.push(...step.effects);
      }
      expect(writes(result.effects), 'writes').to.deep.equal(row.writes);
      if (row.why) expect(whys(result.effects), 'decisions').to.include.members(row.why);
      if (row.phase) expect(phaseOf(result.state), 'phase').to.equal(row.phase);
      row.check?.(result.state);
    });
  }
}

/** The side confirms our latest write and shows it, as the real toolkit and agent app do. */
export const confirm = (at = T + 50) => [
  (state: EngineState): Input => succeeded(state, at),
  (state: EngineState): Input => {
    const write = state.writes[state.writes.length - 1]!;
    if (write.side === 'acd')
      return {
        type: 'acd.stateChanged',
        at,
        state: {
          ...(write.target as { state: 'Available' }),
          reason: 'reason' in write.target ? write.target.reason : '',
          isAcw: false,
        },
      };
    const target = write.target as { logout?: true; apiName: string };
    return target.logout
      ? { type: 'omni.loggedOut', at }
      : {
          type: 'omni.statusChanged',
          at,
          status: status(target.apiName),
          reason: 'OmniToolkitStatusChange',
        };
  },
];
