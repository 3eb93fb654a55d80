/**
 * The bridge page's configuration (docs/contract.md §5.3): `config.json` beside `index.html`, read
 * from the bridge's own origin, so whoever hosts the bridge decides whom it answers and where it
 * signs in. A URL is something anyone can craft and frame, so the query string may only narrow the
 * page's own presentation (`lang`); every other parameter is ignored, and the page lists it.
 *
 * Invariants: every key is checked before use; a missing file, a body that is not a JSON object, an
 * unknown key or a bad value is a problem naming the key, and the page then connects to nothing;
 * `*` is never an allowed origin; the redirect URI is on the bridge's own origin; the issuer is on
 * a host `apiHostSuffixes` allows (or loopback), as every host discovery names must be.
 */
import { exactOrigin, isPlain, own, readOrigins } from '../../protocol/index.js';
import { hostRefusal, httpsOrLoopback, NICE_HOST_SUFFIXES } from './auth.js';

/** The checked configuration. */
export interface BridgeConfig {
  readonly clientId: string;
  /** Exact origins of the Salesforce pages allowed to drive the bridge. */
  readonly widgetOrigins: readonly string[];
  readonly issuer: string;
  readonly redirectUri: string;
  readonly pollTimeoutS: number;
  /**
   * The host suffixes the token endpoint, the authorization endpoint and the tenant's API host
   * must be under (NICE's documented domains by default); loopback is allowed besides.
   */
  readonly apiHostSuffixes: readonly string[];
}

/** A problem with one key of `config.json` (or with the file itself: key `config.json`). */
export interface ConfigProblem {
  readonly key: string;
  readonly message: string;
}

/** What reading the configuration gave. */
export interface ConfigReading {
  readonly config: BridgeConfig | null;
  readonly problems: readonly ConfigProblem[];
  /** The valid widget origins, even when something else is wrong (to tell the widget so). */
  readonly widgetOrigins: readonly string[];
}

/** The configuration file's name, beside the page. */
const CONFIG_FILE = 'config.json';
/** The one query parameter the page reads: its language. */
const QUERY_PARAMETERS: readonly string[] = ['lang'];

const DEFAULT_ISSUER = 'https://cxone.niceincontact.com';
const KEYS = [
  'clientId',
  'widgetOrigins',
  'issuer',
  'redirectUri',
  'pollTimeoutS',
  'apiHostSuffixes',
] as const;
/** A host suffix: two or more DNS labels, lowercase, no scheme, port, wildcard or leading dot. */
const HOST_SUFFIX = /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;

/** The names of the page URL's query parameters that the page does not read (each once). */
export function ignoredParameters(pageUrl: string): string[] {
  const names = [...new URL(pageUrl).searchParams.keys()];
  return [...new Set(names)].filter((key) => !QUERY_PARAMETERS.includes(key)).slice(0, 20);
}

