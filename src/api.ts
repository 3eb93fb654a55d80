/**
 * presence-sync: keeps Salesforce Omni-Channel presence and the contact-center agent state in sync.
 * Everything public, for both builds (index.ts, iife.ts). Importing it registers nothing.
 */
export { createEngine } from './create-engine.js';
export type { EnginePorts } from './create-engine.js';
export { DECISION_LIMIT } from './runtime/engine.js';
export type { Engine, EngineOptions } from './runtime/engine.js';
export { parseRules } from './core/rules/parse.js';
export { selectRule, validateRuleContext } from './core/rules/select.js';
export type { Rule, RuleDocument, ParseResult } from './core/rules/types.js';
export { ErrorCode, SyncError } from './core/errors.js';
export type { Problem } from './core/errors.js';
export type * from './core/values.js';
export type * from './core/snapshot.js';
export type * from './core/config.js';
export type * from './core/ports.js';
export type { AgentFact, Fact, OmniFact } from './core/inputs.js';
export { BridgeAgentPort } from './adapters/agent-bridge.js';
export { parseBridgeMessage, BRIDGE_NS } from './protocol/bridge.js';
export type { BridgeMessage } from './protocol/bridge.js';
export { ClientEventsAgentPort, parseClientEventsMessage } from './adapters/agent-client-events.js';
export { parseAgentStateEvent } from './protocol/cxone-events.js';
export { parseAgentOrigins } from './adapters/agent-channel.js';
export type { AgentChannelOptions, AgentWindow, MessageHost } from './adapters/agent-channel.js';
export { createLeader } from './adapters/leader.js';
export type { MirroringLeaderPort, LeaderOptions } from './adapters/leader.js';
export { IdbStorage } from './persistence/idb-storage.js';
export { MemoryStorage } from './persistence/memory-storage.js';
export { PresenceSyncElement } from './element/presence-sync.js';
export type { HealthAnswer, HealthPort, HealthRecord } from './health/health.js';
export type { FleetRow, FleetSource } from './board/fleet.js';
export {
  PresenceSyncChangeEvent,
  PresenceSyncDecisionEvent,
  PresenceSyncErrorEvent,
} from './element/events.js';
export type { PresenceSyncErrorDetail } from './element/events.js';
export { pickLocale, phaseLabel, registerLocale, checkTable, LOCALES } from './element/i18n.js';
export type { Table, MessageKey } from './element/i18n.js';
