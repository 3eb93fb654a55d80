/**
 * A preflight finding: what is wrong or worth knowing about a rule set before it goes live, where
 * (the JSON path of the rule, row or cell), how bad, and the values its words are filled with.
 *
 * Invariants: plain data; the words (what and how to fix, in six languages) live in the setup
 * element's tables under `finding.<code>` and `fix.<code>`, filled from `params`.
 */

/** How bad a finding is: `error` breaks at run time, `warning` likely does, `info` says what will happen. */
export type Severity = 'error' | 'warning' | 'info';

/** The stable codes of preflight findings. */
export type FindingCode =
  | 'rules-invalid'
  | 'status-missing'
  | 'status-case'
  | 'status-not-granted'
  | 'available-to-busy'
  | 'to-offline'
  | 'logged-out-to-online'
  | 'offline-to-available'
  | 'code-unknown'
  | 'code-case'
  | 'code-inactive'
  | 'code-acw-target'
  | 'row-unreachable'
  | 'row-shadowed'
  | 'unmapped-acd'
  | 'unmapped-salesforce'
  | 'flip-flop'
  | 'rules-ambiguous';

/** One finding. */
export interface Finding {
  readonly code: FindingCode;
  readonly severity: Severity;
  /** The JSON path it points at, e.g. `rules[0].publisher[2].salesforce`. */
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
}

// One collator for every sort: `localeCompare` with options builds one per comparison.
const PATHS = new Intl.Collator('en', { numeric: true });
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then information; in path order within each (`[2]` before `[10]`). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => RANK[a.severity] - RANK[b.severity] || PATHS.compare(a.path, b.path),
  );
}
