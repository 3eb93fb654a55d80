/**
 * The nearest known name to a mistyped one, for "did you mean …?" in rule problems: the same name
 * in another case first, else the closest by edit distance, if close enough to be a typo.
 *
 * Invariants: pure; suggests only a name from `known`, never the name itself; no suggestion when
 * two known names are equally near (a guess between them would mislead).
 */

/** Edit distance (insertions, deletions, substitutions, and swaps of two neighbours). */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = rows[i] as number[];
      const above = rows[i - 1] as number[];
      row[j] = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((rows[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/** The known name `name` most likely meant, or null when none is near enough (a third of its length, at least 1). */
export function nearestName(name: string, known: readonly string[]): string | null {
  const folded = known.filter((candidate) => candidate.toLowerCase() === name.toLowerCase());
  if (folded.length === 1 && folded[0] !== name) return folded[0] as string;
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | null = null;
  let bestDistance = Infinity;
  let tied = false;
  for (const candidate of known) {
    if (candidate === name) return null;
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      tied = false;
    } else if (d === bestDistance) tied = true;
  }
  return best !== null && bestDistance <= limit && !tied ? best : null;
}

/** `; did you mean "X"?` for a typo of a known name, else nothing. */
export function didYouMean(name: string, known: readonly string[]): string {
  const nearest = nearestName(name, known);
  return nearest === null ? '' : `; did you mean "${nearest}"?`;
}
