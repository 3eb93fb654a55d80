/// <reference types="node" />
// The panel's view as a function of plain data, without a DOM: the phase line and its cause, the
// problems with their fixes, the sides (a follower shows the leader's), the decisions newest first,
// the buttons, and the contact-center side named as the agent side said, in all six languages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode, type Problem } from '../../src/core/errors.js';
import { PHASE_CAUSES, PHASES, ZERO_COUNTERS, type Decision } from '../../src/core/snapshot.js';
import type { SyncSnapshot } from '../../src/core/snapshot.js';
import {
  LOCALES,
  registerLocale,
  translator,
  type MessageKey,
  type Translate,
} from '../../src/element/i18n.js';
import es from '../../src/element/locales/es.js';
import fr from '../../src/element/locales/fr.js';
import ja from '../../src/element/locales/ja.js';
import ko from '../../src/element/locales/ko.js';
import uk from '../../src/element/locales/uk.js';
import { en } from '../../src/element/messages.js';
import {
  DecisionSentences,
  panelView,
  type PanelModel,
  type PanelView,
} from '../../src/element/view.js';
import { STATUSES, acd } from '../core/fixtures.js';

for (const [locale, table] of Object.entries({ fr, es, ja, ko, uk })) registerLocale(locale, table);
const t = translator('en');

const AWAY = { id: '0N5000000000003', apiName: 'Away', label: 'Away' };

function snapshot(change: Partial<SyncSnapshot> = {}): SyncSnapshot {
  return {
    phase: 'in-sync',
    salesforce: AWAY,
    acd: acd('Unavailable/Lunch'),
    rule: 'Chat and voice',
    leader: true,
    problems: [],
    counters: ZERO_COUNTERS,
    ...change,
  };
}

function model(change: Partial<PanelModel> = {}): PanelModel {
  return {
    snapshot: snapshot(),
    mirror: null,
    configProblems: [],
    recent: [],
    statuses: STATUSES,
    protocol: 'bridge',
    platform: 'cxone',
    running: true,
    mode: 'active',
    agentBelow: false,
    agentSrc: null,
    now: 0,
    language: 'en',
    ...change,
  };
}

