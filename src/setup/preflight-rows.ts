/**
 * Preflight's checks of the rows themselves: codes against the ACD's list, rows that can never
 * match, ACD states and Salesforce statuses no row maps (and what then happens), and flip-flops —
 * a publisher row A → X beside a subscriber row X → B with B ≠ A, which sends a change back to the
 * ACD as another state.
 *
 * Invariants: pure; row matching is the engine's own (`matchPublisher`, `matchSubscriber`), so a
 * finding about what matches is what the engine will do.
 */
import { patternKey, refKey } from '../core/rules/fields.js';
import { matchPublisher, matchSubscriber } from '../core/rules/match.js';
import type { AcdPattern, Rule } from '../core/rules/types.js';
import {
  type AcdState,
  CONTACT_BASES,
  showSubscriber,
  type UnavailableCode,
} from '../core/values.js';
import type { CatalogSnapshot } from './catalog.js';
import type { Finding } from './finding.js';
import { lookupStatus } from './lookup.js';

interface CodeCell {
  readonly code: string;
  readonly path: string;
  /** `target`: the engine writes it; `unavailable`/`acw`: a publisher row matches it. */
  readonly use: 'target' | 'unavailable' | 'acw';
}

function codeCells(rule: Rule): CodeCell[] {
  const base = `rules[${rule.index}]`;
  const cells: CodeCell[] = [];
  for (const row of rule.publisher)
    if ((row.acd.kind === 'Unavailable' || row.acd.kind === 'ACW') && row.acd.code !== undefined)
      cells.push({
        code: row.acd.code,
        path: `${base}.publisher[${row.index}].acd`,
        use: row.acd.kind === 'ACW' ? 'acw' : 'unavailable',
      });
  for (const row of rule.subscriber)
    if ('state' in row.acd && row.acd.state === 'Unavailable' && row.acd.reason !== '')
      cells.push({
        code: row.acd.reason,
        path: `${base}.subscriber[${row.index}].acd`,
        use: 'target',
      });
  if (
    rule.omniWork !== null &&
    rule.omniWork.acd.state === 'Unavailable' &&
    rule.omniWork.acd.reason !== ''
  )
    cells.push({ code: rule.omniWork.acd.reason, path: `${base}.omniWork.acd`, use: 'target' });
  return cells;
}

function checkCodes(rule: Rule, codes: readonly UnavailableCode[], source: string, out: Finding[]) {
  const effect = rule.skipUnavailableCodeValidation ? 'default' : 'nothing';
  for (const cell of codeCells(rule)) {
    const code = codes.find((candidate) => candidate.name === cell.code);
    if (code === undefined) {
      const other = codes.find(
        (candidate) => candidate.name.toLowerCase() === cell.code.toLowerCase(),
      );
      out.push(
        other !== undefined
          ? {
              code: 'code-case',
              severity: 'error',
              path: cell.path,
              params: { value: cell.code, exact: other.name },
            }
          : {
              code: 'code-unknown',
              severity: rule.skipUnavailableCodeValidation ? 'warning' : 'error',
              path: cell.path,
              params: {
                value: cell.code,
                source,
                effect,
                known: codes
                  .slice(0, 12)
                  .map((candidate) => candidate.name)
                  .join(', '),
              },
            },
      );
      continue;
    }
    if (!code.isActive)
      out.push({
        code: 'code-inactive',
        severity: 'warning',
        path: cell.path,
        params: { value: code.name, effect },
      });
    if (cell.use === 'target' && code.isAcw)
      out.push({
        code: 'code-acw-target',
        severity: 'error',
        path: cell.path,
        params: { value: code.name },
      });
    if (cell.use === 'unavailable' && code.isAcw)
      out.push({
        code: 'row-unreachable',
        severity: 'warning',
        path: cell.path,
        params: { value: `Unavailable/${code.name}`, instead: `ACW/${code.name}` },
      });
    if (cell.use === 'acw' && !code.isAcw)
      out.push({
        code: 'row-unreachable',
        severity: 'warning',
        path: cell.path,
        params: { value: `ACW/${code.name}`, instead: `Unavailable/${code.name}` },
      });
  }
}

/** The ACD states an agent can be in, as far as the catalog knows them. */
function acdStates(codes: readonly UnavailableCode[] | null): AcdState[] {
  const states: AcdState[] = [
    { state: 'Available', reason: '', isAcw: false },
    { state: 'Unavailable', reason: '', isAcw: false },
    ...CONTACT_BASES.map((state) => ({ state, reason: '', isAcw: false })),
    { state: 'LoggedOut', reason: '', isAcw: false },
  ];
  for (const code of codes ?? [])
    if (code.isActive) states.push({ state: 'Unavailable', reason: code.name, isAcw: code.isAcw });
  if (codes === null) states.push({ state: 'Unavailable', reason: '', isAcw: true });
  return states;
}

const stateText = (state: AcdState) =>
  state.isAcw
    ? state.reason === ''
      ? 'ACW'
      : `ACW/${state.reason}`
    : state.state === 'Unavailable' && state.reason !== ''
      ? `Unavailable/${state.reason}`
      : state.state;

