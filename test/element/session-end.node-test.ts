/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkSessionEnd, SESSION_END } from '../../src/core/config.js';
import type { Problem } from '../../src/core/errors.js';

function check(value: unknown): { target: unknown; problems: Problem[] } {
  const problems: Problem[] = [];
  return { target: checkSessionEnd(value, problems), problems };
}

describe('the session-end setting', () => {
  it('is none by default: nothing is applied at close', () => {
    assert.equal(SESSION_END.default, 'none');
    for (const value of [undefined, null, '', 'none', 'None', ' none ']) {
      assert.deepEqual(check(value), { target: null, problems: [] }, String(value));
    }
  });

  it('takes Unavailable and an unavailable code, as the ACD spells it', () => {
    assert.deepEqual(check('Unavailable').target, { state: 'Unavailable', reason: '' });
    assert.deepEqual(check('unavailable/EndOfShift').target, {
      state: 'Unavailable',
      reason: 'EndOfShift',
    });
  });

  const refused: Array<[value: unknown, why: RegExp]> = [
    ['Available', /Available would leave calls ringing/],
    ['LoggedOut', /no agent side can end the contact-center session/],
    ['InboundContact', /expected none, Unavailable/],
    ['EndOfShift', /expected none, Unavailable/],
    ['Unavailable/', /expected none/],
    ['Unavailable/ Lunch', /expected none/],
    [`Unavailable/${'x'.repeat(101)}`, /expected none/],
    [42, /"42" is not taken/],
  ];
  for (const [value, why] of refused) {
    it(`refuses ${JSON.stringify(value).slice(0, 30)} with a problem naming session-end`, () => {
      const { target, problems } = check(value);
      assert.equal(target, null);
      assert.equal(problems.length, 1);
      assert.equal(problems[0]!.code, 'config-invalid');
      assert.equal(problems[0]!.path, 'session-end');
      assert.match(problems[0]!.message, /^session-end: /);
      assert.match(problems[0]!.message, why);
    });
  }
});
