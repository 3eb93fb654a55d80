/**
 * Wires the simulated agent app to its page: `?protocol=bridge|cxone-client-events&widget=<origin>`
 * (and `&announce` to say hello on load).
 * A parent on the widget origin may hand over a MessagePort (`{ ns: 'fake-agent-control' }`) to
 * drive it; commands travel on that port, so they never mix with the traffic under test.
 */
import { AgentApp, type Command, type FakeState, type Protocol } from './agent-app.js';

const params = new URLSearchParams(location.search);
const protocol = (
  params.get('protocol') === 'cxone-client-events' ? 'cxone-client-events' : 'bridge'
) as Protocol;
const widgetOrigin = params.get('widget') ?? location.origin;
const app = new AgentApp(protocol, widgetOrigin, window.parent);
window.addEventListener('load', () => (app.loaded = true));
// `?hold=K`: an image the test server answers only when told, so the load event waits for the test.
const hold = params.get('hold');
if (hold !== null) {
  const image = new Image();
  image.alt = '';
  image.src = `/__hold?key=${encodeURIComponent(hold)}`;
  document.body.append(image);
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const picker = $<HTMLSelectElement>('picker');
for (const option of [
  'Available',
  'Unavailable',
  ...app.codes.filter((code) => !code.isAcw).map((code) => `Unavailable/${code.name}`),
]) {
  picker.add(new Option(option, option));
}
const show = (state: FakeState) => {
  const label = state.isAcw
    ? `ACW/${state.reason}`
    : state.state === 'Unavailable' && state.reason
      ? `Unavailable/${state.reason}`
      : state.state;
  $('state').textContent = state.next
    ? `${label} (next: ${state.next.state}${state.next.reason ? `/${state.next.reason}` : ''})`
    : label;
};
app.onChange = show;
show(app.state);

$('apply').addEventListener('click', () => {
  const [state, reason] = picker.value.split('/') as [
    'Available' | 'Unavailable',
    string | undefined,
  ];
  app.run({ cmd: 'set', state, reason });
});
$('call').addEventListener('click', () => app.run({ cmd: 'call' }));
$('hangup').addEventListener('click', () => app.run({ cmd: 'hangup' }));
$('acw').addEventListener('click', () => app.run({ cmd: 'hangup', acw: 'Wrap' }));
$('end-acw').addEventListener('click', () => app.run({ cmd: 'endAcw' }));
$('logout').addEventListener('click', () => app.run({ cmd: 'logout' }));

window.addEventListener('message', (event: MessageEvent) => {
  const data = event.data as { ns?: unknown } | null;
  if (event.origin === widgetOrigin && data?.ns === 'fake-agent-control' && event.ports[0]) {
    const port = event.ports[0];
    port.onmessage = async (message: MessageEvent<{ id: number; command: Command }>) => {
      const report = await app.run(message.data.command);
      // The answer goes in a later task: what the command posted to the widget is delivered first,
      // and the benchmarks' stamps on it do not include the driver's own traffic.
      setTimeout(() => port.postMessage({ id: message.data.id, report }), 0);
    };
    port.postMessage({ id: 0, report: app.report() });
    return;
  }
  app.receive(event);
});

// The agent app may load after the widget and introduce itself unasked (docs/contract.md §5.1). Only
// with `?announce`: otherwise that hello would reach a test at an unpredictable moment.
if (params.has('announce')) app.hello();
