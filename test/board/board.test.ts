import { expect } from '@open-wc/testing';
import '../../src/board/define.js';
import type { PresenceSyncBoardElement } from '../../src/board/board.js';
import type { FleetRow, FleetSource } from '../../src/board/fleet.js';
import { ManualClock } from '../fakes/manual-clock.js';
import { fleetRow } from './fleet-rows.js';

const MINUTE = 60_000;
const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const element of mounted.splice(0)) element.remove();
});

class FakeFleet implements FleetSource {
  rows: unknown[] = [];
  lists = 0;
  failNext: string | null = null;
  readonly resyncs: string[][] = [];
  list(): Promise<readonly unknown[]> {
    this.lists += 1;
    if (this.failNext) {
      const message = this.failNext;
      this.failNext = null;
      return Promise.reject(new Error(message));
    }
    return Promise.resolve(this.rows.map((row) => ({ ...(row as object) })));
  }
  requestResync(userIds: readonly string[]): Promise<void> {
    this.resyncs.push([...userIds]);
    return Promise.resolve();
  }
}

function floor(now: number): FleetRow[] {
  return [
    fleetRow({ userId: '005000000000001', name: 'Ana Ito', heartbeatAt: now }),
    fleetRow({
      userId: '005000000000002',
      name: 'Ben Park',
      phase: 'error',
      problemCode: 'acd-write-failed',
      problemMessage: 'The agent app refused the state change',
      outOfSyncSince: now - 12 * MINUTE,
      heartbeatAt: now,
    }),
    fleetRow({
      userId: '005000000000003',
      name: 'Chloé Rossi',
      phase: 'deferred',
      outOfSyncSince: now - 3 * MINUTE,
      heartbeatAt: now - MINUTE,
      acdKind: 'webex',
    }),
    fleetRow({ userId: '005000000000004', name: 'Dmytro Quinn', heartbeatAt: now - 2 * MINUTE }),
  ];
}

async function mount(attributes: Record<string, string> = {}) {
  const clock = new ManualClock(Date.UTC(2026, 0, 5, 9));
  const fleet = new FakeFleet();
  fleet.rows = floor(clock.now());
  const el = document.createElement('presence-sync-board') as PresenceSyncBoardElement;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  el.clock = clock;
  el.source = fleet;
  document.body.append(el);
  mounted.push(el);
  await el.updateComplete;
  await clock.advance(0);
  await el.updateComplete;
  return { el, clock, fleet, root: el.renderRoot as ShadowRoot };
}

const names = (root: ShadowRoot) =>
  [...root.querySelectorAll('tbody tr th')].map((cell) => cell.firstChild?.textContent);
const counts = (root: ShadowRoot) =>
  Object.fromEntries(
    [...root.querySelectorAll('[part=counts] li')].map((item) => [
      item.getAttribute('data-phase'),
      Number(item.querySelector('strong')?.textContent),
    ]),
  );
const alerts = (root: ShadowRoot) =>
  [...root.querySelectorAll('[role=alert]')].map((node) => node.textContent ?? '');
const button = (root: ShadowRoot, text: string) =>
  [...root.querySelectorAll('button')].find((node) => node.textContent?.startsWith(text))!;
async function settled(el: PresenceSyncBoardElement, clock: ManualClock, ms = 0) {
  await clock.advance(ms);
  await el.updateComplete;
}

