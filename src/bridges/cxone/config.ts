/**
 * The bridge page's configuration: its URL's query string (docs/contract.md §5.3), so the widget's
 * `agent-src` carries it. Nothing in it is secret.
 *
 * Invariants: every parameter is checked before use; a bad one is a problem naming the parameter
 * and what was wrong, and the page then connects to nothing; `*` is never an allowed origin.
 */
import { exactOrigin, readOrigins } from '../../protocol/index.js';

/** The checked configuration. */
export interface BridgeConfig {
  readonly clientId: string;
  /** Exact origins of the Salesforce pages allowed to drive the bridge. */
  readonly widgetOrigins: readonly string[];
  readonly issuer: string;
  readonly redirectUri: string;
  readonly pollTimeoutS: number;
  /** Where NICE's presence-sync settings are read; by default derived from tenant discovery. */
  readonly presenceApi?: string;
}

/** A problem with one query parameter. */
export interface ConfigProblem {
  readonly parameter: string;
  readonly message: string;
}

const DEFAULT_ISSUER = 'https://cxone.niceincontact.com';

/** Reads the page URL's query string; `problems` is empty when the bridge can start. */
export function readBridgeConfig(pageUrl: string): {
  config: BridgeConfig | null;
  problems: ConfigProblem[];
  /** The valid widget origins, even when something else is wrong (to tell the widget so). */
  widgetOrigins: readonly string[];
} {
  const url = new URL(pageUrl);
  const query = url.searchParams;
  const problems: ConfigProblem[] = [];
  const clientId = query.get('client_id') ?? '';
  if (!/^[A-Za-z0-9._~-]{1,200}$/.test(clientId)) {
    problems.push({
      parameter: 'client_id',
      message:
        clientId === ''
          ? 'is required: the NICE application’s client id'
          : 'has characters a client id cannot have',
    });
  }
  const read = readOrigins(
    query.get('widget_origin'),
    'of the Salesforce pages, e.g. https://acme.lightning.force.com',
  );
  const widgetOrigins = read.origins;
  for (const message of read.problems) problems.push({ parameter: 'widget_origin', message });
  const issuerRaw = query.get('issuer') ?? DEFAULT_ISSUER;
  const issuer = exactOrigin(issuerRaw);
  if (issuer === null) {
    problems.push({
      parameter: 'issuer',
      message: `"${issuerRaw.slice(0, 80)}" is not a CXone issuer origin`,
    });
  }
  const redirectRaw = query.get('redirect_uri');
  let redirectUri = new URL('callback.html', url).href;
  if (redirectRaw !== null) {
    try {
      const redirect = new URL(redirectRaw);
      if (redirect.origin !== url.origin) {
        problems.push({
          parameter: 'redirect_uri',
          message: `must be on this page's origin (${url.origin}): the sign-in code is handed over there`,
        });
      } else redirectUri = redirect.href;
    } catch {
      problems.push({ parameter: 'redirect_uri', message: 'is not a URL' });
    }
  }
  const pollRaw = query.get('poll_timeout') ?? '30';
  const pollTimeoutS = /^\d{1,2}$/.test(pollRaw) ? Number(pollRaw) : NaN;
  if (!(pollTimeoutS >= 1 && pollTimeoutS <= 60)) {
    problems.push({
      parameter: 'poll_timeout',
      message: `"${pollRaw.slice(0, 20)}" is not a whole number of seconds from 1 to 60`,
    });
  }
  const presenceRaw = query.get('presence_api');
  const presenceApi = presenceRaw === null ? null : exactOrigin(presenceRaw);
  if (presenceRaw !== null && presenceApi === null) {
    problems.push({
      parameter: 'presence_api',
      message: `"${presenceRaw.slice(0, 80)}" is not an origin`,
    });
  }
  if (problems.length > 0 || issuer === null) return { config: null, problems, widgetOrigins };
  return {
    config: {
      clientId,
      widgetOrigins,
      issuer,
      redirectUri,
      pollTimeoutS,
      ...(presenceApi !== null ? { presenceApi } : {}),
    },
    problems,
    widgetOrigins,
  };
}
