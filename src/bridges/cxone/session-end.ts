/**
 * `session-end` on the CXone side (docs/contract.md §5.3, §6.12): as the page goes for good with a
 * target armed, one state POST on the joined session
 * (`POST agent-sessions/{sessionId}/state`, https://help.nicecxone.com/content/Studio/actionscx/setagentstate/setagentstate.htm)
 * sent with `fetch(…, { keepalive: true })`, which the browser completes after the page is gone
 * (https://fetch.spec.whatwg.org/#request-keepalive-flag), CORS preflight included.
 *
 * Invariants: the request leaves synchronously inside `pagehide` or not at all (no refresh, no
 * retry, nobody waits for the answer); the token goes only through `CxoneHttp`, so only to the
 * discovered API host; nothing is sent while the bridge is not joined or holds no live token.
 */
import type { AcdTarget } from '../../protocol/index.js';
import type { CxoneAgentSession } from './agent-session.js';
import type { CxoneHttp } from './http.js';

/** How long the keepalive POST may take (the browser bounds it too). */
const TIMEOUT_MS = 10_000;

/** Sends the state POST as the page goes; the target when it left, else null. */
export function sendSessionEnd(
  http: CxoneHttp,
  session: Pick<CxoneAgentSession, 'pageGoingRequest'> | null,
  target: AcdTarget,
): AcdTarget | null {
  const request = session?.pageGoingRequest() ?? null;
  if (request === null) return null;
  void http.request({
    method: 'POST',
    url: request.url,
    token: request.token,
    json: { state: target.state, reason: target.state === 'Unavailable' ? target.reason : '' },
    timeoutMs: TIMEOUT_MS,
    keepalive: true,
  });
  return target;
}
