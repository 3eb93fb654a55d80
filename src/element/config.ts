/**
 * The element's attributes, checked: every bad value becomes a problem that names the attribute,
 * never an exception, and the engine is not started on a configuration that has one.
 */
import { ErrorCode, type Problem } from '../core/errors.js';
import { isSalesforceId } from '../core/values.js';
import {
  checkChoice,
  checkEngineConfig,
  checkSessionEnd,
  type EngineConfig,
} from '../core/config.js';
import { checkHeartbeatMin } from '../health/health.js';
import { originProblem, parseOrigins } from '../protocol/origins.js';
import type { SessionConfig } from '../session.js';

/** The attribute values as the element holds them (strings from HTML, anything from code). */
export interface RawConfig {
  rules: unknown;
  agentOrigin: unknown;
  agentSrc: unknown;
  agentProtocol: unknown;
  mode: unknown;
  authority: unknown;
  startup: unknown;
  userId: unknown;
  orgId: unknown;
  echoWindowMs: unknown;
  /** Minutes between health reports; 0 turns them off (docs/contract.md §7). */
  healthHeartbeatMin?: unknown;
  /** Minutes without input before the idle state is set; 0 is off (docs/contract.md §6.12). */
  idleMinutes?: unknown;
  /** The Omni-Channel status set when idle. */
  idleStatus?: unknown;
  /** The ACD target for the close of the last console tab, or `none` (docs/contract.md §6.12). */
  sessionEnd?: unknown;
}

function id(
  problems: Problem[],
  attribute: string,
  value: unknown,
  what: string,
): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string' && isSalesforceId(value)) return value;
  problems.push({
    code: ErrorCode.configInvalid,
    message: `${attribute}: "${String(value).slice(0, 40)}" is not a ${what} (15 or 18 letters and digits).`,
    recoverable: false,
    path: attribute,
  });
  return undefined;
}

/**
 * Checks every attribute; returns the config and the problems (empty when it can start). `locale`
 * is the panel's language, already resolved (one of the six); the agent side may use it too.
 */
export function checkElementConfig(
  raw: RawConfig,
  baseUrl: string,
  locale?: string,
): { config: SessionConfig; problems: Problem[] } {
  const problems: Problem[] = [];
  const protocol = checkChoice('agentProtocol', raw.agentProtocol, problems);
  const userId = id(problems, 'user-id', raw.userId, 'Salesforce user id');
  const orgId = id(problems, 'org-id', raw.orgId, 'Salesforce org id');
  const settings = checkEngineConfig(
    {
      mode: raw.mode,
      authority: raw.authority,
      startup: raw.startup,
      echoWindowMs: raw.echoWindowMs,
      idleMinutes: raw.idleMinutes,
      idleStatus: raw.idleStatus,
    },
    problems,
  );
  const heartbeatMin = checkHeartbeatMin(raw.healthHeartbeatMin, problems);
  const sessionEnd = checkSessionEnd(raw.sessionEnd, problems);
  const read = parseOrigins(
    raw.agentOrigin === undefined || raw.agentOrigin === null ? '' : String(raw.agentOrigin),
    'of the agent app, e.g. https://cxagent.nicecxone.com',
  );
  for (const refusal of read.refused) {
    problems.push({
      code: ErrorCode.originRefused,
      message: `agent-origin ${originProblem(refusal)}.`,
      recoverable: false,
      path: 'agent-origin',
    });
  }
  // No agent side starts on a list with a bad entry: the admin fixes it first.
  const origins = read.refused.length === 0 ? read.origins : [];
  let agentSrc: string | null = null;
  if (typeof raw.agentSrc === 'string' && raw.agentSrc !== '') {
    try {
      const url = new URL(raw.agentSrc, baseUrl);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError('not http(s)');
      if (origins.length > 0 && !origins.includes(url.origin)) {
        problems.push({
          code: ErrorCode.originRefused,
          message: `agent-src is on ${url.origin}, which agent-origin does not list.`,
          recoverable: false,
          path: 'agent-src',
        });
      }
      agentSrc = url.href;
    } catch {
      problems.push({
        code: ErrorCode.configInvalid,
        message: `agent-src: "${raw.agentSrc.slice(0, 80)}" is not an http(s) URL.`,
        recoverable: false,
        path: 'agent-src',
      });
    }
  }
  if (raw.rules === undefined || raw.rules === null || raw.rules === '') {
    problems.push({
      code: ErrorCode.rulesInvalid,
      message: 'rules is required: the presence rule document (JSON).',
      recoverable: false,
      path: 'rules',
    });
  }
  const engine: EngineConfig = {
    ...settings,
    ...(userId ? { userId } : {}),
    ...(orgId ? { orgId } : {}),
  };
  return {
    config: {
      engine,
      rules: raw.rules,
      origins,
      protocol,
      agentSrc,
      heartbeatMin,
      sessionEnd,
      ...(locale !== undefined ? { locale } : {}),
    },
    problems,
  };
}
