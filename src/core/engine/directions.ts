/**
 * The two directions (docs/contract.md §6.1–6.3, §6.5): publisher (an ACD state → Omni-Channel) and
 * subscriber (a Salesforce status → the ACD), with the subscriber write deferred while the agent is
 * on a contact or in ACW and applied when the agent returns.
 *
 * Glossary: deferred = a subscriber write waiting for the contact to end (kept across reloads),
 * as opposed to a held change (arbitration.ts) or a queued write (writes.ts); standing = the
 * agent's newest Salesforce choice during the contact maps to no ACD state, so nothing is deferred.
 *
 * Invariants: a deferred write carries a concrete target, resolved when it was chosen (so
 * `PreviousState` means the state before the contact, not whatever the history holds later); at
 * most one of `deferred` and `standing` is set; the contact's return is never published while
 * either is (the Salesforce choice is the newer intent).
 */
import { forgetReturn, previousTarget } from './history.js';
import { blockedWhy, catalogue, type Row, Step, type Trigger } from './step.js';
import { write } from './writes.js';
import { ErrorCode } from '../errors.js';
import { matchPublisher, matchSubscriber, resolveOmniTarget } from '../rules/match.js';
import type { Rule } from '../rules/types.js';
import type { DecisionWhy } from '../snapshot.js';
import {
  type AcdState,
  type AcdTarget,
  isBusy,
  type SalesforceStatus,
  showSubscriber,
  type SubscriberTarget,
} from '../values.js';

/** Resolves a subscriber target against the agent's codes and history; null with a why when nothing applies. */
export function resolveSubscriber(
  step: Step,
  rule: Rule,
  target: SubscriberTarget,
): { target: AcdTarget | null; why: DecisionWhy } {
  if ('previous' in target) {
    const previous = previousTarget(step.draft);
    return previous === null
      ? { target: null, why: 'no-previous-state' }
      : { target: previous, why: 'previous-state' };
  }
  if (target.state === 'Unavailable' && target.reason !== '' && step.draft.codes !== null) {
    const code = step.draft.codes.find((candidate) => candidate.name === target.reason);
    if (code === undefined || !code.isActive || code.isAcw) {
      // The team lacks the code (docs/contract.md §6.3): fall back to the default only when the rule says so.
      return rule.skipUnavailableCodeValidation
        ? { target: { state: 'Unavailable', reason: '' }, why: 'default-unavailable' }
        : { target: null, why: 'unmapped' };
    }
  }
  return { target, why: 'mapped' };
}

/** Publisher direction: an ACD state → Omni-Channel. */
export function publish(
  step: Step,
  state: AcdState,
  trigger: Trigger,
  mappedWhy: DecisionWhy,
): void {
  const rule = step.draft.rule as Rule;
  const row = matchPublisher(rule, state);
  if (row === null) {
    step.skip('unmapped', trigger);
    return;
  }
  const rowInfo: Row = { direction: 'publisher', index: row.index, text: row.text };
  const target = resolveOmniTarget(row.salesforce, catalogue(step.draft));
  if (target === null) {
    step.problem({
      code: ErrorCode.statusNotPermitted,
      message: `Row "${row.text}" names a Salesforce status this tab has not seen and the host did not list; it cannot be set.`,
      recoverable: false,
      path: `rules[${rule.index}].publisher[${row.index}].salesforce`,
    });
    step.skip('unknown-status', trigger, rowInfo);
    return;
  }
  write(step, 'salesforce', target, trigger, rowInfo, mappedWhy);
}

