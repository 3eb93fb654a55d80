// The engine harness: the real engine against the shared fakes (test/fakes), wired to plain DOM.
import { createEngine } from '../src/index.js';
import { formatAcd } from '../src/core/rules.js';
import type { AcdState } from '../src/core/state.js';
import { CODES, EXAMPLE, STATUSES } from '../test/core/fixtures.js';
import { FakeAgentPort } from '../test/fakes/fake-agent-port.js';
import { FakeOmni } from '../test/fakes/fake-omni.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const omni = new FakeOmni(STATUSES, 'Away');
const agent = new FakeAgentPort({ state: 'Available', reason: '', isAcw: false }, CODES);
const engine = createEngine({ rules: EXAMPLE, startup: 'acd', orgId: EXAMPLE.orgId }, { omni, agent });
Object.assign(globalThis, { demo: { engine, omni, agent } });

const pickOmni = $<HTMLSelectElement>('omni-pick');
for (const status of STATUSES) pickOmni.add(new Option(status.label, status.apiName));
pickOmni.onchange = () => omni.agentSets(pickOmni.value);
$('omni-supervisor').onclick = () => omni.supervisorSets('Away');
$('omni-logout').onclick = () => omni.loggedOut();
$('omni-duplicate').onclick = () => omni.loggedOut('DuplicateLoginInSameBrowser');
$('omni-work-up').onclick = () => omni.setWorkload(Math.min(omni.capacity, omni.workload + 1));
$('omni-work-down').onclick = () => omni.setWorkload(Math.max(0, omni.workload - 1));

const choices: AcdState[] = [
  { state: 'Available', reason: '', isAcw: false },
  { state: 'Unavailable', reason: '', isAcw: false },
  ...CODES.filter((code) => !code.isAcw).map((code): AcdState => ({ state: 'Unavailable', reason: code.name, isAcw: false })),
];
const pickAgent = $<HTMLSelectElement>('agent-pick');
choices.forEach((choice, index) => pickAgent.add(new Option(formatAcd(choice), String(index))));
pickAgent.onchange = () => agent.change(choices[Number(pickAgent.value)] as AcdState);
$('call-start').onclick = () => agent.change({ state: 'InboundContact', reason: '', isAcw: false });
$('call-acw').onclick = () => agent.change({ state: 'Unavailable', reason: 'Wrap', isAcw: true });
$('call-end').onclick = () => agent.change({ state: 'Available', reason: '', isAcw: false });

$('resync').onclick = () => void engine.resync();
$('pause').onclick = () => engine.pause();
$('resume').onclick = () => engine.resume();
const rules = $<HTMLTextAreaElement>('rules');
rules.value = JSON.stringify(EXAMPLE, null, 2);
$('apply-rules').onclick = () => engine.setRules(rules.value);

engine.snapshot$.subscribe((snapshot) => {
  $('phase').textContent = `Phase: ${snapshot.phase}`;
  $('rule').textContent = snapshot.rule ?? '—';
  $('deferred').textContent = snapshot.deferred?.target ?? '—';
  $('previous').textContent = snapshot.previousAcd ?? '—';
  $('omni-status').textContent = omni.current?.label ?? 'Offline';
  $('omni-load').textContent = `${omni.workload}/${omni.capacity}`;
  $('agent-state').textContent = formatAcd(agent.state);
  $('counters').textContent = Object.entries(snapshot.counters).map(([key, value]) => `${key} ${value}`).join(' · ');
  const list = $('problems');
  list.replaceChildren(...snapshot.problems.map((problem) => Object.assign(document.createElement('li'), { role: 'alert', textContent: `${problem.code}: ${problem.message}` })));
});
engine.decisions$.subscribe((decision) => {
  const line = document.createElement('div');
  const action = decision.action === 'none' ? 'no write' : `${decision.action.side} ← ${decision.action.target}`;
  line.textContent = `#${decision.id} ${new Date(decision.at).toLocaleTimeString()} ${decision.trigger.side} ${decision.trigger.from} → ${decision.trigger.to}: ${action} (${decision.why}, ${decision.result})`;
  $('log').prepend(line);
});
