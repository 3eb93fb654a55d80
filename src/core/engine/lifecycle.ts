/**
 * What the engine sees of each side, and when it starts: observations become echoes or outside
 * changes; the rule is selected and checked; nothing is written until both sides are known, a rule
 * is selected and the stored state is in (docs/contract.md §6.8), and then `startup` decides the one copy.
 */
import { publish, returnFromContact, subscribe } from './directions.js';
import { collapse } from './history.js';
import { acdWorkChanged } from './work.js';
import { deadlinesRestored } from './deadlines.js';
import type { Step, Trigger } from './step.js';
import { ErrorCode, type Problem } from '../errors.js';
import type { Input } from '../inputs.js';
import { selectRule, validateRuleContext } from '../rules/select.js';
import type { Rule, RuleDocument } from '../rules/types.js';
import {
  formatAcd,
  formatStatus,
  id15,
  isBusy,
  type StatusInfo,
  type UnavailableCode,
} from '../values.js';

/** Recomputes the selected rule and the problems that block writing. */
export function evaluate(step: Step): void {
  const draft = step.draft;
  const blocking: Problem[] = [];
  let rule: Rule | null = null;
  if (draft.document !== null) {
    if (
      draft.document.orgId !== undefined &&
      draft.config.orgId !== undefined &&
      id15(draft.config.orgId) !== draft.document.orgId
    ) {
      blocking.push({
        code: ErrorCode.orgMismatch,
        message: `The rule document is for org ${draft.document.orgId} but this is org ${id15(draft.config.orgId)}.`,
        recoverable: false,
        path: 'orgId',
      });
    }
    // Rule selection needs the agent's identity, which comes with the agent app's hello.
    if (draft.acd !== null || draft.identity !== null) {
      const selection = selectRule(draft.document, draft.identity, draft.config.userId);
      if (selection.ok) {
        rule = selection.rule;
        if (draft.statuses !== null || !draft.statusesExpected)
          blocking.push(...validateRuleContext(rule, draft.statuses, draft.codes));
      } else blocking.push(selection.problem);
    }
  } else {
    blocking.push(...draft.blocking.filter((problem) => problem.code === ErrorCode.rulesInvalid));
  }
  const changed = JSON.stringify(blocking) !== JSON.stringify(draft.blocking);
  draft.blocking = blocking;
  draft.rule = rule;
  if (changed) for (const problem of blocking) step.effects.push({ type: 'report', problem });
}

/** Starts once both sides are known and a rule is selected; then `startup` decides the one initial copy. */
export function start(step: Step): void {
  const draft = step.draft;
  evaluate(step);
  if (
    draft.started ||
    !draft.omniAttached ||
    draft.salesforce === null ||
    draft.acd === null ||
    draft.rule === null ||
    draft.blocking.length > 0
  )
    return;
  if ((draft.statusesExpected && draft.statuses === null) || draft.restoring) return;
  draft.started = true;
  const trigger: Trigger = {
    side: draft.config.startup === 'salesforce' ? 'salesforce' : 'acd',
    from: 'start',
    to: '',
    reason: 'startup',
  };
  const fromAcd: Trigger = { ...trigger, side: 'acd', to: formatAcd(draft.acd) };
  const chosen = draft.deferred !== null || draft.standing !== null;
  if (chosen && !isBusy(draft.acd)) {
    // A choice held before a reload (or a new rule) is newer than either side's current state (and
    // an acdWork contact that ended meanwhile was overridden by it).
    acdWorkChanged(step, fromAcd);
    returnFromContact(step, fromAcd);
    return;
  }
  if (chosen) {
    // Still on the contact the choice was held for: it stays held, and copying the ACD now would
    // overwrite that newer Salesforce choice.
    step.decide({
      trigger: { ...trigger, to: formatAcd(draft.acd) },
      rule: draft.rule.name,
      row: null,
      action: 'none',
      why: 'deferred-on-contact',
      result: 'skipped',
    });
    return;
  }
  // On an acdWork contact (or back from one during a reload), Omni-Channel follows the contact
  // whatever `startup` says: that is the rule, not a one-time copy.
  if (acdWorkChanged(step, fromAcd) !== null) return;
  if (draft.config.startup === 'acd')
    publish(step, draft.acd, { ...trigger, to: formatAcd(draft.acd) }, 'startup');
  else if (draft.config.startup === 'salesforce')
    subscribe(
      step,
      draft.salesforce,
      { ...trigger, to: formatStatus(draft.salesforce) },
      'startup',
    );
}

