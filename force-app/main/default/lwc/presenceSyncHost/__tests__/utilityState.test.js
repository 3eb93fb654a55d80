import { utilityStateOf } from '../utilityState';

const PHASES = [
  'in-sync',
  'syncing',
  'starting',
  'deferred',
  'waiting',
  'shadow',
  'paused',
  'follower',
  'error',
  'not-writing',
  'not-mapped',
  'out-of-sync',
];

describe('utilityStateOf', () => {
  it.each(PHASES)('gives %s one of the three icon variants updateUtility documents', (phase) => {
    expect(['success', 'warning', 'error']).toContain(utilityStateOf(phase, String).iconVariant);
  });

  it('shows an unknown phase as an error', () => {
    expect(utilityStateOf('nonsense', String)).toMatchObject({ label: 'error', icon: 'error' });
  });
});