/** Subscriber direction: an Omni-Channel status → the ACD (or deferred while the agent works). */
export function subscribe(
  step: Step,
  status: SalesforceStatus,
  trigger: Trigger,
  mappedWhy: DecisionWhy,
): void {
  const rule = step.draft.rule as Rule;
  const row = matchSubscriber(rule, status);
  let target: SubscriberTarget;
  let rowInfo: Row = null;
  let why: DecisionWhy = mappedWhy;
  if (row === null) {
    if (!rule.skipUnavailableCodeValidation) {
      stand(step);
      step.skip('unmapped', trigger);
      return;
    }
    target = { state: 'Unavailable', reason: '' };
    why = 'default-unavailable';
  } else {
    target = row.acd;
    rowInfo = { direction: 'subscriber', index: row.index, text: row.text };
  }
  if (step.draft.acd !== null && isBusy(step.draft.acd)) {
    defer(step, target, trigger, rowInfo);
    // This change resolved now, once: a repair or a conflict later re-asserts what it deferred (or
    // nothing, when it stands), not its row resolved against a history that has moved on.
    const latest = step.draft.lastOutside.salesforce;
    const deferred = step.draft.deferred;
    const concrete = deferred !== null && 'state' in deferred.target ? deferred.target : null;
    if (latest !== undefined)
      step.draft.lastOutside = {
        ...step.draft.lastOutside,
        salesforce: { ...latest, resolved: { target: concrete } },
      };
    return;
  }
  const resolved = resolveSubscriber(step, rule, target);
  if (resolved.target === null) {
    step.skip(resolved.why, trigger, rowInfo);
    return;
  }
  write(
    step,
    'acd',
    resolved.target,
    trigger,
    rowInfo,
    resolved.why === 'mapped' ? why : resolved.why,
  );
}

/**
 * The agent's newest Salesforce choice maps to no ACD state: an older deferred write is stale, and
 * during a contact the choice stands (its return is not published over it).
 */
function stand(step: Step): void {
  const draft = step.draft;
  if (draft.deferred !== null) {
    step.update(draft.deferred.decision, 'skipped');
    draft.deferred = null;
    step.persist();
  }
  if (draft.acd !== null && isBusy(draft.acd)) {
    draft.standing = step.at;
    step.persist();
  }
}

/**
 * Defers a subscriber write until the contact (or ACW) ends; a newer one replaces it. The target is
 * resolved now: `PreviousState` chosen on a contact means the state before that contact.
 */
export function defer(step: Step, target: SubscriberTarget, trigger: Trigger, row: Row): void {
  const rule = step.draft.rule as Rule;
  const blocked = blockedWhy(step.draft, 'acd');
  if (blocked !== null) {
    const action = { side: 'acd' as const, target: showSubscriber(target) };
    step.decide({ trigger, rule: rule.name, row, action, why: blocked, result: 'skipped' });
    return;
  }
  const resolved = resolveSubscriber(step, rule, target);
  if (resolved.target === null) {
    stand(step);
    step.skip(resolved.why, trigger, row);
    return;
  }
  if (step.draft.deferred !== null) step.update(step.draft.deferred.decision, 'skipped');
  const decision = step.decide({
    trigger,
    rule: rule.name,
    row,
    action: { side: 'acd', target: showSubscriber(resolved.target) },
    why: 'deferred-on-contact',
    result: 'pending',
  });
  step.draft.deferred = { target: resolved.target, at: step.at, decision };
  step.draft.standing = null;
  step.persist();
}

/**
 * The agent left a contact (or ACW) while a Salesforce choice made during it stands or waits: the
 * deferred write is applied, and the return itself is not published (docs/contract.md §6.5).
 */
export function returnFromContact(step: Step, trigger: Trigger): void {
  if (step.draft.deferred !== null) {
    applyDeferred(step, trigger);
    return;
  }
  if (step.draft.standing === null) return;
  step.draft.standing = null;
  step.persist();
  step.skip('overridden', trigger);
}

export function applyDeferred(step: Step, trigger: Trigger): void {
  const deferred = step.draft.deferred;
  if (deferred === null || step.draft.rule === null) return;
  step.draft.deferred = null;
  step.draft.standing = null;
  step.persist();
  const resolved = resolveSubscriber(step, step.draft.rule, deferred.target);
  step.update(deferred.decision, resolved.target === null ? 'skipped' : 'ok');
  if (resolved.target === null) {
    step.skip(resolved.why, trigger, deferred.decision.row);
    return;
  }
  const decision = write(
    step,
    'acd',
    resolved.target,
    trigger,
    deferred.decision.row,
    'deferred-applied',
    Math.max(0, step.at - deferred.at),
  );
  if (decision.result === 'pending') forgetReturn(step);
}