/** A valid rule document arrived: it replaces the old one, and the start gate is passed again. */
export function rulesLoaded(step: Step, document: RuleDocument): void {
  const draft = step.draft;
  draft.document = document;
  draft.started = false;
  draft.omniWorkActive = false;
  draft.blocking = [];
  start(step);
}

/** An invalid document stops all writes until a valid one arrives. */
export function rulesInvalid(step: Step, problems: readonly Problem[]): void {
  const draft = step.draft;
  draft.document = null;
  draft.rule = null;
  draft.started = false;
  draft.blocking = problems;
  for (const problem of problems) step.effects.push({ type: 'report', problem });
}

/** The host's Omni-Channel side is there; with `listStatuses` the engine waits for the list. */
export function omniAttached(step: Step, listsStatuses: boolean): void {
  step.draft.omniAttached = true;
  step.draft.statusesExpected = listsStatuses;
  start(step);
}

export function omniDetached(step: Step): void {
  step.draft.omniAttached = false;
  step.draft.started = false;
  step.draft.salesforce = null;
}

/** The statuses this user may use: the rule is checked against them. */
export function statusesListed(step: Step, statuses: readonly StatusInfo[]): void {
  step.draft.statuses = statuses.map((status) => ({ ...status, id: id15(status.id) }));
  reevaluate(step);
}

/** The agent's team codes changed: the rule is checked against them. */
export function codesReceived(step: Step, codes: readonly UnavailableCode[]): void {
  step.draft.codes = codes;
  reevaluate(step);
}

/** Starts if it can, and otherwise checks the running rule against what is known now. */
export function reevaluate(step: Step): void {
  start(step);
  if (step.draft.started) evaluate(step);
}

/** This tab led or stopped leading: a new leader reads the stored state again, then resyncs. */
export function leaderChanged(step: Step, leader: boolean): void {
  const wasLeader = step.draft.leader;
  step.draft.leader = leader;
  // Taking the lead after the stored state was read: read it again first, for what the previous
  // leader held (a follower holds nothing), then resync.
  if (leader && !wasLeader) {
    step.effects.push(step.draft.restoring ? { type: 'readBoth' } : { type: 'restore' });
  }
}

/** The stored state is in: at start (it gates the start) or on a takeover (then a resync). */
export function storageRestored(
  step: Step,
  input: Extract<Input, { type: 'storage.restored' }>,
): void {
  const draft = step.draft;
  const takeover = input.takeover === true;
  // What was stored before the reload is older than anything seen since. On a takeover this
  // tab saw the same agent as the previous leader, so its own history stands unless it has none.
  if (!takeover) draft.history = collapse([...input.history, ...draft.history]);
  else if (draft.history.length === 0) draft.history = collapse(input.history);
  // Records of earlier versions hold `PreviousState` itself: it was chosen on a contact, so it
  // means the last settable state before it, the newest in the history.
  const stored = input.deferred;
  const target =
    stored === null || 'state' in stored.target ? stored?.target : draft.history.at(-1);
  if (draft.deferred === null && stored !== null && target !== undefined) {
    // Decision ids restart with each page: the restored one gets a fresh id so its update
    // cannot overwrite a decision of this page.
    draft.deferred = {
      ...stored,
      target,
      decision: { ...stored.decision, id: draft.nextId++ },
    };
  }
  if (draft.beforeContact === null && input.beforeContact) {
    draft.beforeContact = input.beforeContact;
  }
  if (
    draft.deferred === null &&
    draft.standing === null &&
    input.standing !== undefined &&
    input.standing !== null
  ) {
    draft.standing = input.standing;
  }
  deadlinesRestored(step, input.deadlines ?? [], input.idleFrom ?? null, takeover);
  draft.restoring = false;
  if (!draft.started) start(step);
  else if (takeover) {
    step.persist();
    step.effects.push({ type: 'readBoth' });
  }
}

/** Pause, resume and resync, as the element's buttons and methods ask. */
export function control(step: Step, what: 'pause' | 'resume' | 'resync'): void {
  const draft = step.draft;
  if (what === 'pause') {
    draft.paused = true;
    return;
  }
  draft.failed = false;
  if (what === 'resume') draft.paused = false;
  else {
    step.clearProblem(
      ErrorCode.omniWriteFailed,
      ErrorCode.acdWriteFailed,
      ErrorCode.agentTimeout,
      ErrorCode.omniConnectionError,
    );
  }
  step.effects.push({ type: 'readBoth' });
}