/** Checks a parsed `config.json` for the page at `pageUrl`; `problems` is empty when it can start. */
export function checkBridgeConfig(body: unknown, pageUrl: string): ConfigReading {
  const page = new URL(pageUrl);
  const problems: ConfigProblem[] = [];
  const problem = (key: string, message: string) => problems.push({ key, message });
  if (!isPlain(body)) {
    problem(CONFIG_FILE, 'is not a JSON object');
    return { config: null, problems, widgetOrigins: [] };
  }
  for (const key of Object.keys(body).slice(0, 50)) {
    if (!(KEYS as readonly string[]).includes(key))
      problem(
        key.slice(0, 40),
        `is not a setting of the bridge (the settings: ${KEYS.join(', ')})`,
      );
  }

  const clientId = own(body, 'clientId');
  if (typeof clientId !== 'string' || !/^[A-Za-z0-9._~-]{1,200}$/.test(clientId)) {
    problem(
      'clientId',
      clientId === undefined
        ? 'is required: the NICE application’s client id'
        : 'is not a client id (letters, digits and . _ ~ - only)',
    );
  }

  const rawOrigins = own(body, 'widgetOrigins');
  let widgetOrigins: string[] = [];
  if (
    !Array.isArray(rawOrigins) ||
    !rawOrigins.every((entry) => typeof entry === 'string' && !/\s/.test(entry))
  ) {
    problem(
      'widgetOrigins',
      'must be an array of exact origins of the Salesforce pages, e.g. ["https://acme.lightning.force.com"]',
    );
  } else {
    const read = readOrigins(
      (rawOrigins as string[]).join(' '),
      'of the Salesforce pages, e.g. https://acme.lightning.force.com',
    );
    // Plain http only on loopback: anyone on the network path could otherwise speak as the page.
    widgetOrigins = read.origins.filter((origin) => httpsOrLoopback(origin) !== undefined);
    for (const message of read.problems) problem('widgetOrigins', message);
    for (const origin of read.origins.filter((entry) => !widgetOrigins.includes(entry)))
      problem('widgetOrigins', `"${origin}" is not https (plain http is allowed on loopback only)`);
  }

  const issuerRaw = own(body, 'issuer') ?? DEFAULT_ISSUER;
  const exact = typeof issuerRaw === 'string' ? exactOrigin(issuerRaw) : null;
  // Over plain http a network attacker would answer discovery and pick the token endpoint.
  const issuer = exact !== null && httpsOrLoopback(exact) !== undefined ? exact : null;
  if (issuer === null)
    problem(
      'issuer',
      `${JSON.stringify(issuerRaw).slice(0, 80)} is not a CXone issuer origin (https; plain http on loopback only)`,
    );

  const suffixesRaw = own(body, 'apiHostSuffixes') ?? NICE_HOST_SUFFIXES;
  let apiHostSuffixes: readonly string[] = [];
  if (
    !Array.isArray(suffixesRaw) ||
    suffixesRaw.length === 0 ||
    suffixesRaw.length > 20 ||
    !suffixesRaw.every((entry) => typeof entry === 'string' && HOST_SUFFIX.test(entry))
  ) {
    problem(
      'apiHostSuffixes',
      'must be an array of 1 to 20 host names the CXone hosts are under, lowercase, without a scheme, port or "*." (e.g. ["niceincontact.com"])',
    );
  } else {
    apiHostSuffixes = suffixesRaw as string[];
    const refused = issuer === null ? null : hostRefusal(issuer, apiHostSuffixes, 'it');
    if (refused !== null) problem('issuer', refused);
  }

  const redirectRaw = own(body, 'redirectUri') ?? 'callback.html';
  let redirectUri = '';
  try {
    if (typeof redirectRaw !== 'string') throw new TypeError('not a string');
    const redirect = new URL(redirectRaw, page);
    if (redirect.origin !== page.origin || redirect.hash !== '') {
      problem(
        'redirectUri',
        `must be on the bridge's own origin (${page.origin}), without a fragment: the sign-in code is handed over there`,
      );
    } else redirectUri = redirect.href;
  } catch {
    problem('redirectUri', 'is not a URL');
  }

  const pollTimeoutS = own(body, 'pollTimeoutS') ?? 30;
  if (
    typeof pollTimeoutS !== 'number' ||
    !Number.isInteger(pollTimeoutS) ||
    pollTimeoutS < 1 ||
    pollTimeoutS > 60
  ) {
    problem(
      'pollTimeoutS',
      `${JSON.stringify(pollTimeoutS).slice(0, 20)} is not a whole number of seconds from 1 to 60`,
    );
  }

  if (problems.length > 0 || issuer === null) return { config: null, problems, widgetOrigins };
  return {
    config: {
      clientId: clientId as string,
      widgetOrigins,
      issuer,
      redirectUri,
      pollTimeoutS: pollTimeoutS as number,
      apiHostSuffixes,
    },
    problems,
    widgetOrigins,
  };
}

/**
 * Fetches `config.json` beside the page, from the page's own origin, uncached and without
 * credentials, and checks it. A missing or unreadable file is a problem, never a throw.
 */
export async function loadBridgeConfig(
  fetcher: typeof fetch,
  pageUrl: string,
): Promise<ConfigReading> {
  const url = new URL(CONFIG_FILE, pageUrl);
  const fail = (message: string): ConfigReading => ({
    config: null,
    problems: [{ key: CONFIG_FILE, message }],
    widgetOrigins: [],
  });
  let response: Response;
  try {
    response = await fetcher(url.href, {
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'error',
      headers: { Accept: 'application/json' },
    });
  } catch {
    return fail(`could not be read from ${url.href}`);
  }
  if (response.status !== 200)
    return fail(`is missing beside the page (${url.href} answered ${response.status})`);
  const text = await response.text().catch(() => null);
  if (text === null) return fail(`could not be read from ${url.href}`);
  if (text.length > 20_000) return fail('is larger than 20,000 characters');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return fail('is not JSON');
  }
  return checkBridgeConfig(body, pageUrl);
}
