/**
 * Stable error codes and the one error type the product reports.
 *
 * Invariants: codes never change meaning once published (admins search for them); a `SyncError`
 * is data, not control flow: the engine records it as a problem and keeps running. Only
 * programmer errors at construction are thrown.
 */

/** Every error code the product reports (docs/contract.md §2). */
export const ErrorCode = {
  rulesInvalid: 'rules-invalid',
  rulesAmbiguous: 'rules-ambiguous',
  rulesNoMatch: 'rules-no-match',
  orgMismatch: 'org-mismatch',
  originRefused: 'origin-refused',
  agentTimeout: 'agent-timeout',
  omniWriteFailed: 'omni-write-failed',
  acdWriteFailed: 'acd-write-failed',
  statusNotPermitted: 'status-not-permitted',
  storageUnavailable: 'storage-unavailable',
  duplicateLogin: 'duplicate-login',
  readOnlyAgent: 'read-only-agent',
  configInvalid: 'config-invalid',
  omniConnectionError: 'omni-connection-error',
  omniUnavailable: 'omni-unavailable',
  statusListFailed: 'status-list-failed',
  leaderUnavailable: 'leader-unavailable',
  agentNotConnected: 'agent-not-connected',
  internalError: 'internal-error',
} as const;

/** One of the stable error code strings. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A problem as it appears in the snapshot and in `presencesyncerror` events. */
export interface Problem {
  readonly code: ErrorCode;
  readonly message: string;
  readonly recoverable: boolean;
  /** Where the problem is: a JSON path, an attribute, an origin, a status name. */
  readonly path?: string;
}

/** The product's one error class: a stable `code`, a human `message`, and whether retrying may help. */
export class SyncError extends Error {
  readonly code: ErrorCode;
  readonly recoverable: boolean;
  readonly path?: string;
  /** How long the failing side asked to wait before a retry (a throttled write). */
  readonly retryAfterMs?: number;

  constructor(
    code: ErrorCode,
    message: string,
    options: { recoverable?: boolean; path?: string; cause?: unknown; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = 'SyncError';
    this.code = code;
    this.recoverable = options.recoverable ?? true;
    if (options.path !== undefined) this.path = options.path;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }

  /** The plain-data form used in snapshots, events and diagnostics. */
  toProblem(): Problem {
    return this.path === undefined
      ? { code: this.code, message: this.message, recoverable: this.recoverable }
      : { code: this.code, message: this.message, recoverable: this.recoverable, path: this.path };
  }
}

/**
 * Words for anything a call rejected or threw: an `Error`'s message, a string as it is, anything
 * else as JSON (host code is untrusted, and the Omni-Channel toolkit documents no rejection shape).
 */
export function describeRejection(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
