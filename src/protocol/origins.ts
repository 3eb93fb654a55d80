/**
 * Exact origins, as the contact-center pages take them from their configuration (a query
 * parameter, a Desktop layout attribute): scheme, host and port, normalised as browsers report
 * `MessageEvent.origin`, so a comparison is a string equality.
 *
 * Invariants: `*`, `null`, wildcards, paths, queries, fragments and credentials are refused; at most
 * 20 origins are read; each bad entry is named in a problem, and duplicates are dropped.
 */

/** An exact http(s) origin, or null. */
export function exactOrigin(value: string): string | null {
  if (value === '*' || value === 'null' || value.includes('*')) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (url.username || url.password || url.search || url.hash) return null;
    if (url.pathname !== '/' && url.pathname !== '') return null;
    if (url.origin === 'null') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** Reads a space-separated list of exact origins; `problems` says what was wrong with which entry. */
export function readOrigins(
  raw: string | null,
  example: string,
): { origins: string[]; problems: string[] } {
  const entries = (raw ?? '').split(/\s+/).filter((entry) => entry !== '');
  const origins: string[] = [];
  const problems: string[] = [];
  if (entries.length === 0) problems.push(`is required: the exact origin(s) ${example}`);
  if (entries.length > 20) problems.push('lists more than 20 origins');
  for (const entry of entries.slice(0, 20)) {
    const origin = exactOrigin(entry);
    if (origin === null)
      problems.push(
        `"${entry.slice(0, 80)}" is not an exact origin (scheme, host and port only; "*" is refused)`,
      );
    else if (!origins.includes(origin)) origins.push(origin);
  }
  return { origins, problems };
}
