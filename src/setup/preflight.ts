/**
 * Preflight: a rule set checked against the org and the ACD before it goes live (the run-time
 * failures every peer's admins meet only when agents are live: a status that does not exist, a
 * case-sensitive API name, a status a profile cannot use, a code the ACD lacks, an unmapped state,
 * a row that never matches, two rows that send a change back as another state).
 *
 * Invariants: pure; the product's parser reads the rule set first, and a rule set it refuses gets
 * only the parser's problems (every other check needs the parsed rules); a check whose catalog part
 * is unknown (no statuses, no groups, no codes) finds nothing rather than guessing.
 */
import { patternKey } from '../core/rules/fields.js';
import { parseRules } from '../core/rules/parse.js';
import type { Rule, StatusRef } from '../core/rules/types.js';
import type { CatalogSnapshot } from './catalog.js';
import { lookupStatus } from './lookup.js';
import type { RuleSetDraft } from './draft.js';
import { type Finding, sortFindings } from './finding.js';
import { checkRows } from './preflight-rows.js';

const show = (ref: StatusRef) =>
  ref.kind === 'offline' ? 'Offline' : ref.kind === 'id' ? ref.id : ref.apiName;

/** Every Salesforce status cell of a rule, with its path and whether the engine writes it. */
export function statusCells(rule: Rule): Array<{ ref: StatusRef; path: string; written: boolean }> {
  const base = `rules[${rule.index}]`;
  return [
    ...rule.publisher.map((row) => ({
      ref: row.salesforce,
      path: `${base}.publisher[${row.index}].salesforce`,
      written: true,
    })),
    ...rule.subscriber.map((row) => ({
      ref: row.salesforce,
      path: `${base}.subscriber[${row.index}].salesforce`,
      written: false,
    })),
    ...(rule.acdWork === null
      ? []
      : [{ ref: rule.acdWork.salesforce, path: `${base}.acdWork.salesforce`, written: true }]),
  ];
}

function checkStatuses(rule: Rule, catalog: CatalogSnapshot, out: Finding[]): void {
  if (catalog.statuses.length === 0) return;
  const granted = new Map<string, { path: string; written: boolean }>();
  for (const { ref, path, written } of statusCells(rule)) {
    const found = lookupStatus(ref, catalog.statuses);
    if (found.kind === 'missing') {
      out.push({
        code: 'status-missing',
        severity: 'error',
        path,
        params: {
          value: show(ref),
          known: catalog.statuses
            .slice(0, 12)
            .map((status) => status.apiName)
            .join(', '),
        },
      });
    } else if (found.kind === 'case') {
      out.push({
        code: 'status-case',
        severity: 'error',
        path,
        params: { value: show(ref), exact: found.status.apiName },
      });
    } else if (found.kind === 'found') {
      const seen = granted.get(found.status.apiName);
      if (seen === undefined || (written && !seen.written))
        granted.set(found.status.apiName, { path, written });
    }
  }
  for (const [apiName, { path, written }] of granted) {
    for (const group of catalog.groups) {
      if (group.agents === 0 || group.statuses.includes(apiName)) continue;
      out.push({
        code: 'status-not-granted',
        severity: written ? 'error' : 'warning',
        path,
        params: {
          status: apiName,
          profile: group.profile,
          permissionSets: group.permissionSets.join(', '),
          agents: String(group.agents),
        },
      });
    }
  }
}

function checkMeaning(rule: Rule, catalog: CatalogSnapshot, out: Finding[]): void {
  const base = `rules[${rule.index}]`;
  for (const row of rule.publisher) {
    const path = `${base}.publisher[${row.index}]`;
    const found = lookupStatus(row.salesforce, catalog.statuses);
    const acd = patternKey(row.acd);
    if (row.acd.kind === 'Available' && found.kind === 'found' && !found.status.online)
      out.push({
        code: 'available-to-busy',
        severity: 'warning',
        path: `${path}.salesforce`,
        params: { status: found.status.apiName },
      });
    if (row.acd.kind !== 'LoggedOut' && found.kind === 'offline')
      out.push({
        code: 'to-offline',
        severity: 'warning',
        path: `${path}.salesforce`,
        params: { acd },
      });
    if (row.acd.kind === 'LoggedOut' && found.kind === 'found' && found.status.online)
      out.push({
        code: 'logged-out-to-online',
        severity: 'warning',
        path: `${path}.salesforce`,
        params: { status: found.status.apiName },
      });
  }
  for (const row of rule.subscriber) {
    if (row.salesforce.kind === 'offline' && 'state' in row.acd && row.acd.state === 'Available')
      out.push({
        code: 'offline-to-available',
        severity: 'warning',
        path: `${base}.subscriber[${row.index}].acd`,
        params: {},
      });
  }
}

function checkSelection(rules: readonly Rule[], out: Finding[]): void {
  const defaults: Rule[] = [];
  const teams = new Map<string, string>();
  const users = new Map<string, string>();
  for (const rule of rules) {
    if (rule.teams.length === 0 && rule.users.length === 0) {
      const first = defaults[0];
      if (first !== undefined)
        out.push({
          code: 'rules-ambiguous',
          severity: 'error',
          path: `rules[${rule.index}]`,
          params: { who: '', other: first.name, rule: rule.name },
        });
      defaults.push(rule);
    }
    for (const [key, seen] of [
      ['teams', teams],
      ['users', users],
    ] as const) {
      rule[key].forEach((name, index) => {
        const other = seen.get(name);
        if (other !== undefined && other !== rule.name)
          out.push({
            code: 'rules-ambiguous',
            severity: 'error',
            path: `rules[${rule.index}].${key}[${index}]`,
            params: { who: name, other, rule: rule.name },
          });
        else seen.set(name, rule.name);
      });
    }
  }
}

/**
 * Every finding about a rule set, errors first. A rule set the parser refuses gets its problems
 * as `rules-invalid` findings (each with the parser's path and words in `detail`).
 */
export function preflight(draft: RuleSetDraft, catalog: CatalogSnapshot): Finding[] {
  const parsed = parseRules(draft);
  if (!parsed.ok)
    return parsed.problems.map((problem) => ({
      code: 'rules-invalid',
      severity: 'error',
      path: problem.path ?? '$',
      params: { detail: problem.message },
    }));
  const out: Finding[] = [];
  for (const rule of parsed.document.rules) {
    checkStatuses(rule, catalog, out);
    checkMeaning(rule, catalog, out);
    checkRows(rule, catalog, out);
  }
  checkSelection(parsed.document.rules, out);
  return sortFindings(out);
}
