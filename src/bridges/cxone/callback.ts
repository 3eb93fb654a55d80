/**
 * The CXone sign-in popup's landing page (`callback.html`): hands the authorization code and
 * `state` to the bridge page that opened it — at the bridge's own origin only, never `*` — and
 * closes. An error from CXone (`error=access_denied`) is shown instead.
 */
import { AUTH_NS } from './auth-message.js';

const query = new URL(location.href).searchParams;
const code = query.get('code');
const state = query.get('state');
const status = document.getElementById('status') as HTMLParagraphElement;
if (code !== null && state !== null && window.opener) {
  (window.opener as Window).postMessage({ ns: AUTH_NS, code, state }, location.origin);
  window.close();
} else {
  status.textContent = `CXone sign-in did not complete: ${(query.get('error') ?? 'no code').slice(0, 100)}`;
}
