/**
 * A rule's status reference looked up in the org's catalog the way Salesforce compares them: API
 * names exactly (case included), ids on their 15-character form; a name that differs only in case
 * is told apart from one that is missing, because the fix differs.
 */
import type { StatusRef } from '../core/rules/types.js';
import { id15 } from '../core/values.js';
import type { CatalogStatus } from './catalog.js';

/** A status reference as the catalog knows it: exactly, only with another case, or not at all. */
export type Lookup =
  | { readonly kind: 'offline' }
  | { readonly kind: 'found'; readonly status: CatalogStatus }
  | { readonly kind: 'case'; readonly status: CatalogStatus }
  | { readonly kind: 'missing' };

/** Finds a rule's status reference in the catalog (API names exactly, ids on 15 characters). */
export function lookupStatus(ref: StatusRef, statuses: readonly CatalogStatus[]): Lookup {
  if (ref.kind === 'offline') return { kind: 'offline' };
  if (ref.kind === 'id') {
    const status = statuses.find((candidate) => id15(candidate.id) === ref.id);
    return status === undefined ? { kind: 'missing' } : { kind: 'found', status };
  }
  const exact = statuses.find((candidate) => candidate.apiName === ref.apiName);
  if (exact !== undefined) return { kind: 'found', status: exact };
  const lower = ref.apiName.toLowerCase();
  const other = statuses.find((candidate) => candidate.apiName.toLowerCase() === lower);
  return other === undefined ? { kind: 'missing' } : { kind: 'case', status: other };
}
