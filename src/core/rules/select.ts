/**
 * Which rule applies to the signed-in agent, and whether it fits what only the running systems know
 * (the user's statuses, the team's unavailable codes).
 *
 * Invariants: selection is by level (the agent, then the team, then the default); two candidates at
 * one level are `rules-ambiguous`, none is `rules-no-match`; every problem names its JSON path.
 */
import { ErrorCode, type Problem } from '../errors.js';
import { refKey } from './fields.js';
import { findStatus } from './match.js';
import { didYouMean } from './nearest.js';
import type { Rule, RuleDocument, StatusRef } from './types.js';
import {
  type AgentIdentity,
  id15,
  isSalesforceId,
  type StatusInfo,
  type UnavailableCode,
} from '../values.js';

/** Compares an id-like string the Salesforce way (15 characters) when both look like Salesforce ids. */
function sameId(a: string, b: string): boolean {
  return isSalesforceId(a) && isSalesforceId(b) ? id15(a) === id15(b) : a === b;
}

/** The outcome of rule selection: a rule, or `rules-ambiguous` / `rules-no-match`. */
export type Selection =
  { readonly ok: true; readonly rule: Rule } | { readonly ok: false; readonly problem: Problem };

/**
 * Picks the rule for the signed-in agent: a rule listing the agent (CXone agent id or Salesforce
 * user id), else one listing the agent's team (id or name), else one that lists neither.
 */
export function selectRule(
  document: RuleDocument,
  identity: AgentIdentity | null,
  userId?: string,
): Selection {
  const ids = [identity?.agentId, identity?.userId, userId].filter(
    (id): id is string => typeof id === 'string' && id !== '',
  );
  const teams = [identity?.teamId, identity?.teamName].filter(
    (team): team is string => typeof team === 'string' && team !== '',
  );
  const levels: Array<{ what: string; rules: Rule[] }> = [
    {
      what: 'the agent',
      rules: document.rules.filter((rule) =>
        rule.users.some((user) => ids.some((id) => sameId(user, id))),
      ),
    },
    {
      what: "the agent's team",
      rules: document.rules.filter((rule) => rule.teams.some((team) => teams.includes(team))),
    },
    {
      what: 'nobody in particular (the default)',
      rules: document.rules.filter((rule) => rule.teams.length === 0 && rule.users.length === 0),
    },
  ];
  for (const level of levels) {
    if (level.rules.length === 1) return { ok: true, rule: level.rules[0] as Rule };
    if (level.rules.length > 1) {
      const names = level.rules.map((rule) => `"${rule.name}"`).join(', ');
      return {
        ok: false,
        problem: {
          code: ErrorCode.rulesAmbiguous,
          message: `Rules ${names} all apply to ${level.what}; keep one.`,
          recoverable: false,
        },
      };
    }
  }
  const who =
    [...ids.map((id) => `user ${id}`), ...teams.map((team) => `team ${team}`)].join(', ') ||
    'an agent with no identity yet';
  return {
    ok: false,
    problem: {
      code: ErrorCode.rulesNoMatch,
      message: `No rule applies to ${who}: add the user or team to a rule, or add a rule with neither.`,
      recoverable: false,
    },
  };
}

function codesUsed(
  rule: Rule,
): Array<{ path: string; code: string; acw: boolean; target: boolean }> {
  const used: Array<{ path: string; code: string; acw: boolean; target: boolean }> = [];
  const base = `rules[${rule.index}]`;
  for (const row of rule.publisher) {
    if ((row.acd.kind === 'Unavailable' || row.acd.kind === 'ACW') && row.acd.code !== undefined) {
      used.push({
        path: `${base}.publisher[${row.index}].acd`,
        code: row.acd.code,
        acw: row.acd.kind === 'ACW',
        target: false,
      });
    }
  }
  for (const row of rule.subscriber) {
    if (!('previous' in row.acd) && row.acd.state === 'Unavailable' && row.acd.reason !== '') {
      used.push({
        path: `${base}.subscriber[${row.index}].acd`,
        code: row.acd.reason,
        acw: false,
        target: true,
      });
    }
  }
  if (
    rule.omniWork &&
    rule.omniWork.acd.state === 'Unavailable' &&
    rule.omniWork.acd.reason !== ''
  ) {
    used.push({
      path: `${base}.omniWork.acd`,
      code: rule.omniWork.acd.reason,
      acw: false,
      target: true,
    });
  }
  for (const timeout of rule.timeouts) {
    const path = `${base}.timeouts[${timeout.index}]`;
    for (const [where, side, target] of [
      [`${path}.acd`, timeout.source, false],
      [`${path}.then`, timeout.then, true],
    ] as const) {
      if (side.side === 'acd' && side.state.state === 'Unavailable' && side.state.reason !== '')
        used.push({ path: where, code: side.state.reason, acw: false, target });
    }
  }
  return used;
}

/**
 * Checks a selected rule against what only the running systems know: the statuses the user may use
 * (when the host lists them) and the agent's team unavailable codes (unless the rule skips that).
 */
export function validateRuleContext(
  rule: Rule,
  statuses: readonly StatusInfo[] | null,
  codes: readonly UnavailableCode[] | null,
): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string, code: ErrorCode = ErrorCode.rulesInvalid) =>
    problems.push({ code, message: `${path}: ${message}`, recoverable: false, path });
  const base = `rules[${rule.index}]`;
  if (statuses !== null) {
    const known = statuses.map((status) => status.apiName).join(', ') || 'none';
    const check = (ref: StatusRef, path: string) => {
      if (ref.kind !== 'offline' && findStatus(ref, statuses) === undefined) {
        const names = statuses.map((status) => status.apiName);
        add(
          path,
          `Salesforce status "${refKey(ref)}" is not one this user may use (known: ${known})${ref.kind === 'apiName' ? didYouMean(ref.apiName, names) : ''}`,
          ErrorCode.statusNotPermitted,
        );
      }
    };
    rule.publisher.forEach((row) =>
      check(row.salesforce, `${base}.publisher[${row.index}].salesforce`),
    );
    rule.subscriber.forEach((row) =>
      check(row.salesforce, `${base}.subscriber[${row.index}].salesforce`),
    );
    if (rule.acdWork !== null) check(rule.acdWork.salesforce, `${base}.acdWork.salesforce`);
    for (const timeout of rule.timeouts) {
      const path = `${base}.timeouts[${timeout.index}]`;
      if (timeout.source.side === 'salesforce') check(timeout.source.status, `${path}.salesforce`);
      if (timeout.then.side === 'salesforce') check(timeout.then.status, `${path}.then`);
    }
  }
  for (const use of codesUsed(rule)) {
    const code = codes?.find((candidate) => candidate.name === use.code);
    if (use.target && code?.isAcw) {
      add(
        use.path,
        `"${use.code}" is an after-contact-work code; CXone only accepts it during a contact`,
      );
    } else if (!rule.skipUnavailableCodeValidation) {
      if (codes === null) {
        add(
          use.path,
          `code "${use.code}" cannot be checked: the agent app sends no team codes (set skipUnavailableCodeValidation to true)`,
        );
      } else if (code === undefined || (!code.isActive && use.target)) {
        const names =
          codes
            .filter((candidate) => candidate.isActive)
            .map((candidate) => candidate.name)
            .join(', ') || 'none';
        const active = codes.filter((candidate) => candidate.isActive).map((c) => c.name);
        add(
          use.path,
          `unavailable code "${use.code}" is not among the team's active codes (${names}); codes are case-sensitive${didYouMean(use.code, active)}`,
        );
      }
    }
  }
  return problems;
}
