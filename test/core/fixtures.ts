// Shared fixtures for core tests: the contract's example rule (docs/contract.md §4, after the seeds'
// Elinor example: ACD "Open" = Available ⇄ "Available for Chats") and a tiny runner.
import type { Effect } from '../../src/core/effects.js';
import type { Input } from '../../src/core/inputs.js';
import { initialState } from '../../src/core/engine/state.js';
import { transition } from '../../src/core/engine/transition.js';
import { parseRules } from '../../src/core/rules/parse.js';
import type { RuleDocument } from '../../src/core/rules/types.js';
import { DEFAULT_CONFIG, type EngineConfig } from '../../src/core/config.js';
import type { EngineState } from '../../src/core/engine/state.js';
import type { AcdState, SalesforceStatus } from '../../src/core/values.js';

export const STATUSES = [
  {
    id: '0N5000000000001AAA',
    apiName: 'Available_for_Chats',
    label: 'Available for Chats',
    online: true,
  },
  { id: '0N5000000000002AAA', apiName: 'Busy_On_Call', label: 'Busy on call', online: false },
  { id: '0N5000000000003AAA', apiName: 'Away', label: 'Away', online: false },
  { id: '0N5000000000004AAA', apiName: 'Chat_Done', label: 'Chat done', online: false },
  { id: '0N5000000000005AAA', apiName: 'Training', label: 'Training', online: false },
];

export const CODES = [
  { name: 'Lunch', isAcw: false, isActive: true },
  { name: 'Chat', isAcw: false, isActive: true },
  { name: 'Meeting', isAcw: false, isActive: true },
  { name: 'Wrap', isAcw: true, isActive: true },
];

export const EXAMPLE = {
  version: 1,
  orgId: '00D5g000004ABCD',
  rules: [
    {
      name: 'Chat and voice',
      publisher: [
        { acd: 'Available', salesforce: 'Available_for_Chats' },
        { acd: 'InboundContact', salesforce: 'Busy_On_Call' },
        { acd: 'Unavailable/Lunch', salesforce: 'Away' },
        { acd: 'LoggedOut', salesforce: 'Offline' },
      ],
      subscriber: [
        { salesforce: 'Available_for_Chats', acd: 'Available' },
        { salesforce: 'Away', acd: 'Unavailable/Lunch' },
        { salesforce: 'Chat_Done', acd: 'PreviousState' },
        { salesforce: 'Offline', acd: 'Unavailable' },
      ],
      omniWork: { atPercent: 100, acd: 'Unavailable/Chat' },
      skipUnavailableCodeValidation: false,
      teams: ['Tier 1'],
      users: [],
    },
  ],
};

/**
 * The Webex seed's three settings as a rule (docs/contract.md §5.4 example): Omni-Channel busy on
 * a voice call, the Chat idle code while Omni work goes on, plus plain rows both ways.
 */
export const ACD_WORK = {
  version: 1,
  rules: [
    {
      name: 'Webex',
      publisher: [
        { acd: 'Available', salesforce: 'Available_for_Chats' },
        { acd: 'Unavailable/Lunch', salesforce: 'Away' },
      ],
      subscriber: [
        { salesforce: 'Available_for_Chats', acd: 'Available' },
        { salesforce: 'Away', acd: 'Unavailable/Lunch' },
      ],
      acdWork: { salesforce: 'Busy_On_Call', acw: true },
      omniWork: { atPercent: 0.01, acd: 'Unavailable/Chat' },
      teams: [],
      users: [],
    },
  ],
};

export function doc(value: unknown = EXAMPLE): RuleDocument {
  const parsed = parseRules(value);
  if (!parsed.ok) throw new Error(`fixture rule is invalid: ${JSON.stringify(parsed.problems)}`);
  return parsed.document;
}

export function status(apiName: string): SalesforceStatus {
  if (apiName === 'Offline') return { id: null, apiName: 'Offline', label: 'Offline' };
  const found = STATUSES.find((candidate) => candidate.apiName === apiName);
  if (!found) throw new Error(`no fixture status ${apiName}`);
  return { id: found.id.slice(0, 15), apiName: found.apiName, label: found.label };
}

