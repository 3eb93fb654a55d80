/**
 * One error boundary for calls into code that may throw, reject, or answer with something that is
 * not a promise (a host's port, a storage, a toolkit): each of the three ends in one place.
 *
 * Invariant: a promise the call returns is used as it is, never wrapped: wrapping one from another
 * realm (as a Lightning Web Security sandbox hands out) adds turns and lets a newer event overtake
 * the answer.
 */

/** Calls `call` now; a throw becomes a rejection. */
export function attempt<T>(call: () => Promise<T>): Promise<T> {
  try {
    return call();
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Calls `call` now and hands its value to `done`; a throw, a rejection, and an answer that is not a
 * promise all go to `failed`, never out of here.
 */
export function guarded<T>(
  call: () => Promise<T>,
  done: (value: T) => void,
  failed: (error: unknown) => void,
): void {
  try {
    attempt(call).then(done, failed);
  } catch (error) {
    // The answer was not a promise (it has no `then`).
    failed(error);
  }
}