function covered(rule: Rule, state: AcdState): boolean {
  if (rule.acdWork === null) return false;
  return CONTACT_BASES.includes(state.state) || (state.isAcw && rule.acdWork.acw);
}

function checkShadowed(rule: Rule, catalog: CatalogSnapshot, out: Finding[]): void {
  const base = `rules[${rule.index}]`;
  // A generic ACW row is never used when every ACW code has its own row (CXone's ACW always has a code).
  const generic = rule.publisher.find(
    (row) => row.acd.kind === 'ACW' && row.acd.code === undefined,
  );
  const acwCodes = (catalog.codes?.codes ?? []).filter((code) => code.isAcw && code.isActive);
  if (generic !== undefined && acwCodes.length > 0) {
    const by = acwCodes.map((code) =>
      rule.publisher.find((row) => row.acd.kind === 'ACW' && row.acd.code === code.name),
    );
    if (by.every((row) => row !== undefined))
      out.push({
        code: 'row-shadowed',
        severity: 'warning',
        path: `${base}.publisher[${generic.index}]`,
        params: {
          value: 'ACW',
          by: by.map((row) => `${base}.publisher[${row!.index}]`).join(', '),
        },
      });
  }
  // Two subscriber rows naming one status (an id and an API name): the engine uses the first.
  const first = new Map<string, number>();
  for (const row of rule.subscriber) {
    const found = lookupStatus(row.salesforce, catalog.statuses);
    if (found.kind !== 'found') continue;
    const earlier = first.get(found.status.apiName);
    if (earlier === undefined) first.set(found.status.apiName, row.index);
    else
      out.push({
        code: 'row-shadowed',
        severity: 'warning',
        path: `${base}.subscriber[${row.index}]`,
        params: { value: refKey(row.salesforce), by: `${base}.subscriber[${earlier}]` },
      });
  }
}

function checkUnmapped(rule: Rule, catalog: CatalogSnapshot, out: Finding[]): void {
  const base = `rules[${rule.index}]`;
  if (rule.publisher.length > 0) {
    const missing = acdStates(catalog.codes?.codes ?? null)
      .filter((state) => !covered(rule, state) && matchPublisher(rule, state) === null)
      .map(stateText);
    if (missing.length > 0)
      out.push({
        code: 'unmapped-acd',
        severity: 'info',
        path: `${base}.publisher`,
        params: { states: missing.join(', ') },
      });
  }
  if (rule.subscriber.length > 0 && catalog.statuses.length > 0) {
    const statuses = [
      ...catalog.statuses.map((status) => ({
        id: status.id,
        apiName: status.apiName,
        label: status.label,
      })),
      { id: null, apiName: 'Offline', label: 'Offline' },
    ];
    const missing = statuses
      .filter((status) => matchSubscriber(rule, status) === null)
      .map((status) => status.apiName);
    if (missing.length > 0)
      out.push({
        code: 'unmapped-salesforce',
        severity: rule.skipUnavailableCodeValidation ? 'warning' : 'info',
        path: `${base}.subscriber`,
        params: {
          statuses: missing.join(', '),
          effect: rule.skipUnavailableCodeValidation ? 'default' : 'nothing',
        },
      });
  }
}

const settable = (pattern: AcdPattern) =>
  pattern.kind === 'Available' || pattern.kind === 'Unavailable';

function checkFlipFlops(rule: Rule, catalog: CatalogSnapshot, out: Finding[]): void {
  const base = `rules[${rule.index}]`;
  // One key per status: the catalog's API name when it knows the reference (an id and an API name
  // of one status meet), else the reference as written. The first subscriber row per key is the
  // one the engine uses.
  const keyOf = (ref: Rule['publisher'][number]['salesforce']) => {
    const found = lookupStatus(ref, catalog.statuses);
    return found.kind === 'found' ? `status:${found.status.apiName}` : `ref:${refKey(ref)}`;
  };
  const subscribers = new Map<string, Rule['subscriber'][number]>();
  for (const row of rule.subscriber) {
    const key = keyOf(row.salesforce);
    if (!subscribers.has(key)) subscribers.set(key, row);
  }
  for (const publisher of rule.publisher) {
    if (!settable(publisher.acd)) continue;
    const subscriber = subscribers.get(keyOf(publisher.salesforce));
    if (subscriber === undefined || 'previous' in subscriber.acd) continue;
    const from = patternKey(publisher.acd);
    const back = showSubscriber(subscriber.acd);
    if (from === back) continue;
    out.push({
      code: 'flip-flop',
      severity: 'warning',
      path: `${base}.subscriber[${subscriber.index}].acd`,
      params: {
        acd: from,
        status: refKey(publisher.salesforce),
        back,
        publisherRow: `${base}.publisher[${publisher.index}]`,
        subscriberRow: `${base}.subscriber[${subscriber.index}]`,
      },
    });
  }
}

/** The row checks of one parsed rule, added to `out`. */
export function checkRows(rule: Rule, catalog: CatalogSnapshot, out: Finding[]): void {
  if (catalog.codes !== null) checkCodes(rule, catalog.codes.codes, catalog.codes.source, out);
  checkShadowed(rule, catalog, out);
  checkUnmapped(rule, catalog, out);
  checkFlipFlops(rule, catalog, out);
}
