// The rule editor's check is the element's own: `checkRules` reports what applying the rules would,
// against the statuses and codes the element knows, each problem naming its path once.
import { expect } from '@open-wc/testing';
import { filter, firstValueFrom } from 'rxjs';
import { createLeader } from '../../src/adapters/leader.js';
import { nearestName } from '../../src/core/rules/nearest.js';
import '../../src/define.js';
import type { PresenceSyncElement } from '../../src/element/presence-sync.js';
import { MemoryStorage } from '../../src/persistence/memory-storage.js';
import { CODES, EXAMPLE, STATUSES, acd } from '../core/fixtures.js';
import { FakeAgentPort } from '../fakes/fake-agent-port.js';
import { FakeOmni } from '../fakes/fake-omni.js';

let el: PresenceSyncElement;
afterEach(() => el?.remove());

async function running(): Promise<PresenceSyncElement> {
  el = document.createElement('presence-sync');
  el.setAttribute('rules', JSON.stringify(EXAMPLE));
  el.setAttribute('agent-origin', 'https://agent.example.com');
  el.setAttribute('org-id', '00D5g000004ABCD');
  el.ports = {
    agent: new FakeAgentPort(acd('Available'), CODES),
    storage: new MemoryStorage('check'),
    leader: createLeader({ userId: `check-${Math.random()}`, locks: null, channel: null }),
  };
  el.omni = new FakeOmni(STATUSES, 'Away');
  document.body.append(el);
  await firstValueFrom(el.snapshot$.pipe(filter((snapshot) => snapshot.phase === 'in-sync')));
  return el;
}

/** The example rule with one row changed. */
function withRow(direction: 'publisher' | 'subscriber', index: number, row: object) {
  const rule = { ...EXAMPLE.rules[0]!, [direction]: [...EXAMPLE.rules[0]![direction]] };
  (rule[direction] as object[])[index] = row;
  return { ...EXAMPLE, rules: [rule] };
}

describe('<presence-sync>.checkRules(): one validator for editors and for applying', () => {
  it('finds what only applying found before: an unknown status, a wrong-case status, a wrong-case code', async () => {
    const element = await running();
    const cases: Array<[rules: unknown, path: string, says: string]> = [
      [
        withRow('publisher', 2, { acd: 'Unavailable/Lunch', salesforce: 'Awayy' }),
        'rules[0].publisher[2].salesforce',
        'did you mean "Away"?',
      ],
      [
        withRow('publisher', 2, { acd: 'Unavailable/Lunch', salesforce: 'away' }),
        'rules[0].publisher[2].salesforce',
        'did you mean "Away"?',
      ],
      [
        withRow('subscriber', 1, { salesforce: 'Away', acd: 'Unavailable/lunch' }),
        'rules[0].subscriber[1].acd',
        'did you mean "Lunch"?',
      ],
    ];
    for (const [rules, path, says] of cases) {
      const { problems, rule } = element.checkRules(JSON.stringify(rules));
      expect(problems, path).to.have.length(1);
      const [problem] = problems;
      expect(problem!.path).to.equal(path);
      expect(problem!.message).to.contain(says);
      // The path once: at the start of the message, nowhere else.
      expect(problem!.message.split(path)).to.have.length(2);
      expect(problem!.message.startsWith(path)).to.equal(true);
      expect(rule).to.equal('Chat and voice');
    }
  });

  it('says nothing is wrong with the rules in force, and names the rule they select', async () => {
    const element = await running();
    expect(element.checkRules(EXAMPLE)).to.deep.equal({ problems: [], rule: 'Chat and voice' });
  });

  it('names a missing key plainly, and the JSON error once', async () => {
    const element = await running();
    const missing = element.checkRules(
      withRow('publisher', 0, { acd: 'Available', salesfroce: 'Available_for_Chats' }),
    );
    expect(missing.problems.map((problem) => problem.message).join('\n')).to.not.contain(
      'undefined',
    );
    const json = element.checkRules('{ "version": 1, ');
    expect(json.problems).to.have.length(1);
    expect(json.problems[0]!.message.match(/\$:/g) ?? []).to.have.length.below(2);
  });
});

describe('nearestName()', () => {
  const known = ['Available_for_Chats', 'Busy_On_Call', 'Away', 'Chat_Done', 'Training'];
  const rows: Array<[typed: string, expected: string | null]> = [
    ['away', 'Away'],
    ['Awayy', 'Away'],
    ['Busy_on_call', 'Busy_On_Call'],
    ['Trainign', 'Training'],
    ['Lunch', null],
    ['Away', null],
  ];
  for (const [typed, expected] of rows)
    it(`suggests ${String(expected)} for ${typed}`, () =>
      expect(nearestName(typed, known)).to.equal(expected));
});
