// The utility host reports the element's sync health through Apex: the element gets a HealthPort
// whose reports go to PresenceSyncHealth.report as JSON, and the heartbeat attribute passes down.
import { createElement } from 'lwc';
import PresenceSyncHost from 'c/presenceSyncHost';
import { loadScript } from 'lightning/platformResourceLoader';
import getOrgId from '@salesforce/apex/PresenceSyncController.getOrgId';
import reportHealth from '@salesforce/apex/PresenceSyncHealth.report';

jest.mock(
  '@salesforce/resourceUrl/presenceSync',
  () => ({ default: '/resource/123/presenceSync' }),
  { virtual: true },
);
jest.mock('@salesforce/apex/PresenceSyncController.getOrgId', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/PresenceSyncHealth.report', () => ({ default: jest.fn() }), {
  virtual: true,
});

class FakePresenceSync extends HTMLElement {}

async function settle() {
  for (let i = 0; i < 5; i += 1) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}

afterEach(() => {
  while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
});

describe('sync health from the utility', () => {
  it('gives the element a HealthPort over PresenceSyncHealth.report and passes health-heartbeat-min', async () => {
    loadScript.mockImplementation(() => {
      if (!customElements.get('presence-sync'))
        customElements.define('presence-sync', FakePresenceSync);
      return Promise.resolve();
    });
    getOrgId.mockResolvedValue('00D5g000004ABCDEAA');
    reportHealth.mockResolvedValue({ resyncRequested: true });
    const host = createElement('c-presence-sync-host', { is: PresenceSyncHost });
    Object.assign(host, {
      bridged: true,
      rules: '{"version":1,"rules":[]}',
      agentOrigin: 'https://cxagent.nicecxone.com',
      healthHeartbeatMin: 10,
    });
    document.body.appendChild(host);
    await settle();
    const element = host.shadowRoot.querySelector('presence-sync');
    expect(element.getAttribute('health-heartbeat-min')).toBe('10');
    const record = { v: 1, phase: 'in-sync', heartbeatAt: 1767603610000 };
    await expect(element.health.report(record)).resolves.toEqual({ resyncRequested: true });
    expect(reportHealth).toHaveBeenCalledWith({ json: JSON.stringify(record) });
  });
});
