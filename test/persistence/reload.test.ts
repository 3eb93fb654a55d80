// A real page reload: the engine runs in a same-origin iframe with IndexedDB storage; the iframe
// is reloaded and the new page must use what the old one stored.
import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { filter, firstValueFrom } from 'rxjs';
import type { SyncSnapshot } from '../../src/core/snapshot.js';
import type { IdbStorage } from '../../src/persistence/idb-storage.js';
import { databaseName } from '../../src/persistence/idb-storage.js';
import type { Engine } from '../../src/runtime/engine.js';
import { acd } from '../core/fixtures.js';
import type { FakeAgentPort } from '../fakes/fake-agent-port.js';
import type { FakeOmni } from '../fakes/fake-omni.js';

interface Harness {
  engine: Engine;
  omni: FakeOmni;
  agent: FakeAgentPort;
  storage: IdbStorage;
}

let iframe: HTMLIFrameElement | null = null;
const user = `005reload${Date.now().toString(36)}`;

/** Loads (or reloads) the harness page with the given starting states. */
function load(sf: string, agentState: string): Promise<Harness> {
  const src = `/test/persistence/reload-page.html?user=${user}&sf=${sf}&acd=${encodeURIComponent(agentState)}`;
  return new Promise((resolve) => {
    const frame = iframe ?? document.body.appendChild(document.createElement('iframe'));
    iframe = frame;
    frame.addEventListener(
      'load',
      () => {
        const win = frame.contentWindow as Window & { harness?: Harness };
        // The module script runs before load fires.
        resolve(win.harness as Harness);
      },
      { once: true },
    );
    if (frame.src === '') frame.src = src;
    else (frame.contentWindow as Window).location.replace(src);
  });
}

function until(engine: Engine, check: (snapshot: SyncSnapshot) => boolean): Promise<SyncSnapshot> {
  return firstValueFrom(engine.snapshot$.pipe(filter(check)));
}

after(async () => {
  iframe?.remove();
  await deleteDB(databaseName(user));
});

describe('a page reload', () => {
  it('keeps the deferred write and the previous-state history, and uses both afterwards', async () => {
    let page = await load('Away', 'Available');
    await until(page.engine, (snapshot) => snapshot.phase === 'in-sync');
    page.agent.change(acd('Unavailable/Lunch'));
    await until(
      page.engine,
      (snapshot) => snapshot.phase === 'in-sync' && snapshot.salesforce?.apiName === 'Away',
    );
    page.agent.change(acd('InboundContact'));
    await until(
      page.engine,
      (snapshot) => snapshot.phase === 'in-sync' && snapshot.salesforce?.apiName === 'Busy_On_Call',
    );
    page.omni.agentSets('Available_for_Chats');
    await until(page.engine, (snapshot) => snapshot.phase === 'deferred');
    await page.storage.flush();
    expect(page.agent.calls).to.deep.equal([]);

    // Reload mid-call: the new page starts with the agent still on the call, where Previous State
    // means the state before the call.
    page = await load('Available_for_Chats', 'InboundContact');
    await until(
      page.engine,
      (snapshot) => snapshot.phase === 'deferred' && snapshot.previousAcd === 'Unavailable/Lunch',
    );
    expect(page.engine.snapshot.deferred?.target).to.equal('Available');

    // The call ends: the stored deferred write is applied, and not published back.
    page.agent.change(acd('Unavailable/Lunch'));
    await until(
      page.engine,
      (snapshot) => snapshot.phase === 'in-sync' && snapshot.deferred === undefined,
    );
    expect(page.agent.calls).to.deep.equal(['Available']);
    expect(page.omni.calls).to.deep.equal([]);
    await page.storage.flush();

    // Another reload: PreviousState restores the code held before, known only from storage.
    page = await load('Available_for_Chats', 'Available');
    await until(
      page.engine,
      (snapshot) => snapshot.phase === 'in-sync' && snapshot.previousAcd === 'Unavailable/Lunch',
    );
    page.omni.agentSets('Chat_Done');
    await until(
      page.engine,
      (snapshot) => snapshot.phase === 'in-sync' && snapshot.acd?.reason === 'Lunch',
    );
    expect(page.agent.calls).to.deep.equal(['Unavailable/Lunch']);
    const stored = await page.storage.decisions();
    expect(stored.some((entry) => entry.why === 'deferred-applied')).to.equal(true);
  });
});
