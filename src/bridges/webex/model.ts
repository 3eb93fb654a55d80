/**
 * What the Webex relay knows of the agent, and the bridge `state` it makes of it
 * (docs/contract.md §5.4): the agent's own state from the Desktop (`status`, `subStatus`, the
 * idle-code id `auxCodeId`, "0" being Available) and the voice tasks from the Desktop's contact
 * events. Being on a call or in wrap-up is a task state in Webex, not an agent state
 * (@wxcc-desktop/sdk-types@1.0.32: `agentx/src/store/shared-actions/constants.d.ts`), so the two are
 * combined here, first match wins.
 *
 * Invariants: pure (no DOM, no SDK); every SDK event is read through total own-property readers —
 * a malformed one is refused with a reason, never thrown on, and changes nothing; only telephony
 * tasks count (the seed's setting is about voice calls).
 */
import { isPlain, name, own, type AcdState, type Plain } from '../../protocol/index.js';

/** An idle code as the Desktop lists it (`Service.Aqm.Configs.Entity`). */
export interface IdleCode {
  readonly id: string;
  readonly name: string;
  readonly isSystem: boolean;
  readonly isDefault: boolean;
}

/** The agent's own Webex state. */
export interface AgentFacts {
  readonly loggedIn: boolean;
  readonly subStatus: string;
  /** The idle-code id; "0" is Available. */
  readonly auxCodeId: string;
  readonly since: number;
}

/** Where a voice task is, for this agent. */
export type TaskPhase = 'offered' | 'connected' | 'consulting' | 'consulted' | 'wrapup';

export interface VoiceTask {
  readonly phase: TaskPhase;
  readonly outbound: boolean;
  readonly dialer: boolean;
  /** This agent was offered the task as a consult target. */
  readonly consultTarget: boolean;
  readonly since: number;
}

/** The Available idle-code id (@webex/contact-center@3.12.0 `AGENT_STATE_AVAILABLE_ID`). */
export const AVAILABLE_ID = '0';

const ID_MAX = 64;
const NAME_MAX = 100;

/** Reads the Desktop's idle-code list; entries that are not codes are dropped and counted. */
export function readIdleCodes(value: unknown): { codes: IdleCode[]; dropped: number } {
  const codes: IdleCode[] = [];
  let dropped = 0;
  if (!Array.isArray(value)) return { codes, dropped: value === undefined ? 0 : 1 };
  for (const item of value.slice(0, 500) as unknown[]) {
    const id = isPlain(item) ? name(own(item, 'id'), ID_MAX) : undefined;
    const codeName = isPlain(item) ? name(own(item, 'name'), NAME_MAX) : undefined;
    if (!isPlain(item) || id === undefined || codeName === undefined) {
      dropped += 1;
      continue;
    }
    // The Web SDK appends {id:'0', name:'Available'} to the list (@webex/contact-center@3.12.0 src/services/config/Util.ts); it is not an idle code.
    if (id === AVAILABLE_ID) continue;
    codes.push({
      id,
      name: codeName,
      isSystem: own(item, 'isSystem') === true,
      isDefault: own(item, 'isDefault') === true,
    });
  }
  return { codes, dropped };
}

/** The idle code with this name, or why there is none to set. */
export function codeForReason(
  codes: readonly IdleCode[],
  reason: string,
): { id: string } | { code: 'invalid-reason' | 'forbidden'; message: string } {
  if (reason === '') {
    const fallback = codes.find((code) => code.isDefault && !code.isSystem);
    return fallback !== undefined
      ? { id: fallback.id }
      : { code: 'invalid-reason', message: 'This Webex team has no default idle code' };
  }
  const named = codes.filter((code) => code.name === reason);
  if (named.length === 0)
    return { code: 'invalid-reason', message: `No Webex idle code is named "${reason}"` };
  if (named.length > 1)
    return {
      code: 'invalid-reason',
      message: `More than one Webex idle code is named "${reason}"`,
    };
  const [code] = named as [IdleCode];
  if (code.isSystem)
    return {
      code: 'forbidden',
      message: `"${reason}" is a system idle code: Webex sets it itself`,
    };
  return { id: code.id };
}

