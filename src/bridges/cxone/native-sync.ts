/**
 * Whether NICE's own Salesforce presence sync is set up for the widget's org: it and Presence Sync
 * would both set the agent's state and undo each other. NICE's partner adapter keeps that rule at
 * `GET /adapter-apis/v1/{partnerName}/rule/{partnerAccountId}` (the shape its agent SDK reads:
 * `publisherStateMap` and `subscriberStateMap`; NICE does not document it publicly, see
 * `@nice-devone/agent-sdk@25.1.2:presence-sync-service.js`).
 *
 * Invariants: the lookup goes only to the API host the tenant discovery gave (the token never goes
 * to a host from configuration or the URL); it is made once per org id, under the 18-character id
 * and then its 15-character form; an answer of the wrong shape is said, never thrown on.
 */
import { BRIDGE_LIMITS, isPlain, list, own } from '../../protocol/index.js';
import type { HttpResult } from './http.js';

/** NICE's partner adapter's name for Salesforce. */
const PARTNER = 'salesforce';

/** What the widget is told when NICE's own sync is set up. */
export function nativeSyncProblem(rows: number): string {
  return (
    `NICE's own Salesforce presence sync is set up for this org in CXone (${rows} rows): turn it ` +
    'off, or it and Presence Sync both set the agent’s state and may undo each other'
  ).slice(0, BRIDGE_LIMITS.message);
}

/** What the lookup found: rows of NICE's rule (0: none), or null when it could not tell. */
export type NativeSyncFinding = { readonly rows: number } | null;

/**
 * Looks up NICE's rule for `orgId` on the discovered API host `api`, with `get` (a call with the
 * agent's token).
 */
export async function findNativeSync(
  api: string,
  orgId: string,
  get: (url: string) => Promise<HttpResult>,
): Promise<NativeSyncFinding> {
  for (const id of orgId.length === 18 ? [orgId, orgId.slice(0, 15)] : [orgId]) {
    const response = await get(`${api}/adapter-apis/v1/${PARTNER}/rule/${encodeURIComponent(id)}`);
    if (response.kind === 'response' && response.status === 404) continue;
    const rows =
      response.kind === 'response' && response.status === 200 ? ruleRows(response.body) : null;
    return rows === null ? null : { rows };
  }
  return { rows: 0 };
}

/**
 * The rows of NICE's presence-sync rule (`publisherStateMap` and `subscriberStateMap`, as its SDK
 * reads them), or null when the answer is not that shape.
 */
function ruleRows(body: unknown): number | null {
  if (!isPlain(body)) return null;
  let rows = 0;
  for (const key of ['publisherStateMap', 'subscriberStateMap']) {
    const value = own(body, key);
    if (value === undefined) continue;
    const entries = list(value, 1000);
    if (entries === undefined || !entries.every(isPlain)) return null;
    rows += entries.length;
  }
  return rows;
}
