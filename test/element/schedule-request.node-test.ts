/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readScheduleRequest } from '../../src/element/schedule-request.js';

const NOW = Date.UTC(2026, 0, 5, 12, 0);
const HOUR = 3_600_000;

/** The TypeError's message for a request, or 'accepted'. */
function refusal(request: unknown): string {
  try {
    readScheduleRequest(request, NOW);
    return 'accepted';
  } catch (error) {
    assert.ok(error instanceof TypeError, `a TypeError, got ${String(error)}`);
    return error.message;
  }
}

describe('readScheduleRequest', () => {
  it('takes epoch ms, a Date or an ISO 8601 string, and either side', () => {
    assert.deepEqual(
      readScheduleRequest({ at: NOW + HOUR, target: { salesforce: 'Break' } }, NOW),
      {
        at: NOW + HOUR,
        target: { side: 'salesforce', target: 'Break' },
      },
    );
    assert.deepEqual(
      readScheduleRequest(
        {
          at: new Date(NOW + HOUR),
          until: '2026-01-05T13:15:00Z',
          target: { acd: 'Unavailable/Break' },
        },
        NOW,
      ),
      {
        at: NOW + HOUR,
        until: NOW + 1.25 * HOUR,
        target: { side: 'acd', target: 'Unavailable/Break' },
      },
    );
  });

  it('reads an ACD target with the rule grammar: a bare code is an unavailable code', () => {
    const entry = readScheduleRequest({ at: NOW, target: { acd: 'Break' } }, NOW);
    assert.deepEqual(entry.target, { side: 'acd', target: 'Unavailable/Break' });
    const id = readScheduleRequest({ at: NOW, target: { salesforce: '0N5000000000001AAA' } }, NOW);
    assert.deepEqual(id.target, { side: 'salesforce', target: '0N5000000000001' });
  });

  const refused: Array<[what: string, request: unknown, field: RegExp]> = [
    ['no object', 'Break at noon', /^scheduleState: request: /],
    ['no time', { target: { salesforce: 'Break' } }, /^scheduleState: at: undefined is not a time/],
    [
      'a time without its offset',
      { at: '2026-01-05T13:00', target: { salesforce: 'Break' } },
      /^scheduleState: at: "2026-01-05T13:00" is not a time/,
    ],
    [
      'epoch seconds',
      { at: Math.floor(NOW / 1000), target: { salesforce: 'Break' } },
      /^scheduleState: at: .* has passed \(epoch seconds/,
    ],
    [
      'a week away',
      { at: NOW + 8 * 24 * HOUR, target: { salesforce: 'Break' } },
      /^scheduleState: at: .* over 7 days/,
    ],
    [
      'an invalid Date',
      { at: new Date('x'), target: { salesforce: 'Break' } },
      /^scheduleState: at: an invalid Date/,
    ],
    [
      'an end before the start',
      { at: NOW + HOUR, until: NOW, target: { salesforce: 'Break' } },
      /^scheduleState: until: .* is not after at/,
    ],
    [
      'an end a day later',
      { at: NOW, until: NOW + 25 * HOUR, target: { salesforce: 'Break' } },
      /^scheduleState: until: more than 24 hours/,
    ],
    ['no target', { at: NOW }, /^scheduleState: target: expected \{ salesforce/],
    [
      'both sides',
      { at: NOW, target: { salesforce: 'Break', acd: 'Break' } },
      /^scheduleState: target: expected exactly one of salesforce or acd, got salesforce, acd/,
    ],
    [
      'a status that is no API name',
      { at: NOW, target: { salesforce: 'On break!' } },
      /^scheduleState: target\.salesforce: "On break!" is not a presence status API name/,
    ],
    [
      'a contact state',
      { at: NOW, target: { acd: 'InboundContact' } },
      /^scheduleState: target\.acd: only Available, Unavailable/,
    ],
    [
      'PreviousState',
      { at: NOW, target: { acd: 'PreviousState' } },
      /^scheduleState: target\.acd: only Available, Unavailable/,
    ],
    [
      'an empty code',
      { at: NOW, target: { acd: 'Unavailable/' } },
      /^scheduleState: target\.acd: /,
    ],
  ];
  for (const [what, request, field] of refused) {
    it(`refuses ${what} with a TypeError naming the field`, () => {
      assert.match(refusal(request), field);
    });
  }
});
