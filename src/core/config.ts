/**
 * The engine's settings, as the element's attributes give them.
 */

/** Engine settings that come from the element's attributes. */
export interface EngineConfig {
  readonly mode: 'active' | 'shadow' | 'off';
  readonly authority: 'latest' | 'salesforce' | 'acd';
  readonly startup: 'acd' | 'salesforce' | 'none';
  readonly echoWindowMs: number;
  readonly userId?: string;
  readonly orgId?: string;
}

/** Defaults for every `EngineConfig` field (CONTRACT.md §2). */
export const DEFAULT_CONFIG: EngineConfig = Object.freeze({
  mode: 'active',
  authority: 'latest',
  startup: 'acd',
  echoWindowMs: 5000,
});
