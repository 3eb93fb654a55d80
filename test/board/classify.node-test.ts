/// <reference types="node" />
// The board's reading of the fleet, without the DOM: standing, silence, counts, filters, sort, and
// the guard every stored row passes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classify, countPhases, NO_FILTER, passes, sortViews } from '../../src/board/classify.js';
import { parseFleetRow } from '../../src/board/fleet.js';
import { fleetRow } from './fleet-rows.js';

const MINUTE = 60_000;
const T = 1_000_000;

describe('classify()', () => {
  for (const [phase, problemCode, paused, standing] of [
    ['in-sync', null, false, 'in-sync'],
    ['syncing', null, false, 'working'],
    ['deferred', null, false, 'working'],
    ['starting', null, false, 'working'],
    ['shadow', null, false, 'off'],
    ['paused', null, true, 'off'],
    ['follower', null, false, 'off'],
    ['error', 'acd-write-failed', false, 'attention'],
    ['in-sync', 'storage-unavailable', false, 'attention'],
    ['waiting', null, false, 'attention'],
    ['not-writing', null, false, 'attention'],
    ['not-mapped', null, false, 'attention'],
  ] as const) {
    it(`reads ${phase}${problemCode ? ` with ${problemCode}` : ''} as ${standing}`, () => {
      const view = classify(fleetRow({ phase, problemCode, paused }), T + MINUTE);
      assert.equal(view.standing, standing);
    });
  }

  it('calls an agent silent after 2.5 of its own heartbeat intervals, not before', () => {
    assert.equal(classify(fleetRow(), T + 12.5 * MINUTE).silent, false);
    assert.equal(classify(fleetRow(), T + 12.5 * MINUTE + 1).silent, true);
    assert.equal(classify(fleetRow(), T + 12.5 * MINUTE + 1).standing, 'silent');
    assert.equal(classify(fleetRow({ heartbeatMin: 10 }), T + 25 * MINUTE).silent, false);
    assert.equal(classify(fleetRow({ heartbeatMin: 10 }), T + 25 * MINUTE + 1).silent, true);
  });

  it('measures heartbeat age and time out of sync', () => {
    const view = classify(fleetRow({ phase: 'error', outOfSyncSince: T - 4 * MINUTE }), T + MINUTE);
    assert.equal(view.heartbeatAgeMs, MINUTE);
    assert.equal(view.outOfSyncMs, 5 * MINUTE);
  });
});

describe('countPhases()', () => {
  it('counts phases as reported and silent agents apart', () => {
    const now = T + 20 * MINUTE;
    const views = [
      fleetRow({ heartbeatAt: now }),
      fleetRow({ heartbeatAt: now }),
      fleetRow({ phase: 'error', heartbeatAt: now }),
      fleetRow({ phase: 'in-sync' }),
    ].map((row) => classify(row, now));
    assert.deepEqual(countPhases(views), [
      ['in-sync', 2],
      ['error', 1],
      ['silent', 1],
    ]);
  });
});

describe('passes()', () => {
  const now = T + 20 * MINUTE;
  const views = {
    fine: classify(fleetRow({ heartbeatAt: now }), now),
    broken: classify(
      fleetRow({
        phase: 'error',
        problemCode: 'agent-timeout',
        outOfSyncSince: now - 3 * MINUTE,
        heartbeatAt: now,
      }),
      now,
    ),
    stuck: classify(
      fleetRow({ phase: 'deferred', outOfSyncSince: now - 30 * MINUTE, heartbeatAt: now }),
      now,
    ),
    silent: classify(fleetRow(), now),
  };
  const kept = (filter: typeof NO_FILTER) =>
    Object.entries(views)
      .filter(([, view]) => passes(view, filter))
      .map(([name]) => name);

  it('keeps everyone without a filter', () => {
    assert.deepEqual(kept(NO_FILTER), ['fine', 'broken', 'stuck', 'silent']);
  });
  it('keeps problems and silent agents with problems only', () => {
    assert.deepEqual(kept({ ...NO_FILTER, problemsOnly: true }), ['broken', 'silent']);
  });
  it('keeps agents out of sync longer than N minutes', () => {
    assert.deepEqual(kept({ ...NO_FILTER, outOfSyncMin: 5 }), ['stuck']);
    assert.deepEqual(kept({ ...NO_FILTER, outOfSyncMin: 2 }), ['broken', 'stuck']);
  });
  it('keeps silent agents only', () => {
    assert.deepEqual(kept({ ...NO_FILTER, silentOnly: true }), ['silent']);
  });
});

describe('sortViews()', () => {
  const now = T + 10 * MINUTE;
  const views = [
    classify(fleetRow({ name: 'Cleo', heartbeatAt: now - MINUTE }), now),
    classify(fleetRow({ name: 'Abe', phase: 'error', problemCode: 'agent-timeout' }), now),
    classify(fleetRow({ name: 'Bo', heartbeatAt: now - 2 * MINUTE }), now),
  ];
  const names = (list: ReturnType<typeof sortViews>) => list.map((view) => view.row.name);
  it('sorts by name, by standing (worst first) and by heartbeat age (oldest first)', () => {
    assert.deepEqual(names(sortViews(views, 'name')), ['Abe', 'Bo', 'Cleo']);
    assert.deepEqual(names(sortViews(views, 'name', true)), ['Cleo', 'Bo', 'Abe']);
    assert.deepEqual(names(sortViews(views, 'phase')), ['Abe', 'Bo', 'Cleo']);
    assert.deepEqual(names(sortViews(views, 'heartbeat')), ['Abe', 'Bo', 'Cleo']);
    assert.deepEqual(names(sortViews(views, 'heartbeat', true)), ['Cleo', 'Bo', 'Abe']);
  });
});

describe('parseFleetRow()', () => {
  it('takes a row with a phase it does not know', () => {
    const result = parseFleetRow(fleetRow({ phase: 'not-writing' }), 0);
    assert.equal(result.ok, true);
  });
  for (const [field, value] of [
    ['userId', 'not an id'],
    ['phase', '<img src=x>'],
    ['heartbeatAt', -5],
    ['heartbeatAt', '12'],
    ['problemMessage', 'x'.repeat(300)],
    ['v', 2],
    ['paused', 'no'],
  ] as const) {
    it(`refuses ${field} ${JSON.stringify(value).slice(0, 20)}, naming the row and field`, () => {
      const result = parseFleetRow({ ...fleetRow(), [field]: value }, 3);
      assert.equal(result.ok, false);
      assert.match((result as { problem: string }).problem, new RegExp(`^rows\\[3\\]\\.${field}:`));
    });
  }
  it('refuses a row that is not an object, and a row missing a field', () => {
    assert.deepEqual(parseFleetRow('row', 7), { ok: false, problem: 'rows[7] is not an object' });
    const { name: _name, ...rest } = fleetRow();
    assert.match(
      (parseFleetRow(rest, 1) as { problem: string }).problem,
      /rows\[1\]\.name: missing/,
    );
  });
});
