/**
 * The element's settings: one schema for their names, allowed values, defaults and ranges, used by
 * the element (a bad attribute is a problem naming it), by `createEngine` (a bad option from a
 * programmer throws `config-invalid`), by the session (one agent side per protocol) and by the
 * Salesforce wrapper's metadata test (the Aura attributes' defaults and App Manager choices).
 */
import { ErrorCode, type Problem } from './errors.js';

/** The choice settings, by property: the attribute that carries each, its values, its default. */
export const CHOICES = {
  agentProtocol: {
    attribute: 'agent-protocol',
    values: ['bridge', 'cxone-client-events'],
    default: 'bridge',
  },
  mode: { attribute: 'mode', values: ['active', 'shadow', 'off'], default: 'active' },
  authority: { attribute: 'authority', values: ['latest', 'salesforce', 'acd'], default: 'latest' },
  startup: { attribute: 'startup', values: ['acd', 'salesforce', 'none'], default: 'acd' },
} as const;

/** How long a write waits for its echo or result, in whole milliseconds (docs/contract.md §2). */
export const ECHO_WINDOW = {
  attribute: 'echo-window-ms',
  min: 100,
  max: 60_000,
  default: 5000,
} as const;

/**
 * Minutes without input in any console tab before the idle status is set (docs/contract.md §6.12):
 * whole minutes, 0 (off) to 480.
 */
export const IDLE_MINUTES = {
  attribute: 'idle-minutes',
  min: 0,
  max: 480,
  default: 0,
} as const;

/** The Salesforce status set when the agent is idle (the ACD follows by the rule's subscriber row). */
export const IDLE_STATUS = { attribute: 'idle-status' } as const;

type Choice = keyof typeof CHOICES;

/** One of a choice setting's values. */
export type ChoiceOf<K extends Choice> = (typeof CHOICES)[K]['values'][number];

/** Engine settings that come from the element's attributes. */
export interface EngineConfig {
  readonly mode: ChoiceOf<'mode'>;
  readonly authority: ChoiceOf<'authority'>;
  readonly startup: ChoiceOf<'startup'>;
  readonly echoWindowMs: number;
  /** 0: idle is off. */
  readonly idleMinutes: number;
  /** A presence status API name; idle does nothing without it. */
  readonly idleStatus?: string;
  readonly userId?: string;
  readonly orgId?: string;
}

/** Defaults for every `EngineConfig` field (docs/contract.md §2). */
export const DEFAULT_CONFIG: EngineConfig = Object.freeze({
  mode: CHOICES.mode.default,
  authority: CHOICES.authority.default,
  startup: CHOICES.startup.default,
  echoWindowMs: ECHO_WINDOW.default,
  idleMinutes: IDLE_MINUTES.default,
});

function absent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** One choice setting, or its default with a problem naming the attribute when it is not allowed. */
export function checkChoice<K extends Choice>(
  key: K,
  value: unknown,
  problems: Problem[],
): ChoiceOf<K> {
  const schema = CHOICES[key];
  if (absent(value)) return schema.default as ChoiceOf<K>;
  if (typeof value === 'string' && (schema.values as readonly string[]).includes(value)) {
    return value as ChoiceOf<K>;
  }
  problems.push({
    code: ErrorCode.configInvalid,
    message: `${schema.attribute}: unknown value "${String(value).slice(0, 60)}"; use ${schema.values.join(', ')}.`,
    recoverable: false,
    path: schema.attribute,
  });
  return schema.default as ChoiceOf<K>;
}

/** The echo window from a number or digits, or the default with a problem when out of range. */
export function checkEchoWindow(value: unknown, problems: Problem[]): number {
  if (absent(value)) return ECHO_WINDOW.default;
  const number = typeof value === 'number' ? value : Number(String(value).trim());
  if (Number.isInteger(number) && number >= ECHO_WINDOW.min && number <= ECHO_WINDOW.max) {
    return number;
  }
  problems.push({
    code: ErrorCode.configInvalid,
    message: `${ECHO_WINDOW.attribute}: "${String(value).slice(0, 20)}" is not a whole number of milliseconds between ${ECHO_WINDOW.min} and ${ECHO_WINDOW.max}.`,
    recoverable: false,
    path: ECHO_WINDOW.attribute,
  });
  return ECHO_WINDOW.default;
}

/** The idle period in whole minutes, or 0 (off) with a problem when out of range. */
export function checkIdleMinutes(value: unknown, problems: Problem[]): number {
  if (absent(value)) return IDLE_MINUTES.default;
  const number = typeof value === 'number' ? value : Number(String(value).trim());
  if (Number.isInteger(number) && number >= IDLE_MINUTES.min && number <= IDLE_MINUTES.max) {
    return number;
  }
  problems.push({
    code: ErrorCode.configInvalid,
    message: `${IDLE_MINUTES.attribute}: "${String(value).slice(0, 20)}" is not a whole number of minutes between ${IDLE_MINUTES.min} and ${IDLE_MINUTES.max}; idle is off.`,
    recoverable: false,
    path: IDLE_MINUTES.attribute,
  });
  return IDLE_MINUTES.default;
}

const API_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$/;

/** The idle status: a presence status API name, or none with a problem when it is not one. */
export function checkIdleStatus(value: unknown, problems: Problem[]): string | undefined {
  if (absent(value)) return undefined;
  if (
    typeof value === 'string' &&
    value.length <= 80 &&
    API_NAME.test(value) &&
    !value.endsWith('_') &&
    value.toLowerCase() !== 'offline'
  )
    return value;
  problems.push({
    code: ErrorCode.configInvalid,
    message: `${IDLE_STATUS.attribute}: "${String(value).slice(0, 60)}" is not a presence status API name (letters, digits and single underscores; not Offline).`,
    recoverable: false,
    path: IDLE_STATUS.attribute,
  });
  return undefined;
}

/** Every engine setting checked; problems name the attribute of each bad value. */
export function checkEngineConfig(
  raw: { readonly [K in keyof EngineConfig]?: unknown },
  problems: Problem[],
): EngineConfig {
  return {
    mode: checkChoice('mode', raw.mode, problems),
    authority: checkChoice('authority', raw.authority, problems),
    startup: checkChoice('startup', raw.startup, problems),
    echoWindowMs: checkEchoWindow(raw.echoWindowMs, problems),
    idleMinutes: checkIdleMinutes(raw.idleMinutes, problems),
    ...((status) => (status === undefined ? {} : { idleStatus: status }))(
      checkIdleStatus(raw.idleStatus, problems),
    ),
    ...(typeof raw.userId === 'string' && raw.userId !== '' ? { userId: raw.userId } : {}),
    ...(typeof raw.orgId === 'string' && raw.orgId !== '' ? { orgId: raw.orgId } : {}),
  };
}
