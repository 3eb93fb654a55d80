/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  clockTime,
  deadlinesView,
  type DeadlineWords,
  type ShownDeadline,
} from '../../src/element/deadlines-view.js';
import { registerLocale, translator } from '../../src/element/i18n.js';
import fr from '../../src/element/locales/fr.js';

const NOW = Date.UTC(2026, 0, 5, 12, 0);
const MIN = 60_000;
/** Names shown with their side, times as minutes from NOW: the sentences can be read exactly. */
const words: DeadlineWords = {
  t: translator('en'),
  name: (side, text) => `${side}:${text}`,
  time: (at, now) => `+${(at - now) / MIN}m`,
};
const lunch: ShownDeadline = {
  id: 'timeout:salesforce:Lunch:1',
  kind: 'timeout',
  at: NOW + 28 * MIN,
  warning: false,
  side: 'salesforce',
  target: 'Available_for_Chats',
  source: 'Lunch',
};

function view(deadlines: ShownDeadline[], recent: Parameters<typeof deadlinesView>[1] = []) {
  const cancelled: string[] = [];
  const shown = deadlinesView(deadlines, recent, NOW, words, {
    cancel: (id) => cancelled.push(id),
  });
  return { shown, cancelled };
}

describe('deadlinesView', () => {
  it('is null when there are no deadlines and the agent is not idle', () => {
    assert.equal(view([]).shown, null);
    assert.equal(deadlinesView(undefined, [], NOW, words, { cancel: () => {} }), null);
  });

  it('says what a timed state becomes and when, and its Cancel cancels that deadline', () => {
    const { shown, cancelled } = view([lunch]);
    assert.equal(shown?.heading, 'Coming up');
    assert.deepEqual(
      shown?.lines.map(({ text, warning }) => ({ text, warning })),
      [
        {
          text: 'salesforce:Lunch until +28m, then salesforce:Available_for_Chats',
          warning: false,
        },
      ],
    );
    shown?.lines[0]?.cancel?.run();
    assert.deepEqual(cancelled, [lunch.id]);
  });

  it('warns inside the two minutes before, and says a held deadline waits for the contact', () => {
    const { shown } = view([
      { ...lunch, warning: true },
      { ...lunch, id: 'timeout:salesforce:Lunch:2', warning: true, held: true },
    ]);
    assert.deepEqual(
      shown?.lines.map(({ text, warning }) => [text, warning]),
      [
        ['Soon: salesforce:Lunch until +28m, then salesforce:Available_for_Chats', true],
        [
          'salesforce:Lunch until +28m, then salesforce:Available_for_Chats · after the contact',
          true,
        ],
      ],
    );
  });

  it('names a notify-only timeout on the side its id names, and schedules with and without an end', () => {
    const { shown } = view([
      {
        id: 'timeout:acd:Unavailable/Lunch:1',
        kind: 'timeout',
        at: NOW + 5 * MIN,
        warning: false,
        side: null,
        target: 'notify',
        source: 'Unavailable/Lunch',
      },
      {
        id: 'scheduled:a',
        kind: 'scheduled',
        at: NOW + 10 * MIN,
        warning: false,
        side: 'acd',
        target: 'Unavailable/Break',
        until: NOW + 25 * MIN,
      },
      {
        id: 'scheduled:b',
        kind: 'scheduled',
        at: NOW + 60 * MIN,
        warning: false,
        side: 'salesforce',
        target: 'Away',
      },
    ]);
    assert.deepEqual(
      shown?.lines.map((line) => line.text),
      [
        'acd:Unavailable/Lunch until +5m',
        'acd:Unavailable/Break +10m–+25m',
        'salesforce:Away at +60m',
      ],
    );
    assert.deepEqual(
      shown?.lines.map((line) => line.cancel?.label),
      ['Cancel', 'Cancel', 'Cancel'],
    );
  });

  it('offers no Cancel for idle, which the next input ends', () => {
    const { shown } = view([
      {
        id: 'idle',
        kind: 'idle',
        at: NOW + 15 * MIN,
        warning: false,
        side: 'salesforce',
        target: 'Away',
      },
    ]);
    assert.equal(shown?.lines[0]?.text, 'salesforce:Away at +15m if idle');
    assert.equal(shown?.lines[0]?.cancel, null);
  });

  it('gives the idle notice while the newest decision is the idle state set, and not after', () => {
    const idle = { why: 'idle', result: 'ok' } as const;
    const mapped = { why: 'mapped', result: 'ok' } as const;
    assert.equal(view([], [idle, mapped]).shown?.idleNotice, translator('en')('idle.notice'));
    assert.equal(view([], [mapped, idle]).shown, null);
    assert.equal(view([], [{ why: 'idle', result: 'skipped' }]).shown, null);
  });

  it('speaks the agent’s language', () => {
    registerLocale('fr', fr);
    const shown = deadlinesView(
      [{ ...lunch, warning: true }],
      [],
      NOW,
      { ...words, t: translator('fr') },
      {
        cancel: () => {},
      },
    );
    assert.equal(shown?.heading, 'À venir');
    assert.equal(shown?.lines[0]?.cancel?.label, 'Annuler');
    assert.match(shown?.lines[0]?.text ?? '', /^Bientôt : salesforce:Lunch jusqu’à \+28m, puis/);
  });
});

describe('clockTime', () => {
  it('shows the hour alone on the same day and the date on another', () => {
    const time = clockTime('en');
    const today = time(NOW + 30 * MIN, NOW);
    const tomorrow = time(NOW + 24 * 60 * MIN, NOW);
    assert.match(today, /\d:\d\d/);
    assert.doesNotMatch(today, /Jan/);
    assert.match(tomorrow, /Jan/);
  });
});