describe('<presence-sync-board>', () => {
  it('shows counts per phase and a row per agent, worst first', async () => {
    const { root } = await mount();
    expect(counts(root)).to.deep.equal({ 'in-sync': 2, error: 1, deferred: 1 });
    expect(names(root)).to.deep.equal(['Ben Park', 'Chloé Rossi', 'Ana Ito', 'Dmytro Quinn']);
    const ben = root.querySelector('tr[data-user="005000000000002"]')!;
    expect(ben.getAttribute('data-standing')).to.equal('attention');
    expect(ben.textContent).to.contain('acd-write-failed');
    expect(ben.textContent).to.contain('12 min');
    expect(root.querySelector('[role=status]')?.textContent).to.match(
      /Last refresh \d\d:\d\d:\d\d/,
    );
  });

  it('flags an agent silent once 2.5 of its heartbeats pass without a report, on the fake clock', async () => {
    const { el, clock, fleet, root } = await mount();
    // Everyone but Dmytro keeps reporting; his last report was 2 minutes before the board started.
    const keepReporting = () => {
      fleet.rows = (fleet.rows as FleetRow[]).map((row) =>
        row.name === 'Dmytro Quinn' ? row : { ...row, heartbeatAt: clock.now() },
      );
    };
    for (let step = 0; step < 20; step += 1) {
      keepReporting();
      await settled(el, clock, 30_000);
    }
    // 2 + 10 = 12 minutes since his report: not silent yet (12.5 is the line).
    expect(counts(root).silent).to.equal(undefined);
    keepReporting();
    await settled(el, clock, 30_000);
    expect(counts(root).silent).to.equal(undefined);
    keepReporting();
    await settled(el, clock, 30_000);
    expect(counts(root).silent).to.equal(1);
    const dmytro = root.querySelector('tr[data-user="005000000000004"]')!;
    expect(dmytro.getAttribute('data-standing')).to.equal('silent');
    expect(dmytro.textContent).to.contain('Silent');
  });

  it('filters problems only, silent only, and out of sync longer than N minutes', async () => {
    const { el, clock, root } = await mount();
    const [problems, silent] = [
      ...root.querySelectorAll<HTMLInputElement>('fieldset input[type=checkbox]'),
    ];
    problems!.click();
    await el.updateComplete;
    expect(names(root)).to.deep.equal(['Ben Park']);
    problems!.click();
    const minutes = root.querySelector<HTMLInputElement>('input[type=number]')!;
    minutes.value = '2';
    minutes.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(names(root)).to.deep.equal(['Ben Park', 'Chloé Rossi']);
    minutes.value = '5';
    minutes.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(names(root)).to.deep.equal(['Ben Park']);
    minutes.value = '';
    minutes.dispatchEvent(new Event('input'));
    silent!.click();
    await settled(el, clock, 15 * MINUTE);
    // All silent: the phases they last reported order them (deferred, error, in sync).
    expect(names(root)).to.deep.equal(['Chloé Rossi', 'Ben Park', 'Ana Ito', 'Dmytro Quinn']);
    expect(root.querySelector('caption')?.textContent).to.equal('4 of 4 agents shown');
  });

  it('sorts by a column header, and again the other way', async () => {
    const { el, root } = await mount();
    const header = root.querySelector<HTMLButtonElement>('button[data-sort=name]')!;
    header.click();
    await el.updateComplete;
    expect(names(root)).to.deep.equal(['Ana Ito', 'Ben Park', 'Chloé Rossi', 'Dmytro Quinn']);
    expect(header.parentElement?.getAttribute('aria-sort')).to.equal('ascending');
    header.click();
    await el.updateComplete;
    expect(names(root)).to.deep.equal(['Dmytro Quinn', 'Chloé Rossi', 'Ben Park', 'Ana Ito']);
    expect(header.parentElement?.getAttribute('aria-sort')).to.equal('descending');
    root.querySelector<HTMLButtonElement>('button[data-sort=heartbeat]')!.click();
    await el.updateComplete;
    expect(names(root)[0]).to.equal('Dmytro Quinn');
    expect(header.parentElement?.hasAttribute('aria-sort')).to.equal(false);
  });

  it('requests a resync for the selected rows and for one row', async () => {
    const { el, clock, fleet, root } = await mount();
    const requestSelected = button(root, 'Request resync');
    expect(requestSelected.disabled).to.equal(true);
    root.querySelector<HTMLInputElement>('input[aria-label="Select Ana Ito"]')!.click();
    root.querySelector<HTMLInputElement>('input[aria-label="Select Ben Park"]')!.click();
    await el.updateComplete;
    expect(requestSelected.textContent).to.equal('Request resync (2)');
    const lists = fleet.lists;
    requestSelected.click();
    await settled(el, clock);
    expect(fleet.resyncs).to.deep.equal([['005000000000001', '005000000000002']]);
    expect(fleet.lists).to.equal(lists + 1);
    expect(requestSelected.disabled).to.equal(true);
    root
      .querySelector<HTMLButtonElement>('button[aria-label="Request resync for Chloé Rossi"]')!
      .click();
    await settled(el, clock);
    expect(fleet.resyncs[1]).to.deep.equal(['005000000000003']);
    await settled(el, clock);
    expect(root.querySelector('[part=notice]')?.textContent).to.equal(
      'Agents asked to resync: 1. Each resyncs at its next report.',
    );
  });

  it('shows a pending resync request, then when the widget did it', async () => {
    const { el, clock, fleet, root } = await mount();
    const ana = () => root.querySelector('tr[data-user="005000000000001"] th')!.textContent;
    fleet.rows = floor(clock.now()).map((row) =>
      row.name === 'Ana Ito' ? { ...row, resyncRequestedAt: clock.now() } : row,
    );
    await settled(el, clock, 30_000);
    expect(ana()).to.equal('Ana Itoresync requested');
    fleet.rows = floor(clock.now()).map((row) =>
      row.name === 'Ana Ito' ? { ...row, resyncedAt: clock.now() - 3 * MINUTE } : row,
    );
    await settled(el, clock, 30_000);
    expect(ana()).to.equal('Ana Itoresynced 3 min ago');
  });

  it('selects every shown agent at once', async () => {
    const { el, root } = await mount();
    root.querySelector<HTMLInputElement>('fieldset input[type=checkbox]')!.click();
    await el.updateComplete;
    root.querySelector<HTMLInputElement>('input[aria-label="Select all shown agents"]')!.click();
    await el.updateComplete;
    expect(button(root, 'Request resync').textContent).to.equal('Request resync (1)');
  });

  it('refreshes every refresh-s seconds on its clock', async () => {
    const { el, clock, fleet } = await mount({ 'refresh-s': '60' });
    expect(fleet.lists).to.equal(1);
    await settled(el, clock, 59_999);
    expect(fleet.lists).to.equal(1);
    await settled(el, clock, 1);
    expect(fleet.lists).to.equal(2);
    el.remove();
    await settled(el, clock, 10 * MINUTE);
    expect(fleet.lists).to.equal(2);
  });

  it('names a bad refresh-s and refreshes every 30 s instead', async () => {
    const { el, clock, fleet, root } = await mount({ 'refresh-s': '1' });
    expect(alerts(root).join(' ')).to.contain('refresh-s');
    await settled(el, clock, 30_000);
    expect(fleet.lists).to.equal(2);
  });

  it('leaves out a row that fails the guard, naming it, and shows the rest', async () => {
    const { el, clock, fleet, root } = await mount();
    fleet.rows = [
      ...floor(clock.now()),
      { ...fleetRow(), userId: '005000000000009', phase: '<b>' },
    ];
    await settled(el, clock, 30_000);
    expect(names(root).length).to.equal(4);
    expect(alerts(root).join(' ')).to.contain('rows[4].phase');
  });

  it('keeps the last rows and says so when the fleet cannot be read', async () => {
    const { el, clock, fleet, root } = await mount();
    fleet.failNext = 'INSUFFICIENT_ACCESS';
    await settled(el, clock, 30_000);
    expect(names(root).length).to.equal(4);
    expect(alerts(root).join(' ')).to.contain('INSUFFICIENT_ACCESS');
    await settled(el, clock, 30_000);
    expect(alerts(root)).to.deep.equal([]);
  });

  it('speaks the six languages', async () => {
    const { root } = await mount({ locale: 'uk' });
    expect(root.querySelector('h2')?.textContent).to.equal('Стан синхронізації');
    expect(root.querySelector('tr[data-user="005000000000002"]')?.textContent).to.contain(
      'Потрібне втручання',
    );
  });

  it('is keyboard-usable: native controls only, in order, and the focus survives a refresh', async () => {
    const { el, clock, root } = await mount();
    const clickable = [...root.querySelectorAll('*')].filter(
      (node) => node.getAttribute('tabindex') !== null || (node as HTMLElement).onclick,
    );
    expect(clickable).to.deep.equal([]);
    for (const control of root.querySelectorAll('button, input'))
      expect(
        control.getAttribute('aria-label') ||
          control.textContent?.trim() ||
          control.closest('label')?.textContent?.trim() ||
          '',
      ).to.not.equal('');
    const resync = root.querySelector<HTMLButtonElement>(
      'button[aria-label="Request resync for Ana Ito"]',
    )!;
    resync.focus();
    await settled(el, clock, 30_000);
    await settled(el, clock, 30_000);
    expect(root.activeElement).to.equal(resync);
  });

  it('passes the axe accessibility check, with rows and with an alert', async () => {
    const { el, clock, fleet } = await mount();
    await expect(el).to.be.accessible();
    fleet.failNext = 'down';
    await settled(el, clock, 30_000);
    await expect(el).to.be.accessible();
  });
});
