// Decisions in words: each result says what happened (set, setting, could not be set, not set and
// why), the row is named by its direction, ACD states are shown in words, and the contact-center
// side by its name.
import { expect } from '@open-wc/testing';
import type { Decision } from '../../src/core/snapshot.js';
import { acdLabel, describeDecision } from '../../src/element/describe.js';
import { translator } from '../../src/element/i18n.js';

const t = translator('en');
const label = (apiName: string) =>
  apiName === 'Available_for_Chats' ? 'Available for Chats' : apiName;

function decision(change: Partial<Decision>): Decision {
  return {
    id: 1,
    at: 0,
    trigger: { side: 'acd', from: 'Available', to: 'Unavailable/Lunch' },
    rule: 'Chat and voice',
    row: { direction: 'publisher', index: 2, text: 'Lunch → Away' },
    action: { side: 'salesforce', target: 'Away' },
    why: 'mapped',
    result: 'ok',
    ms: 0,
    ...change,
  };
}

describe('describeDecision()', () => {
  const rows: Array<[what: string, given: Partial<Decision>, acd: string, sentence: string]> = [
    [
      'ok: set',
      {},
      'CXone',
      'Omni-Channel set to Away because CXone became Unavailable (Lunch) — rule Chat and voice, publisher row 3',
    ],
    [
      'pending: setting, waiting for confirmation',
      { result: 'pending' },
      'CXone',
      'Setting Omni-Channel to Away because CXone became Unavailable (Lunch) — waiting for confirmation — rule Chat and voice, publisher row 3',
    ],
    [
      'failed: could not be set',
      { result: 'failed' },
      'Webex',
      'Omni-Channel could not be set to Away because Webex became Unavailable (Lunch) — rule Chat and voice, publisher row 3',
    ],
    [
      'skipped: not set, and why',
      { result: 'skipped', why: 'duplicate-login' },
      'CXone',
      'Omni-Channel not set to Away: Omni-Channel was opened elsewhere (CXone became Unavailable (Lunch)) — rule Chat and voice, publisher row 3',
    ],
    [
      'skipped on the ACD side, read only, a subscriber row',
      {
        trigger: { side: 'salesforce', from: 'Away', to: 'Available_for_Chats' },
        row: { direction: 'subscriber', index: 0, text: '' },
        action: { side: 'acd', target: 'Available' },
        why: 'read-only-agent',
        result: 'skipped',
      },
      'CXone',
      'CXone not set to Available: CXone cannot be set from here (Omni-Channel became Available for Chats) — rule Chat and voice, subscriber row 1',
    ],
    [
      'held for the contact',
      {
        trigger: { side: 'salesforce', from: 'Busy_On_Call', to: 'Away' },
        row: { direction: 'subscriber', index: 1, text: '' },
        action: { side: 'acd', target: 'Unavailable/Lunch' },
        why: 'deferred-on-contact',
        result: 'pending',
      },
      'Contact center',
      'Contact center will be set to Unavailable (Lunch) when the contact ends because Omni-Channel became Away — rule Chat and voice, subscriber row 2',
    ],
    [
      'a held write a newer choice replaced',
      {
        trigger: { side: 'salesforce', from: 'Busy_On_Call', to: 'Away' },
        row: { direction: 'subscriber', index: 1, text: '' },
        action: { side: 'acd', target: 'Unavailable/Lunch' },
        why: 'deferred-on-contact',
        result: 'skipped',
      },
      'CXone',
      'CXone not set to Unavailable (Lunch): a newer change replaced it (Omni-Channel became Away) — rule Chat and voice, subscriber row 2',
    ],
    [
      'nothing to do: no row',
      {
        trigger: { side: 'acd', from: 'Available', to: 'Unavailable/Break' },
        row: null,
        action: 'none',
        why: 'unmapped',
        result: 'skipped',
        rule: 'Webex',
      },
      'Webex',
      'Webex became Unavailable (Break): no row of the rule maps it — rule Webex',
    ],
    [
      'the start-up copy, by the acdWork setting',
      {
        trigger: { side: 'acd', from: 'start', to: 'InboundContact' },
        row: { direction: 'acdWork', index: 0, text: '' },
        action: { side: 'salesforce', target: 'Busy_On_Call' },
        why: 'acd-work',
      },
      'Webex',
      'Omni-Channel set to Busy_On_Call because Webex was Inbound contact at start-up (a Webex contact makes Omni-Channel busy) — rule Chat and voice, its contact work setting',
    ],
    [
      'an unclean end of the last session: its reason alone, no side became anything',
      {
        trigger: { side: 'acd', from: 'console open', to: 'closed without a clean end' },
        row: null,
        action: 'none',
        why: 'unclean-end',
        result: 'skipped',
      },
      'CXone',
      'The console closed without a clean end — rule Chat and voice',
    ],
  ];
  for (const [what, given, acd, sentence] of rows)
    it(what, () => expect(describeDecision(decision(given), t, label, acd)).to.equal(sentence));
});

describe('acdLabel()', () => {
  const rows: Array<[text: string, shown: string]> = [
    ['Available', 'Available'],
    ['Unavailable', 'Unavailable'],
    ['Unavailable/Lunch', 'Unavailable (Lunch)'],
    ['ACW/Wrap', 'After-contact work (Wrap)'],
    ['InboundContact', 'Inbound contact'],
    ['PreviousState', 'the previous state'],
    ['LoggedOut', 'Logged out'],
    ['something/else', 'something/else'],
  ];
  for (const [text, shown] of rows)
    it(`shows ${text} as ${shown}`, () => expect(acdLabel(text, t)).to.equal(shown));

  it('shows the state in the agent’s language, the code as the agent side names it', async () => {
    const { registerLocale } = await import('../../src/element/i18n.js');
    const { default: fr } = await import('../../src/element/locales/fr.js');
    registerLocale('fr', fr);
    expect(acdLabel('Unavailable/Lunch', translator('fr'))).to.equal('Indisponible (Lunch)');
  });
});
