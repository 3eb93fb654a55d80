// Engine alone: input to effects, over 100,000 mixed inputs (decision_us_*).
import { transition } from '../src/core/engine/transition.js';
import type { Input } from '../src/core/inputs.js';
import { acd, started, status } from '../test/core/fixtures.js';

export function decisionBench(count = 100_000): number[] {
  let state = started({ sf: 'Available_for_Chats', acd: 'Available', at: 1 });
  const acdValues = [
    'Available',
    'Unavailable/Lunch',
    'InboundContact',
    'ACW/Wrap',
    'Unavailable/Meeting',
  ].map((text) => acd(text));
  const sfValues = ['Available_for_Chats', 'Away', 'Busy_On_Call', 'Training'].map((name) =>
    status(name),
  );
  const samples: number[] = [];
  let at = 10_000;
  for (let i = 0; i < count; i += 1) {
    at += 6_000;
    const kind = i % 4;
    let input: Input;
    const last = state.writes[state.writes.length - 1];
    if (kind === 3 && last && last.status === 'inflight')
      input = { type: 'write.succeeded', at, id: last.id };
    else if (kind % 2 === 0)
      input = { type: 'acd.stateChanged', at, state: acdValues[i % acdValues.length]! };
    else
      input = {
        type: 'omni.statusChanged',
        at,
        status: sfValues[i % sfValues.length]!,
        reason: 'OmniManualStatusChange',
      };
    const start = performance.now();
    state = transition(state, input).state;
    samples.push((performance.now() - start) * 1000);
  }
  return samples;
}
