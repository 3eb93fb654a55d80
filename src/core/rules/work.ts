/**
 * The two "work on one side blocks the other" settings of a rule (docs/contract.md §4): `omniWork`
 * (Omni-Channel work sets the ACD) and `acdWork` (an ACD contact sets Omni-Channel).
 *
 * Invariants: like every field parser, each returns the parsed value or adds a problem at its
 * JSON path; a rule whose publisher rows would fight `acdWork` is refused with each row's path.
 */
import { isPlain, own } from '../guard.js';
import {
  checkKeys,
  type Collector,
  describeValue,
  parseAcd,
  parseStatusRef,
  refKey,
  toTarget,
} from './fields.js';
import type { PublisherRow, Rule } from './types.js';

/** `omniWork` `{ atPercent, acd }`: atPercent above 0 and at most 100 (0.01 = any Omni work). */
export function parseOmniWork(work: unknown, path: string, out: Collector): Rule['omniWork'] {
  if (work === undefined) return null;
  if (!isPlain(work)) {
    out.add(path, `must be an object with "atPercent" and "acd", got ${describeValue(work)}`);
    return null;
  }
  checkKeys(work, ['atPercent', 'acd'], path, out);
  const atPercent = own(work, 'atPercent');
  const valid =
    typeof atPercent === 'number' &&
    Number.isFinite(atPercent) &&
    atPercent > 0 &&
    atPercent <= 100;
  if (!valid) {
    out.add(
      `${path}.atPercent`,
      `must be a number above 0 and at most 100, got ${describeValue(atPercent)}`,
    );
  }
  const acdRaw = own(work, 'acd');
  const parsed = parseAcd(acdRaw, `${path}.acd`, out);
  const target = parsed === undefined ? undefined : toTarget(parsed);
  if (parsed !== undefined && (target === undefined || 'previous' in target)) {
    out.add(`${path}.acd`, 'must be Available, Unavailable or Unavailable/<code>');
    return null;
  }
  if (!valid || target === undefined || 'previous' in target) return null;
  const shown = typeof acdRaw === 'string' ? acdRaw : JSON.stringify(acdRaw);
  return {
    atPercent: atPercent as number,
    acd: target,
    text: `workload ≥ ${atPercent as number}% → ${shown}`,
  };
}

/** `acdWork` `{ salesforce, acw? }`: a presence status (not Offline); `acw` defaults to true. */
export function parseAcdWork(work: unknown, path: string, out: Collector): Rule['acdWork'] {
  if (work === undefined) return null;
  if (!isPlain(work)) {
    out.add(path, `must be an object with "salesforce" (and "acw"), got ${describeValue(work)}`);
    return null;
  }
  checkKeys(work, ['salesforce', 'acw'], path, out);
  const salesforce = parseStatusRef(own(work, 'salesforce'), `${path}.salesforce`, out);
  const acw = own(work, 'acw');
  if (acw !== undefined && typeof acw !== 'boolean') {
    out.add(`${path}.acw`, `must be true or false, got ${describeValue(acw)}`);
  }
  if (salesforce?.kind === 'offline') {
    out.add(
      `${path}.salesforce`,
      'must be a presence status: logging the agent out of Omni-Channel during a contact is not a busy status',
    );
    return null;
  }
  if (salesforce === undefined || (acw !== undefined && typeof acw !== 'boolean')) return null;
  const covers = acw === false ? 'contact' : 'contact or ACW';
  return { salesforce, acw: acw !== false, text: `ACD ${covers} → ${refKey(salesforce)}` };
}

/** A publisher row for a state `acdWork` covers would fight it: each such row is a problem. */
export function checkAcdWorkRows(
  work: NonNullable<Rule['acdWork']>,
  publisher: readonly PublisherRow[],
  path: string,
  out: Collector,
): void {
  for (const row of publisher) {
    const covered = row.acd.kind === 'contact' || (work.acw && row.acd.kind === 'ACW');
    if (!covered) continue;
    out.add(
      `${path}[${row.index}].acd`,
      `"${row.text}" maps a state acdWork already sets Omni-Channel for (the two would fight): remove the row or acdWork`,
    );
  }
}
