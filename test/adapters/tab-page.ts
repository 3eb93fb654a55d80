/**
 * One simulated console tab for multi-tab tests: the parent (same origin) calls `startTab()` with
 * the shared Omni-Channel fake and this tab's agent port; the engine elects its leader with the
 * real Web Locks of this document, which the browser releases when the tab goes away.
 */
import { createLeader } from '../../src/adapters/leader.js';
import type { AgentPort, OmniPort } from '../../src/core/ports.js';
import { createEngine } from '../../src/create-engine.js';
import { EXAMPLE } from '../core/fixtures.js';

function startTab(omni: OmniPort, agent: AgentPort, userId: string) {
  // A removed tab runs no code: events reaching its listeners after removal are dropped.
  const alive = () => document.defaultView !== null;
  const tabOmni: OmniPort = Object.assign(Object.create(omni) as OmniPort, {
    subscribe: (listener: Parameters<OmniPort['subscribe']>[0]) =>
      omni.subscribe((event) => alive() && listener(event)),
  });
  return createEngine(
    { rules: EXAMPLE, orgId: '00D5g000004ABCD', userId },
    { omni: tabOmni, agent, leader: createLeader({ userId }) },
  );
}

(window as unknown as { startTab: typeof startTab }).startTab = startTab;