export function acd(text: string, extra: Partial<AcdState> = {}): AcdState {
  if (text.startsWith('ACW'))
    return { state: 'Unavailable', reason: text.split('/')[1] ?? 'Wrap', isAcw: true, ...extra };
  const [state, reason] = text.split('/');
  return { state: state as AcdState['state'], reason: reason ?? '', isAcw: false, ...extra };
}

export interface Run {
  state: EngineState;
  effects: Effect[];
}

/**
 * Runs inputs from a state, collecting every effect. An input may be made from the state before it
 * (to name the write id a result is for).
 */
export function run(
  state: EngineState,
  ...inputs: Array<Input | ((state: EngineState) => Input)>
): Run {
  const effects: Effect[] = [];
  let current = state;
  for (const given of inputs) {
    const input = typeof given === 'function' ? given(current) : given;
    const step = transition(current, input);
    current = step.state;
    effects.push(...step.effects);
  }
  return { state: current, effects };
}

/** An engine with the example rule, both sides known and the startup copy done (no writes: `startup: none`). */
export function started(
  options: {
    config?: Partial<EngineConfig>;
    sf?: string;
    acd?: string;
    rules?: unknown;
    canWrite?: boolean;
    at?: number;
    codes?: typeof CODES | null;
  } = {},
): EngineState {
  const config = {
    ...DEFAULT_CONFIG,
    startup: 'none',
    orgId: '00D5g000004ABCDEAA',
    ...options.config,
  } as EngineConfig;
  const at = options.at ?? 1_000;
  const result = run(
    initialState(config),
    { type: 'rules.loaded', at, document: doc(options.rules) },
    { type: 'omni.attached', at, listsStatuses: true },
    { type: 'omni.statuses', at, statuses: STATUSES },
    { type: 'omni.statusRead', at, status: status(options.sf ?? 'Available_for_Chats') },
    {
      type: 'acd.hello',
      at,
      identity: { agentId: '1001', teamId: '7', teamName: 'Tier 1' },
      codes: options.codes === undefined ? CODES : options.codes,
      state: acd(options.acd ?? 'Available'),
      canWrite: options.canWrite ?? true,
    },
  );
  if (!result.state.started)
    throw new Error(`fixture engine did not start: ${JSON.stringify(result.state.blocking)}`);
  return result.state;
}

export function writes(effects: readonly Effect[]): string[] {
  return effects.flatMap((effect) => {
    if (effect.type === 'writeOmni')
      return ['logout' in effect.target ? 'omni:Offline' : `omni:${effect.target.apiName}`];
    if (effect.type === 'writeAcd')
      return [
        `acd:${effect.target.state === 'Unavailable' && effect.target.reason ? `Unavailable/${effect.target.reason}` : effect.target.state}`,
      ];
    return [];
  });
}

export function whys(effects: readonly Effect[]): string[] {
  return effects.flatMap((effect) => (effect.type === 'decide' ? [effect.decision.why] : []));
}

export function lastWriteId(state: EngineState): number {
  const write = state.writes[state.writes.length - 1];
  if (!write) throw new Error('no write');
  return write.id;
}

/** The newest write's result: it worked. */
export const succeeded = (state: EngineState, at = T): Input => ({
  type: 'write.succeeded',
  at,
  id: lastWriteId(state),
});

/** The example time of a change in the tables. */
export const T = 10_000;

/** The agent app reports an ACD change. */
export const acdChange = (text: string, at = T): Input => ({
  type: 'acd.stateChanged',
  at,
  state: acd(text),
});

/** Omni-Channel reports a status change (by the agent, unless `reason` says who). */
export const sfChange = (apiName: string, at = T, reason = 'OmniManualStatusChange'): Input => ({
  type: 'omni.statusChanged',
  at,
  status: status(apiName),
  reason,
});
