import type { FleetRow } from '../../src/board/fleet.js';

/** A row as a store returns it: an agent in sync that reported at `heartbeatAt`. */
export function fleetRow(overrides: Partial<FleetRow> = {}): FleetRow {
  return {
    v: 1,
    userId: '005000000000001',
    name: 'Ana Ito',
    phase: 'in-sync',
    problemCode: null,
    problemMessage: null,
    acdKind: 'cxone',
    acdState: 'Available',
    omniStatus: 'Available_for_Chats',
    outOfSyncSince: null,
    lastDecisionWhy: 'mapped',
    lastDecisionAt: 1_000_000,
    heartbeatAt: 1_000_000,
    heartbeatMin: 5,
    version: '0.1.0',
    mode: 'active',
    paused: false,
    resyncedAt: null,
    resyncRequestedAt: null,
    ...overrides,
  };
}
