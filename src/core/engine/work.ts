/**
 * Work on one side blocking the other (docs/contract.md §4 `omniWork`, §6.5): while Omni-Channel work is at or
 * above the rule's share of capacity the ACD is set to `omniWork.acd`, and back when it drops.
 */
import { hold } from './directions.js';
import { previousTarget } from './history.js';
import { ready, type Row, Step, type Trigger } from './step.js';
import { write } from './writes.js';
import { isBusy, sameTarget, stateIs } from '../values.js';

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
    if (isBusy(draft.acd)) hold(step, work.acd, trigger, row);
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