/** The bridge state of the agent: first match wins (docs/contract.md §5.4). */
export function acdStateOf(
  agent: AgentFacts,
  tasks: ReadonlyMap<string, VoiceTask>,
  codes: readonly IdleCode[],
): AcdState {
  if (!agent.loggedIn) return { state: 'LoggedOut', reason: '', isAcw: false, since: agent.since };
  const live = [...tasks.values()].filter((task) => task.phase !== 'offered');
  const first = (test: (task: VoiceTask) => boolean) => live.find(test);
  const contact = (state: AcdState['state'], task: VoiceTask): AcdState => ({
    state,
    reason: '',
    isAcw: false,
    since: task.since,
  });
  const inbound = first((task) => task.phase === 'consulted');
  if (inbound) return contact('InboundConsult', inbound);
  const outbound = first((task) => task.phase === 'consulting');
  if (outbound) return contact('OutboundConsult', outbound);
  const dialer = first((task) => task.phase === 'connected' && task.dialer);
  if (dialer) return contact('Dialer', dialer);
  const out = first((task) => task.phase === 'connected' && task.outbound);
  if (out) return contact('OutboundContact', out);
  const call = first((task) => task.phase === 'connected');
  if (call) return contact('InboundContact', call);
  const wrapup = first((task) => task.phase === 'wrapup');
  // Webex's wrap-up has no code while it lasts (the code is chosen at its end).
  if (wrapup) return { state: 'Unavailable', reason: '', isAcw: true, since: wrapup.since };
  if (agent.subStatus === 'Available')
    return { state: 'Available', reason: '', isAcw: false, since: agent.since };
  const code = codes.find((entry) => entry.id === agent.auxCodeId);
  const reason = code?.name ?? (agent.subStatus === 'RONA' ? 'RONA' : '');
  return { state: 'Unavailable', reason, isAcw: false, since: agent.since };
}

/** The Desktop's contact events the relay follows (`Desktop.agentContact`). */
export const CONTACT_EVENTS = [
  'eAgentOfferContact',
  'eAgentContactAssigned',
  'eAgentOfferConsult',
  'eAgentConsultCreated',
  'eAgentConsulting',
  'eAgentConsultEnded',
  'eAgentConsultFailed',
  'eAgentWrapup',
  'eAgentContactEnded',
  'eAgentContactWrappedUp',
  'eAgentOfferContactRona',
  'eAgentCtqCancelled',
] as const;
export type ContactEvent = (typeof CONTACT_EVENTS)[number];

function str(record: Plain, key: string): string | undefined {
  return name(own(record, key), 200);
}

/** A contact event's facts, read from its `Msg<AgentContact>`. */
interface ContactFacts {
  readonly interactionId: string;
  readonly agentId: string | undefined;
  readonly telephony: boolean;
  readonly outbound: boolean;
  readonly dialer: boolean;
  readonly wrapUpRequired: boolean;
  readonly at: number | undefined;
}

/** Whether a call is outbound, and whether it comes from the dialer, from its Interaction. */
function callKind(
  interaction: Plain,
  campaignId: string | undefined,
): { outbound: boolean; dialer: boolean } {
  const direction = own(interaction, 'contactDirection');
  const details = own(interaction, 'callProcessingDetails');
  const campaign = campaignId ?? (isPlain(details) ? str(details, 'campaignId') : undefined);
  return {
    outbound: isPlain(direction) && str(direction, 'type')?.toUpperCase() === 'OUTBOUND',
    // A campaign (preview or progressive) call comes from the dialer; the outboundType strings are not typed by Cisco.
    dialer:
      campaign !== undefined || /campaign|preview/i.test(str(interaction, 'outboundType') ?? ''),
  };
}

function readContact(msg: unknown): ContactFacts | string {
  if (!isPlain(msg)) return 'the event is not an object';
  const data = own(msg, 'data');
  if (!isPlain(data)) return 'the event has no data object';
  const interactionId = str(data, 'interactionId');
  if (interactionId === undefined) return 'data.interactionId is missing';
  const interaction = own(data, 'interaction');
  if (!isPlain(interaction)) return 'data.interaction is missing';
  const mediaType = str(interaction, 'mediaType');
  if (mediaType === undefined) return 'data.interaction.mediaType is missing';
  const agentId = str(data, 'agentId');
  const participants = own(interaction, 'participants');
  const me = agentId !== undefined && isPlain(participants) ? own(participants, agentId) : null;
  const eventTime = own(data, 'eventTime');
  return {
    interactionId,
    agentId,
    telephony: mediaType === 'telephony',
    ...callKind(interaction, str(data, 'campaignId')),
    wrapUpRequired: isPlain(me) && own(me, 'isWrapUp') === true,
    at: typeof eventTime === 'number' && Number.isFinite(eventTime) ? eventTime : undefined,
  };
}

