// The one error boundary for calls into code that may throw, reject, or not answer with a promise.
import { expect } from '@open-wc/testing';
import { attempt, guarded } from '../../src/platform/attempt.js';

/** Where one guarded call ended. */
function outcome(call: () => Promise<string>): Promise<string> {
  return new Promise((resolve) =>
    guarded(
      call,
      (value) => resolve(`done: ${value}`),
      (error) => resolve(`failed: ${error instanceof Error ? error.name : String(error)}`),
    ),
  );
}

describe('guarded()', () => {
  it('hands the value to done', async () => {
    expect(await outcome(() => Promise.resolve('ok'))).to.equal('done: ok');
  });

  it('hands a throw, a rejection and an answer that is not a promise to failed', async () => {
    expect(
      await outcome(() => {
        throw new RangeError('thrown');
      }),
    ).to.equal('failed: RangeError');
    expect(await outcome(() => Promise.reject(new SyntaxError('rejected')))).to.equal(
      'failed: SyntaxError',
    );
    expect(await outcome(() => 'not a promise' as unknown as Promise<string>)).to.equal(
      'failed: TypeError',
    );
  });
});

describe('attempt()', () => {
  it('turns a throw into a rejection and returns a promise the call made as it is', async () => {
    const answer = Promise.resolve(1);
    expect(attempt(() => answer)).to.equal(answer);
    let caught: unknown;
    await attempt(() => {
      throw new RangeError('thrown');
    }).catch((error: unknown) => (caught = error));
    expect(caught).to.be.instanceOf(RangeError);
  });
});
