/**
 * What the engine sees of each side: every observation is our write's echo, a change the engine did
 * not cause (propagated, or held behind our open write), or nothing new.
 *
 * Invariants: reads (start, resync) are never taken for echoes; an observation before the start
 * only moves the start gate; Salesforce ids are kept on 15 characters and statuses learned from
 * events when the host lists none.
 */
import { backFromWork, outsideOrHold } from './arbitration.js';
import { returnFromContact } from './directions.js';
import { recordHistory } from './history.js';
import { reevaluate, start } from './lifecycle.js';
import { acdTrigger, catalogue, sfTrigger, type Step } from './step.js';
import { echo, findEcho } from './writes.js';
import { ErrorCode } from '../errors.js';
import type { Input } from '../inputs.js';
import {
  type AcdState,
  id15,
  isBusy,
  OFFLINE,
  type SalesforceStatus,
  sameAcd,
  sameStatus,
} from '../values.js';

function learn(step: Step, status: SalesforceStatus): void {
  if (status.id === null || status.apiName === '' || step.draft.statuses !== null) return;
  if (step.draft.learned.some((known) => id15(known.id) === id15(status.id as string))) return;
  step.draft.learned = [
    ...step.draft.learned,
    { id: id15(status.id), apiName: status.apiName, label: status.label },
  ].slice(-200);
}

function observeSalesforce(
  step: Step,
  status: SalesforceStatus,
  reason: string | undefined,
  read: boolean,
): void {
  const previous = step.draft.salesforce;
  let resolved = status;
  if (status.id !== null && status.apiName === '') {
    const known = catalogue(step.draft).find(
      (candidate) => id15(candidate.id) === id15(status.id as string),
    );
    if (known) resolved = { id: id15(status.id), apiName: known.apiName, label: known.label };
  }
  step.draft.salesforce = resolved;
  learn(step, resolved);
  const trigger = sfTrigger(previous, resolved, reason ?? (read ? 'read' : undefined));
  const found = read ? undefined : findEcho(step, 'salesforce', resolved, reason);
  if (found) {
    echo(step, 'salesforce', found, trigger);
    return;
  }
  if (previous !== null && sameStatus(previous, resolved)) return;
  if (!step.draft.started) {
    start(step);
    return;
  }
  // Someone chose this status (the agent, a supervisor, Omni-Channel itself): it ends timeouts.
  step.chose.push({ side: 'salesforce', at: step.at });
  outsideOrHold(step, 'salesforce', trigger);
}

function observeAcd(step: Step, state: AcdState, read: boolean): void {
  const previous = step.draft.acd;
  step.draft.acd = state;
  recordHistory(step, state);
  const trigger = acdTrigger(previous, state, read ? 'read' : undefined);
  const found = read ? undefined : findEcho(step, 'acd', state);
  if (found) {
    echo(step, 'acd', found, trigger);
    if (backFromWork(step.draft, state)) returnFromContact(step, trigger);
    return;
  }
  if (previous !== null && sameAcd(previous, state)) return;
  if (!step.draft.started) {
    start(step);
    return;
  }
  // A contact, ACW or the return from one is the platform's doing; any other change is a choice.
  if (previous !== null && !isBusy(previous) && !isBusy(state))
    step.chose.push({ side: 'acd', at: step.at });
  outsideOrHold(step, 'acd', trigger);
}

/** A status read (start, resync) or a status change event. */
export function salesforceSeen(
  step: Step,
  input: Extract<Input, { type: 'omni.statusRead' | 'omni.statusChanged' }>,
): void {
  if (!step.draft.omniAttached) return;
  const reason = input.type === 'omni.statusChanged' ? input.reason : undefined;
  observeSalesforce(step, input.status, reason, input.type === 'omni.statusRead');
}

/** Omni-Channel logged in (by us or the agent): a duplicate-login stop ends here. */
export function loginSucceeded(step: Step, statusId: string): void {
  const draft = step.draft;
  if (!draft.omniAttached) return;
  draft.duplicateLogin = false;
  step.clearProblem(ErrorCode.duplicateLogin);
  const known = catalogue(draft).find((status) => id15(status.id) === id15(statusId));
  const status = { id: id15(statusId), apiName: known?.apiName ?? '', label: known?.label ?? '' };
  observeSalesforce(step, status, 'OmniLoginSuccess', false);
}

/** Omni-Channel logged out: `Offline`, or, for a duplicate login, this tab stops writing there. */
export function loggedOut(step: Step, reason: string | undefined): void {
  const draft = step.draft;
  if (!draft.omniAttached) return;
  if (reason !== 'DuplicateLogin' && reason !== 'DuplicateLoginInSameBrowser') {
    observeSalesforce(step, OFFLINE, reason, false);
    return;
  }
  // Another session took Omni-Channel over: never log back in from here (that would ping-pong).
  const trigger = sfTrigger(draft.salesforce, OFFLINE, reason);
  draft.duplicateLogin = true;
  draft.salesforce = OFFLINE;
  step.problem({
    code: ErrorCode.duplicateLogin,
    message:
      'Omni-Channel was opened in another tab or browser; this tab stops writing to Omni-Channel until you log in here again.',
    recoverable: true,
  });
  step.skip('duplicate-login', trigger);
}

/** Omni-Channel's own connection to Salesforce failed (the toolkit says so; nothing was written). */
export function connectionLost(step: Step, message: string): void {
  step.problem({
    code: ErrorCode.omniConnectionError,
    message: `Omni-Channel reported a connection error: ${message}`,
    recoverable: true,
  });
}

/** The agent app said hello: who the agent is, the team's codes, whether it can write, its state. */
export function helloReceived(step: Step, input: Extract<Input, { type: 'acd.hello' }>): void {
  const draft = step.draft;
  draft.identity = input.identity;
  draft.codes = input.codes;
  draft.agentCanWrite = input.canWrite;
  if (input.identity === null && input.state === null && draft.acd !== null) {
    // Nobody is signed in on the agent side any more (a bridge signed out): its state is unknown
    // and no rule is chosen for nobody; the start copy runs again once somebody signs in.
    draft.acd = null;
    draft.started = false;
  }
  if (input.state !== null) observeAcd(step, input.state, true);
  reevaluate(step);
}

/** The agent's ACD state changed. */
export function acdSeen(step: Step, state: AcdState): void {
  observeAcd(step, state, false);
}
