/**
 * A rule document checked as the engine checks it when it is applied (docs/contract.md §4,
 * "Validation"): parsed with its JSON paths, its `orgId` against the org, the rule selected for the
 * agent, and that rule against the user's statuses and the team's codes — for editors, which must
 * say "valid" only when applying it would start the sync.
 *
 * Invariants: pure; the same functions, in the same order, as the engine's start gate
 * (engine/lifecycle.ts `evaluate`); every problem names its JSON path once, in its message.
 */
import { ErrorCode, type Problem } from '../errors.js';
import { parseRules } from './parse.js';
import { selectRule, validateRuleContext } from './select.js';
import { type AgentIdentity, id15, type StatusInfo, type UnavailableCode } from '../values.js';

/** What only the running systems know, which a rule is checked against. */
export interface RuleContext {
  readonly orgId?: string;
  readonly userId?: string;
  /** The agent, once the agent side named one; null while nobody is signed in. */
  readonly identity: AgentIdentity | null;
  /** Whether a rule can be selected yet (an identity, or an agent state from a side that names none). */
  readonly selectable: boolean;
  /** The statuses this user may use, when the host lists them. */
  readonly statuses: readonly StatusInfo[] | null;
  /** The agent's team codes, when the agent side sends them. */
  readonly codes: readonly UnavailableCode[] | null;
}

/** The outcome: the problems applying it would report, and the rule it would select (null: none yet). */
export interface RuleCheck {
  readonly problems: readonly Problem[];
  readonly rule: string | null;
}

/** Checks a rule document (an object or a JSON string) as applying it would. */
export function checkRules(value: unknown, context: RuleContext): RuleCheck {
  const parsed = parseRules(value);
  if (!parsed.ok) return { problems: parsed.problems, rule: null };
  const document = parsed.document;
  const problems: Problem[] = [];
  if (
    document.orgId !== undefined &&
    context.orgId !== undefined &&
    id15(context.orgId) !== document.orgId
  ) {
    problems.push({
      code: ErrorCode.orgMismatch,
      message: `The rule document is for org ${document.orgId} but this is org ${id15(context.orgId)}.`,
      recoverable: false,
      path: 'orgId',
    });
  }
  if (!context.selectable) return { problems, rule: null };
  const selection = selectRule(document, context.identity, context.userId);
  if (!selection.ok) return { problems: [...problems, selection.problem], rule: null };
  problems.push(...validateRuleContext(selection.rule, context.statuses, context.codes));
  return { problems, rule: selection.rule.name };
}
