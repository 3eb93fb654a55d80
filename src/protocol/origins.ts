/**
 * Exact origins, the one parser for every allow-list on either end: the widget's `agent-origin`,
 * the CXone bridge's `widgetOrigins`, the Webex relay's `lightning-origin`. Each is scheme, host
 * and port, normalised as browsers report `MessageEvent.origin` (hosts lower-cased, default ports
 * dropped), so a comparison is a string equality.
 *
 * Invariants: `*`, `null`, wildcards, paths, queries, fragments, credentials and schemes other
 * than http(s) are refused; plain http only on loopback (anyone on the network path could
 * otherwise speak as the page); at most 20 origins are read; each bad entry is named with the
 * reason, and duplicates are dropped.
 */

/** How many origins one list may name. */
const MAX_ORIGINS = 20;

/** An exact origin, or why the entry is not one. */
type OriginCheck = { readonly origin: string } | { readonly refused: string };

/**
 * True for a loopback host: 127.0.0.1, `[::1]`, `localhost` or a `*.localhost` name, which is
 * loopback by definition (RFC 6761 §6.3).
 */
function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === '127.0.0.1' ||
    hostname === '[::1]' ||
    hostname === 'localhost' ||
    hostname.endsWith('.localhost')
  );
}

/** `value` as an exact origin, or the reason it is refused. */
function checkOrigin(value: unknown): OriginCheck {
  if (typeof value !== 'string') return { refused: 'origins are strings' };
  if (value.includes('*'))
    return { refused: 'wildcards would let any page in; list exact origins' };
  if (value === 'null')
    return { refused: 'opaque (sandboxed or file:) origins cannot be told apart' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { refused: 'it is not an origin such as https://app.example.com' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { refused: 'only http: and https: origins are allowed' };
  if (
    url.username !== '' ||
    url.password !== '' ||
    (url.pathname !== '/' && url.pathname !== '') ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    return {
      refused: `an origin has no path, query or credentials; did you mean ${url.origin}?`,
    };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname))
    return { refused: 'plain http is allowed on loopback only; use https' };
  return { origin: url.origin };
}

/** An exact http(s) origin, or null. */
export function exactOrigin(value: string): string | null {
  const check = checkOrigin(value);
  return 'origin' in check ? check.origin : null;
}

/** One list's origins, and what was wrong with it: `entry` null when the list as a whole is wrong. */
export interface OriginList {
  readonly origins: string[];
  readonly refused: ReadonlyArray<{ readonly entry: string | null; readonly why: string }>;
}

/**
 * Reads a list of exact origins (space-separated, or an array). `example` completes the sentence
 * "name at least one exact origin …" said when the list is empty.
 */
export function parseOrigins(
  value: string | null | readonly unknown[],
  example: string,
): OriginList {
  const entries =
    typeof value === 'string' || value === null
      ? (value ?? '').split(/\s+/).filter((entry) => entry !== '')
      : [...value];
  const origins: string[] = [];
  const refused: Array<{ entry: string | null; why: string }> = [];
  if (entries.length === 0)
    refused.push({ entry: null, why: `is required: the exact origin(s) ${example}` });
  if (entries.length > MAX_ORIGINS)
    refused.push({ entry: null, why: `lists more than ${MAX_ORIGINS} origins` });
  for (const entry of entries.slice(0, MAX_ORIGINS)) {
    const check = checkOrigin(entry);
    if ('refused' in check) refused.push({ entry: String(entry).slice(0, 80), why: check.refused });
    else if (!origins.includes(check.origin)) origins.push(check.origin);
  }
  return { origins, refused };
}

/** Reads a space-separated list of exact origins; `problems` says what was wrong with which entry. */
export function readOrigins(
  raw: string | null,
  example: string,
): { origins: string[]; problems: string[] } {
  const { origins, refused } = parseOrigins(raw, example);
  return { origins, problems: refused.map(originProblem) };
}

/** One refusal as the words that follow the list's name ("agent-origin …"). */
export function originProblem(refusal: OriginList['refused'][number]): string {
  return refusal.entry === null ? refusal.why : `"${refusal.entry}" is refused: ${refusal.why}`;
}
