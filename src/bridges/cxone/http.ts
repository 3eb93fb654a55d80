/**
 * The CXone bridge's HTTP: one `request` over an injected `fetch`, with a deadline, that never
 * throws. CXone answers in JSON or with no body (304, 202); a network failure, a timeout and a
 * body that is not JSON are results of their own, so callers branch on `kind`, not on exceptions.
 *
 * Invariants: the access token only ever goes in the `Authorization` header of a request to an
 * origin that discovery named (`trust`): a request that carries it to any other origin is refused
 * here, before anything is sent, whatever bug built its URL. Nothing here logs or returns it.
 */
import type { ClockPort } from '../../protocol/index.js';
import { retryAfterMs } from './retry.js';

/** What a request came back as. */
export type HttpResult =
  | {
      readonly kind: 'response';
      readonly status: number;
      /** Parsed JSON, or undefined for an empty body. */
      readonly body: unknown;
      /** `Retry-After` in ms from now, when the server sent one (seconds or an HTTP-date). */
      readonly retryAfterMs?: number;
    }
  | { readonly kind: 'network'; readonly message: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'malformed'; readonly status: number };

/** A request. `form` bodies are `application/x-www-form-urlencoded`, `json` bodies JSON. */
export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly token?: string;
  readonly json?: unknown;
  readonly form?: Record<string, string>;
  readonly timeoutMs: number;
  /** Aborts the request (the bridge is stopping): it ends as `network`. */
  readonly signal?: AbortSignal;
  /** The request outlives the page (`fetch` keepalive): it is sent as the page goes. */
  readonly keepalive?: boolean;
}

/** The HTTP the bridge uses: `fetch` and a clock for the deadline. */
export class CxoneHttp {
  /** The origins the access token may go to: only what discovery named. */
  private readonly trusted = new Set<string>();
  private tokenSent = false;

  constructor(
    private readonly fetcher: typeof fetch,
    private readonly clock: ClockPort,
    /** Called once, before the first request that carries the token. */
    private readonly beforeFirstToken?: () => void,
  ) {}

  /** Lets the token go to `url`'s origin. Only URLs from the issuer's discovery come here. */
  trust(url: string): void {
    this.trusted.add(new URL(url).origin);
  }

  async request(request: HttpRequest): Promise<HttpResult> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (request.token !== undefined) {
      const origin = originOf(request.url);
      if (!this.trusted.has(origin)) {
        return {
          kind: 'network',
          message: `the CXone token is sent only to discovered CXone hosts, not ${origin.slice(0, 100)}`,
        };
      }
      if (!this.tokenSent) this.beforeFirstToken?.();
      this.tokenSent = true;
      headers.Authorization = `Bearer ${request.token}`;
    }
    let body: string | undefined;
    if (request.form !== undefined) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(request.form).toString();
    } else if (request.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.json);
    }
    const abort = new AbortController();
    const stop = () => abort.abort();
    request.signal?.addEventListener('abort', stop);
    if (request.signal?.aborted) abort.abort();
    let timedOut = false;
    const timer = this.clock.setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, request.timeoutMs);
    try {
      const response = await this.fetcher(request.url, {
        method: request.method,
        headers,
        ...(body !== undefined ? { body } : {}),
        signal: abort.signal,
        cache: 'no-store',
        credentials: 'omit',
        redirect: 'error',
        ...(request.keepalive === true ? { keepalive: true } : {}),
      });
      const text = await response.text();
      const retryAfter = retryAfterMs(response.headers.get('Retry-After'), this.clock.now());
      let parsed: unknown;
      if (text !== '') {
        try {
          parsed = JSON.parse(text);
        } catch {
          // An error page (a gateway's HTML 503) is still that status: only a success must be JSON.
          if (response.ok) return { kind: 'malformed', status: response.status };
        }
      }
      return {
        kind: 'response',
        status: response.status,
        body: parsed,
        ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}),
      };
    } catch (error) {
      if (timedOut) return { kind: 'timeout' };
      return { kind: 'network', message: error instanceof Error ? error.message : String(error) };
    } finally {
      this.clock.clearTimeout(timer);
      request.signal?.removeEventListener('abort', stop);
    }
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
