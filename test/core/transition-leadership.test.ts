// A tab that stops leading sends nothing more (docs/contract.md §6.9): a write it had queued behind
// one in flight is dropped, and a failed write is not retried; the new leader resyncs instead.
import { expect } from '@open-wc/testing';
import type { Effect } from '../../src/core/effects.js';
import type { Input } from '../../src/core/inputs.js';
import type { EngineState } from '../../src/core/engine/state.js';
import { ErrorCode } from '../../src/core/errors.js';
import { run, sfChange, started, T, writes } from './fixtures.js';

function play(state: EngineState, ...inputs: Input[]): { state: EngineState; effects: Effect[] } {
  let current = state;
  const effects: Effect[] = [];
  for (const input of inputs) {
    const result = run(current, input);
    current = result.state;
    effects.push(...result.effects);
  }
  return { state: current, effects };
}

const lostLead: Input = { type: 'leader.changed', at: T + 20, leader: false };

/** Away then back to chats at once: the second ACD write waits behind the first. */
function queued(): { state: EngineState; first: number } {
  const { state, effects } = play(
    started(),
    sfChange('Away', T),
    sfChange('Available_for_Chats', T + 10),
  );
  expect(writes(effects)).to.deep.equal(['acd:Unavailable/Lunch']);
  const first = state.writes.find((write) => write.status === 'inflight');
  expect(state.writes.map((write) => write.status)).to.deep.equal(['inflight', 'queued']);
  return { state, first: first?.id ?? -1 };
}

describe('transition() when this tab stops leading', () => {
  it('still sends a queued write while it leads (the table is not vacuous)', () => {
    const { state, first } = queued();
    const { effects } = play(state, { type: 'write.succeeded', at: T + 30, id: first });
    expect(writes(effects)).to.deep.equal(['acd:Available']);
  });

  it('drops a write queued behind one in flight, and says the decision was skipped', () => {
    const { state, first } = queued();
    const { effects } = play(state, lostLead, { type: 'write.succeeded', at: T + 30, id: first });
    expect(writes(effects)).to.deep.equal([]);
    const updates = effects.flatMap((effect) =>
      effect.type === 'decide' ? [effect.decision] : [],
    );
    expect(JSON.stringify(updates)).to.contain('"skipped"');
  });

  it('does not retry a write that failed after it lost the lead', () => {
    const { state, first } = queued();
    const { effects } = play(state, lostLead, {
      type: 'write.failed',
      at: T + 30,
      id: first,
      problem: { code: ErrorCode.acdWriteFailed, message: 'timeout', recoverable: true },
      permanent: false,
    });
    expect(effects.map((effect) => effect.type)).not.to.include('retryLater');
    expect(writes(effects)).to.deep.equal([]);
  });
});