function decision(id: number, change: Partial<Decision> = {}): Decision {
  return {
    id,
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

const problem = (code: ErrorCode, message = `${code} happened`, path?: string): Problem => ({
  code,
  message,
  recoverable: false,
  ...(path !== undefined ? { path } : {}),
});

/** Every text a view shows, for checks that look at all of it. */
const texts = (view: PanelView): string[] => [
  view.title,
  view.phaseText,
  ...Object.values(view.sides),
  view.mirrorNote ?? '',
  view.rule,
  ...view.problems.flatMap((line) => [line.message, line.fix]),
  ...view.decisions.map((line) => line.text),
];

/** Views that between them use every phase cause, every fix and every decision reason. */
function everyWording(platform: string | null): PanelModel[] {
  const whys = Object.keys(en)
    .filter((key) => key.startsWith('why.'))
    .map((key) => key.slice(4) as Decision['why']);
  const recent = whys.flatMap((why, index) => [
    decision(index * 4 + 1, { why }),
    decision(index * 4 + 2, { why, result: 'skipped' }),
    decision(index * 4 + 3, {
      why,
      result: 'pending',
      trigger: { side: 'salesforce', from: 'Away', to: 'Available_for_Chats' },
      action: { side: 'acd', target: 'Available' },
    }),
    decision(index * 4 + 4, {
      why,
      result: 'failed',
      trigger: { side: 'acd', from: 'start', to: 'Available' },
      action: { side: 'acd', target: 'Unavailable/Lunch' },
    }),
  ]);
  const problems = Object.values(ErrorCode).map((code) => problem(code));
  return PHASE_CAUSES.flatMap((cause) =>
    [false, true].map((agentBelow) =>
      model({
        platform,
        agentBelow,
        snapshot: snapshot({ phase: 'waiting', cause, problems }),
        recent,
      }),
    ),
  );
}

describe('panelView: the phase line', () => {
  it('says each phase without a cause in its own words, each with its own icon drawn', () => {
    const seen = new Map<string, string>();
    for (const phase of PHASES) {
      const view = panelView(model({ snapshot: snapshot({ phase }) }), t);
      assert.equal(view.phase, phase);
      assert.equal(view.phaseText, t(`phase.${phase}` as MessageKey));
      assert.match(view.icon, /^M[\d.]/, phase);
      seen.set(view.icon, phase);
    }
    // Waiting and starting share the dots; every other phase has a shape of its own.
    assert.equal(seen.size, PHASES.length - 1);
  });

  it('says what it waits for, and sends the agent to the frame below when the element renders it', () => {
    const waiting = snapshot({ phase: 'waiting', cause: 'agent-not-connected' });
    assert.equal(
      panelView(model({ snapshot: waiting }), t).phaseText,
      'Waiting for CXone to connect',
    );
    assert.equal(
      panelView(model({ snapshot: waiting, agentBelow: true }), t).phaseText,
      'Waiting: connect CXone in the panel below',
    );
  });

  it('names the state and status that stay when the rule maps neither', () => {
    const view = panelView(
      model({ snapshot: snapshot({ phase: 'not-mapped', cause: 'acd-unmapped' }) }),
      t,
    );
    assert.equal(
      view.phaseText,
      'Not mapped: no row for CXone Unavailable (Lunch), so Omni-Channel stays Away',
    );
    assert.deepEqual(view.sides, {
      salesforceLabel: 'Omni-Channel',
      salesforce: 'Away',
      acdLabel: 'CXone',
      acd: 'Unavailable (Lunch)',
    });
  });

  it('in a follower tab keeps its own phase and shows the syncing tab’s sides and rule, saying so', () => {
    const leader = snapshot({
      salesforce: { id: null, apiName: 'Offline', label: '' },
      acd: acd('ACW/Wrap'),
      rule: 'Night shift',
    });
    const own = snapshot({
      phase: 'follower',
      salesforce: null,
      acd: null,
      rule: null,
      leader: false,
    });
    const view = panelView(model({ snapshot: own, mirror: leader }), t);
    assert.equal(view.phase, 'follower');
    assert.equal(view.phaseText, 'Another tab is syncing');
    assert.equal(view.sides.salesforce, 'Offline');
    assert.equal(view.sides.acd, 'After-contact work (Wrap)');
    assert.equal(view.rule, 'Rule: Night shift');
    assert.equal(view.mirrorNote, 'Shown from the tab that is syncing.');
    // Not yet heard from the leader: its own (empty) sides, and no note.
    const alone = panelView(model({ snapshot: own }), t);
    assert.equal(alone.sides.acd, 'unknown');
    assert.equal(alone.rule, 'Rule: no rule selected');
    assert.equal(alone.mirrorNote, null);
  });
});

describe('panelView: problems and their fixes', () => {
  it('shows only the attribute problems while there are any (no engine runs), else the engine’s', () => {
    const engine = problem(ErrorCode.agentTimeout);
    const attribute = problem(
      ErrorCode.configInvalid,
      'mode: "fast" is not one of active, shadow, off.',
    );
    const broken = panelView(
      model({ snapshot: snapshot({ problems: [engine] }), configProblems: [attribute] }),
      t,
    );
    assert.deepEqual(broken.problems, [
      { code: 'config-invalid', message: attribute.message, fix: 'Fix the attribute named above.' },
    ]);
    const running = panelView(model({ snapshot: snapshot({ problems: [engine] }) }), t);
    assert.deepEqual(running.problems, [
      {
        code: 'agent-timeout',
        message: 'agent-timeout happened',
        fix: 'CXone did not answer; check that it is loaded.',
      },
    ]);
  });

  it('tells a misspelt status in the rule (a JSON path) from a status the user may not use', () => {
    const spelt = problem(
      ErrorCode.statusNotPermitted,
      'Awya is not a status',
      'rules[0].publisher[1]',
    );
    const access = problem(ErrorCode.statusNotPermitted, 'Away is not permitted');
    const view = panelView(model({ snapshot: snapshot({ problems: [spelt, access] }) }), t);
    assert.deepEqual(
      view.problems.map((line) => line.fix),
      [t('fix.status-unknown'), t('fix.status-not-permitted')],
    );
    assert.notEqual(t('fix.status-unknown'), t('fix.status-not-permitted'));
  });

  it('has a fix in words for every error code', () => {
    for (const code of Object.values(ErrorCode)) {
      const [line] = panelView(
        model({ snapshot: snapshot({ problems: [problem(code)] }) }),
        t,
      ).problems;
      assert.ok(line && line.fix.length > 10 && !line.fix.startsWith('fix.'), code);
    }
  });
});

describe('panelView: the contact-center side is named as the agent side said', () => {
  it('calls it CXone or Webex when the bridge says so, and "Contact center" when it has not said', () => {
    const name = (platform: string | null) => panelView(model({ platform }), t).sides.acdLabel;
    assert.equal(name('cxone'), 'CXone');
    assert.equal(name('webex'), 'Webex');
    assert.equal(name(null), 'Contact center');
    assert.equal(name('genesys'), 'Contact center');
  });

  it('calls NICE’s client events CXone, whatever else is said', () => {
    const view = panelView(model({ protocol: 'cxone-client-events', platform: null }), t);
    assert.equal(view.sides.acdLabel, 'CXone');
  });

  for (const locale of LOCALES) {
    it(`never says CXone for a Webex agent or an unnamed contact center, in ${locale}`, () => {
      const words = translator(locale);
      const neutral = words('acd.other');
      assert.ok(locale === 'en' || neutral !== en['acd.other'], `${locale} has its own word`);
      for (const [platform, named] of [
        ['webex', 'Webex'],
        [null, neutral],
      ] as const) {
        const sentences = new DecisionSentences();
        for (const shown of everyWording(platform)) {
          const view = panelView(shown, words, sentences);
          assert.equal(view.sides.acdLabel, named);
          const said = texts(view).find((text) => /cxone/i.test(text));
          assert.equal(said, undefined, `${locale}, ${platform}: ${said}`);
        }
      }
    });
  }

  it('uses the name in the phase, the fixes and the decisions alike', () => {
    const view = panelView(
      model({
        platform: 'webex',
        snapshot: snapshot({
          phase: 'not-writing',
          cause: 'read-only-agent',
          problems: [problem(ErrorCode.acdWriteFailed)],
        }),
        recent: [decision(1)],
      }),
      t,
    );
    assert.equal(
      view.phaseText,
      'Not writing: Webex cannot be set from here, so it stays Unavailable (Lunch)',
    );
    assert.equal(view.problems[0]?.fix, 'Webex refused the change; press Resync to retry.');
    assert.match(view.decisions[0]?.text ?? '', /because Webex became Unavailable \(Lunch\)/);
  });
});

describe('panelView: decisions and buttons', () => {
  it('lists the decisions newest first, statuses by their labels', () => {
    const view = panelView(
      model({
        recent: [
          decision(1),
          decision(2, {
            trigger: { side: 'acd', from: 'Unavailable/Lunch', to: 'Available' },
            action: { side: 'salesforce', target: 'Available_for_Chats' },
            result: 'pending',
          }),
        ],
      }),
      t,
    );
    assert.deepEqual(
      view.decisions.map((line) => line.result),
      ['pending', 'ok'],
    );
    assert.match(
      view.decisions[0]?.text ?? '',
      /^Setting Omni-Channel to Available for Chats because/,
    );
    assert.equal(view.noDecisions, 'No decisions yet.');
  });

  it('describes a decision once, and again when the words, the statuses or the contact center’s name change', () => {
    const sentences = new DecisionSentences();
    const shown = decision(1);
    let calls = 0;
    const counting: Translate = (key, values) => {
      calls += 1;
      return t(key, values);
    };
    const first = sentences.sentence(shown, counting, STATUSES, 'CXone');
    assert.ok(calls > 0);
    calls = 0;
    assert.equal(sentences.sentence(shown, counting, STATUSES, 'CXone'), first);
    assert.equal(calls, 0);
    assert.match(sentences.sentence(shown, counting, STATUSES, 'Webex'), /because Webex became/);
    const renamed = STATUSES.map((status) => ({ ...status, label: `${status.label}!` }));
    assert.match(sentences.sentence(shown, counting, renamed, 'Webex'), /set to Away! because/);
    assert.notEqual(sentences.sentence(shown, translator('fr'), renamed, 'Webex'), first);
  });

  it('disables the buttons until a session runs, pause when mode is off, and offers Resume when paused', () => {
    const idle = panelView(model({ running: false, snapshot: snapshot({ phase: 'waiting' }) }), t);
    assert.deepEqual([idle.resync.disabled, idle.pause.disabled], [true, true]);
    const off = panelView(model({ mode: 'off' }), t);
    assert.deepEqual([off.resync.disabled, off.pause.disabled], [false, true]);
    const paused = panelView(model({ snapshot: snapshot({ phase: 'paused' }) }), t);
    assert.equal(paused.pause.label, 'Resume');
    assert.equal(panelView(model(), t).pause.label, 'Pause');
  });

  it('titles the element’s own agent frame, keeps its dialect, and shows none while an attribute is wrong', () => {
    const own = {
      agentSrc: 'https://agent.example.com/app',
      protocol: 'cxone-client-events' as const,
    };
    assert.deepEqual(panelView(model(own), t).frame, {
      src: 'https://agent.example.com/app',
      title: 'Contact-center agent app',
      protocol: 'cxone-client-events',
    });
    const refused = problem(ErrorCode.originRefused, 'agent-src is on another origin');
    assert.equal(panelView(model({ ...own, configProblems: [refused] }), t).frame, null);
    assert.equal(panelView(model(), t).frame, null);
  });
});