/**
 * The voice tasks after one contact event: a new map, or a string saying why the event was refused
 * (the map is then unchanged).
 */
export function applyContactEvent(
  tasks: ReadonlyMap<string, VoiceTask>,
  event: ContactEvent,
  msg: unknown,
  now: number,
): Map<string, VoiceTask> | string {
  const facts = readContact(msg);
  if (typeof facts === 'string') return `${event}: ${facts}`;
  const next = new Map(tasks);
  if (!facts.telephony) return next;
  const id = facts.interactionId;
  const known = tasks.get(id);
  const since = facts.at ?? now;
  const put = (phase: TaskPhase, consultTarget = known?.consultTarget ?? false) =>
    next.set(id, {
      phase,
      outbound: facts.outbound,
      dialer: facts.dialer,
      consultTarget,
      since: known?.phase === phase ? known.since : since,
    });
  switch (event) {
    case 'eAgentOfferContact':
      if (known === undefined) put('offered');
      break;
    case 'eAgentOfferConsult':
      if (known === undefined) put('offered', true);
      break;
    case 'eAgentContactAssigned':
      put(known?.consultTarget ? 'consulted' : 'connected');
      break;
    case 'eAgentConsultCreated':
      put('consulting');
      break;
    case 'eAgentConsulting':
      put(known?.consultTarget ? 'consulted' : 'consulting');
      break;
    case 'eAgentConsultEnded':
    case 'eAgentConsultFailed':
    case 'eAgentCtqCancelled':
      // The consult target's part ends with the consult; the owner is back on the call.
      if (known?.consultTarget) next.delete(id);
      else if (known !== undefined) put('connected');
      break;
    case 'eAgentContactEnded':
      if (facts.wrapUpRequired) put('wrapup');
      else next.delete(id);
      break;
    case 'eAgentWrapup':
      put('wrapup');
      break;
    case 'eAgentContactWrappedUp':
    case 'eAgentOfferContactRona':
      next.delete(id);
      break;
  }
  return next;
}

/** The Desktop's open tasks at start (`Desktop.actions.getTaskMap()`), as voice tasks. */
export function readTaskMap(value: unknown, now: number): Map<string, VoiceTask> {
  const tasks = new Map<string, VoiceTask>();
  if (!(value instanceof Map)) return tasks;
  for (const [key, raw] of value as Map<unknown, unknown>) {
    if (typeof key !== 'string' || !isPlain(raw)) continue;
    // An entry is the task's Interaction, or an AgentContact carrying one.
    const inner = own(raw, 'interaction');
    const interaction = isPlain(inner) ? inner : raw;
    if (str(interaction, 'mediaType') !== 'telephony') continue;
    if (own(interaction, 'isTerminated') === true && !isWrapping(interaction)) continue;
    const state = str(interaction, 'state') ?? '';
    const phase: TaskPhase | null = isWrapping(interaction)
      ? 'wrapup'
      : state === 'consulting'
        ? 'consulting'
        : ['connected', 'hold', 'conferencing'].includes(state)
          ? 'connected'
          : null;
    if (phase === null) continue;
    tasks.set(key, {
      phase,
      ...callKind(interaction, isPlain(inner) ? str(raw, 'campaignId') : undefined),
      consultTarget: false,
      since: now,
    });
  }
  return tasks;
}

function isWrapping(interaction: Plain): boolean {
  const state = str(interaction, 'state');
  return state === 'wrapUp' || state === 'post_call';
}

/** Reads `Desktop.agentStateInfo.latestData` into the agent's facts, or says what is missing. */
export function readLatestData(value: unknown, since: number): AgentFacts | string {
  if (!isPlain(value)) return 'latestData is not an object';
  const status = str(value, 'status');
  const subStatus = str(value, 'subStatus');
  if (status === undefined || subStatus === undefined) return 'latestData has no status yet';
  const idleCode = own(value, 'idleCode');
  const auxCodeId =
    subStatus === 'Available'
      ? AVAILABLE_ID
      : ((isPlain(idleCode) ? name(own(idleCode, 'id'), ID_MAX) : undefined) ?? '');
  return { loggedIn: status === 'LoggedIn', subStatus, auxCodeId, since };
}
