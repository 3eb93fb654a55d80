// The agent's day's fixtures (docs/contract.md §6.12): a rule with timed states, the clock's tick,
// and both sides showing every write in flight.
import type { Input } from '../../src/core/inputs.js';
import type { EngineState } from '../../src/core/engine/state.js';
import { acd, EXAMPLE, status } from './fixtures.js';

/** The contract's example rule with a 30-minute Away and a notify-only Meeting. */
export const TIMED = {
  version: 1,
  rules: [
    {
      ...EXAMPLE.rules[0],
      timeouts: [
        { salesforce: 'Away', minutes: 30, then: 'Available_for_Chats' },
        { acd: 'Unavailable/Meeting', minutes: 60, then: 'notify' },
      ],
    },
  ],
};

/** Time passed. */
export const tick = (at: number): Input => ({ type: 'clock.tick', at });

/** Every write in flight succeeds and its side shows it (the toolkit's and the agent app's echoes). */
export const settle =
  (at: number) =>
  (state: EngineState): Input[] =>
    state.writes
      .filter((write) => write.status === 'inflight')
      .flatMap((write): Input[] => {
        const done: Input = { type: 'write.succeeded', at, id: write.id };
        if (write.side === 'acd') {
          const target = write.target as { state: 'Available' | 'Unavailable'; reason?: string };
          const text =
            target.state === 'Unavailable' ? `Unavailable/${target.reason}` : 'Available';
          return [done, { type: 'acd.stateChanged', at, state: acd(text.replace(/\/$/, '')) }];
        }
        const target = write.target as { logout?: true; apiName: string };
        return [
          done,
          target.logout
            ? { type: 'omni.loggedOut', at }
            : {
                type: 'omni.statusChanged',
                at,
                status: status(target.apiName),
                reason: 'OmniToolkitStatusChange',
              },
        ];
      });
