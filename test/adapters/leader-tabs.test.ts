// Two console tabs in one browser context (same-origin iframes, each its own document holding its
// own Web Lock request), one shared Omni-Channel and one agent whose state both tabs see.
import { expect } from '@open-wc/testing';
import { filter, firstValueFrom } from 'rxjs';
import type { AgentPort, OmniPort } from '../../src/core/ports.js';
import type { SyncSnapshot } from '../../src/core/snapshot.js';
import type { Engine } from '../../src/runtime/engine.js';
import { CODES, STATUSES, acd } from '../core/fixtures.js';
import { FakeAgentPort } from '../fakes/fake-agent-port.js';
import { FakeOmni } from '../fakes/fake-omni.js';

type StartTab = (omni: OmniPort, agent: AgentPort, userId: string) => Engine;

function openTab(): Promise<{ iframe: HTMLIFrameElement; start: StartTab }> {
  const iframe = document.createElement('iframe');
  iframe.src = '/test/adapters/tab-page.html';
  return new Promise((resolve) => {
    iframe.addEventListener(
      'load',
      () =>
        resolve({
          iframe,
          start: (iframe.contentWindow as unknown as { startTab: StartTab }).startTab,
        }),
      { once: true },
    );
    document.body.append(iframe);
  });
}

function until(engine: Engine, check: (snapshot: SyncSnapshot) => boolean): Promise<SyncSnapshot> {
  return firstValueFrom(engine.snapshot$.pipe(filter(check)));
}

describe('two console tabs of one agent', () => {
  it('write once per change, and the other tab takes over within 2 s when the leader tab closes', async () => {
    const user = `005tabs${Date.now().toString(36)}`;
    const omni = new FakeOmni(STATUSES, 'Away');
    const agents = [
      new FakeAgentPort(acd('Available'), CODES),
      new FakeAgentPort(acd('Available'), CODES),
    ];
    const tabs = await Promise.all([openTab(), openTab()]);
    const engines = tabs.map((tab, index) => tab.start(omni, agents[index]!, user));
    await Promise.race(
      engines.map((engine) =>
        until(engine, (snapshot) => snapshot.leader && snapshot.phase === 'in-sync'),
      ),
    );
    const leader = engines.findIndex((engine) => engine.snapshot.leader);
    const follower = 1 - leader;
    await until(
      engines[follower]!,
      (snapshot) =>
        snapshot.phase === 'follower' && snapshot.salesforce?.apiName === 'Available_for_Chats',
    );
    expect(omni.calls).to.deep.equal(['set:Available_for_Chats']);

    // One agent change, seen by both tabs: exactly one write.
    for (const agent of agents) agent.change(acd('Unavailable/Lunch'));
    await until(
      engines[leader]!,
      (snapshot) => snapshot.phase === 'in-sync' && snapshot.salesforce?.apiName === 'Away',
    );
    await until(engines[follower]!, (snapshot) => snapshot.salesforce?.apiName === 'Away');
    expect(omni.calls).to.deep.equal(['set:Available_for_Chats', 'set:Away']);
    expect(
      engines[follower]!.decisions().some((decision) => decision.why === 'not-leader'),
    ).to.equal(true);

    // The leader tab closes; the browser releases its lock and the other tab leads and syncs.
    const closedAt = performance.now();
    tabs[leader]!.iframe.remove();
    await until(engines[follower]!, (snapshot) => snapshot.leader);
    agents[follower]!.change(acd('InboundContact'));
    await until(
      engines[follower]!,
      (snapshot) => snapshot.phase === 'in-sync' && snapshot.salesforce?.apiName === 'Busy_On_Call',
    );
    const handover = performance.now() - closedAt;
    expect(omni.calls).to.deep.equal(['set:Available_for_Chats', 'set:Away', 'set:Busy_On_Call']);
    // Event-driven (the lock is released with the document), so this bound is far from the noise.
    expect(handover).to.be.below(2000);
    tabs[follower]!.iframe.remove();
  });
});
