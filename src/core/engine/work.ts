/**
 * Work on one side blocking the other (docs/contract.md §4, §6.5): `omniWork` — while Omni-Channel
 * work is at or above the rule's share of capacity the ACD is set to `omniWork.acd`, and back when
 * it drops; `acdWork` — while the ACD is on a contact (and in ACW when the rule says), Omni-Channel
 * is set to `acdWork.salesforce`, and when it ends Omni-Channel returns to the status it had.
 *
 * Glossary: `beforeContact` = the Omni-Channel status to return to after an `acdWork` contact
 * (stored, so a reload mid-call still returns); `overridden` = the agent chose another Salesforce
 * status during the contact, which then stands.
 *
 * Invariants: an ACD change causes at most one Omni write here (entering, or returning); an agent
 * logged out of Omni-Channel is never logged in by a contact; the return never overwrites a status
 * the agent chose during the contact.
 */
import { defer } from './directions.js';
import { previousTarget } from './history.js';
import { catalogue, ready, type Row, Step, type Trigger } from './step.js';
import { write } from './writes.js';
import { ErrorCode } from '../errors.js';
import { resolveOmniTarget } from '../rules/match.js';
import type { Rule } from '../rules/types.js';
import {
  CONTACT_BASES,
  type AcdState,
  type OmniTarget,
  isBusy,
  sameTarget,
  stateIs,
} from '../values.js';

export function omniWorkload(step: Step, capacity: number, current: number): void {
  const draft = step.draft;
  const before = draft.workload;
  draft.workload = { capacity, current };
  const work = draft.rule?.omniWork;
  if (!work || !ready(draft) || draft.acd === null) return;
  const at = capacity > 0 && (current / capacity) * 100 >= work.atPercent;
  const trigger: Trigger = {
    side: 'salesforce',
    from: before === null ? 'unknown' : `workload ${before.current}/${before.capacity}`,
    to: `workload ${current}/${capacity}`,
  };
  const row: Row = { direction: 'omniWork', index: 0, text: work.text };
  if (at && !draft.omniWorkActive) {
    draft.omniWorkActive = true;
    if (isBusy(draft.acd)) defer(step, work.acd, trigger, row);
    else write(step, 'acd', work.acd, trigger, row, 'omni-work');
  } else if (!at && draft.omniWorkActive) {
    draft.omniWorkActive = false;
    if (
      draft.deferred !== null &&
      'state' in draft.deferred.target &&
      sameTarget(draft.deferred.target, work.acd)
    ) {
      step.update(draft.deferred.decision, 'skipped');
      draft.deferred = null;
      step.persist();
      step.skip('omni-work-ended', trigger, row);
      return;
    }
    const previous = previousTarget(draft);
    if (stateIs(draft.acd, work.acd) && previous !== null)
      write(step, 'acd', previous, trigger, row, 'omni-work-ended');
    else step.skip('omni-work-ended', trigger, row);
  }
}

/** Whether the rule's `acdWork` covers this ACD state: a contact, and ACW when `acw`. */
export function acdWorkCovers(rule: Rule | null, state: AcdState | null): boolean {
  const work = rule?.acdWork;
  if (!work || state === null) return false;
  return CONTACT_BASES.includes(state.state) || (work.acw && state.isAcw);
}

/** Where `acdWork` sets Omni-Channel during a contact, or null (with a problem) when unknown. */
export function acdWorkTarget(step: Step, rule: Rule): OmniTarget | null {
  const work = rule.acdWork;
  if (work === null) return null;
  const target = resolveOmniTarget(work.salesforce, catalogue(step.draft));
  if (target === null) {
    step.problem({
      code: ErrorCode.statusNotPermitted,
      message: `acdWork names a Salesforce status this tab has not seen and the host did not list (${work.text}); it cannot be set.`,
      recoverable: false,
      path: `rules[${rule.index}].acdWork.salesforce`,
    });
  }
  return target;
}

/**
 * The ACD state is now `draft.acd` (an outside change, or the start): enters or leaves `acdWork`.
 * Returns null when `acdWork` has nothing to do with the change, else where it sends Omni-Channel
 * (`target` null: nowhere, as when the agent's own choice stands), so the publisher direction does
 * not map the change as well and a later repair re-asserts the same.
 */
export function acdWorkChanged(step: Step, trigger: Trigger): { target: OmniTarget | null } | null {
  const draft = step.draft;
  const rule = draft.rule;
  if (!rule?.acdWork) return null;
  const row: Row = { direction: 'acdWork', index: 0, text: rule.acdWork.text };
  if (acdWorkCovers(rule, draft.acd)) {
    if (draft.beforeContact === null) {
      if (draft.salesforce === null || draft.salesforce.id === null) {
        // Logged out of Omni-Channel (or not known yet): a contact must not log the agent in.
        step.skip('omni-offline', trigger, row);
        return { target: null };
      }
      draft.beforeContact = { status: draft.salesforce, at: step.at, overridden: false };
      step.persist();
    }
    if (draft.beforeContact.overridden) {
      step.skip('acd-work', trigger, row);
      return { target: null };
    }
    const target = acdWorkTarget(step, rule);
    if (target === null) step.skip('unknown-status', trigger, row);
    else write(step, 'salesforce', target, trigger, row, 'acd-work');
    return { target };
  }
  const before = draft.beforeContact;
  if (before === null) return null;
  draft.beforeContact = null;
  step.persist();
  if (before.overridden) {
    // The agent chose a Salesforce status during the contact: it stands.
    step.skip('acd-work-ended', trigger, row);
    return { target: null };
  }
  const status = before.status;
  const target: OmniTarget =
    status.id === null
      ? { logout: true }
      : { statusId: status.id, apiName: status.apiName, label: status.label };
  write(step, 'salesforce', target, trigger, row, 'acd-work-ended');
  return { target };
}

/** A Salesforce change the engine did not cause, during an `acdWork` contact: the agent's choice stands. */
export function acdWorkOverridden(step: Step): void {
  const before = step.draft.beforeContact;
  if (before === null || before.overridden) return;
  step.draft.beforeContact = { ...before, overridden: true };
  step.persist();
}

/** The ACD left an `acdWork` contact in a way that restores nothing (it lost a conflict). */
export function acdWorkForget(step: Step): void {
  if (step.draft.beforeContact === null || acdWorkCovers(step.draft.rule, step.draft.acd)) return;
  step.draft.beforeContact = null;
  step.persist();
}
