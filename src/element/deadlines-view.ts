/**
 * What the panel says of the engine's deadlines (docs/contract.md §6.12): a line per deadline, the
 * two-minute warning, Cancel where the agent may cancel, and the notice that the idle state was set.
 *
 * Invariants: pure (no DOM, no clock read: `now` is given), so it is tested in Node and any view
 * can draw it; words come translated through `t`, names through `name`; only scheduled and timed
 * states offer Cancel (idle is ended by the agent's next input, not by a button).
 */
import type { Deadline, Decision } from '../core/snapshot.js';
import type { Translate } from './i18n.js';

/** The fields of an engine deadline the panel shows. */
export type ShownDeadline = Pick<
  Deadline,
  'id' | 'kind' | 'at' | 'warning' | 'side' | 'target' | 'source' | 'until' | 'held'
>;

/** How the view names things in the agent's language. */
export interface DeadlineWords {
  readonly t: Translate;
  /** A status API name or an ACD state text, as the panel names it on that side. */
  readonly name: (side: 'salesforce' | 'acd', text: string) => string;
  /** A time of day (with the date when it is not `now`'s day), in the agent's language. */
  readonly time: (at: number, now: number) => string;
}

/** What the agent can do from a line. */
export interface DeadlineActions {
  /** Cancels the deadline with this id (the engine's `cancelDeadline`). */
  cancel(id: string): void;
}

/** One line of the list. */
export interface DeadlineLine {
  readonly id: string;
  readonly kind: ShownDeadline['kind'];
  readonly text: string;
  /** Inside the two minutes before: the line is an alert. */
  readonly warning: boolean;
  readonly cancel: { readonly label: string; readonly run: () => void } | null;
}

/** The deadlines part of the panel: null when there is nothing to say. */
export interface DeadlinesView {
  readonly heading: string;
  readonly lines: readonly DeadlineLine[];
  /** Said while the newest decision is the idle state the engine set. */
  readonly idleNotice: string | null;
}

/** The side a deadline's source and target are on (a timed state's `then` is read on its side). */
function sideOf(deadline: ShownDeadline): 'salesforce' | 'acd' {
  if (deadline.side !== null) return deadline.side;
  return deadline.id.startsWith('timeout:acd:') ? 'acd' : 'salesforce';
}

function lineText(deadline: ShownDeadline, now: number, words: DeadlineWords): string {
  const { t, name, time } = words;
  const side = sideOf(deadline);
  const at = time(deadline.at, now);
  let text: string;
  if (deadline.kind === 'timeout') {
    const source = name(side, deadline.source ?? deadline.target);
    text =
      deadline.side === null
        ? t('deadline.notify', { source, time: at })
        : t('deadline.timeout', { source, time: at, target: name(side, deadline.target) });
  } else if (deadline.kind === 'scheduled') {
    const target = name(side, deadline.target);
    text =
      deadline.until === undefined
        ? t('deadline.scheduled', { target, time: at })
        : t('deadline.between', { target, time: at, until: time(deadline.until, now) });
  } else {
    text = t('deadline.idle', { target: name(side, deadline.target), time: at });
  }
  if (deadline.held) return `${text} · ${t('deadline.held')}`;
  return deadline.warning ? `${t('deadline.soon')} ${text}` : text;
}

/**
 * The deadlines part of the panel from the snapshot's `deadlines` (soonest first) and the newest
 * decisions (newest first), at `now` on the engine's clock; null when there is nothing to show.
 */
export function deadlinesView(
  deadlines: readonly ShownDeadline[] | undefined,
  recent: readonly Pick<Decision, 'why' | 'result'>[],
  now: number,
  words: DeadlineWords,
  actions: DeadlineActions,
): DeadlinesView | null {
  const newest = recent[0];
  const idleNotice =
    newest !== undefined && newest.why === 'idle' && newest.result !== 'skipped'
      ? words.t('idle.notice')
      : null;
  const lines = (deadlines ?? []).map((deadline) => ({
    id: deadline.id,
    kind: deadline.kind,
    text: lineText(deadline, now, words),
    warning: deadline.warning,
    cancel:
      deadline.kind === 'idle'
        ? null
        : { label: words.t('cancel'), run: () => actions.cancel(deadline.id) },
  }));
  if (lines.length === 0 && idleNotice === null) return null;
  return { heading: words.t('deadlines'), lines, idleNotice };
}

/** One formatter pair per language: the panel redraws on every change, a formatter is costly to make. */
const clocks = new Map<string, DeadlineWords['time']>();

/**
 * The `time` words for a language: the hour and minute, with the day and month when `at` is not
 * on `now`'s day (local time, as the agent reads a clock).
 */
export function clockTime(locale: string): DeadlineWords['time'] {
  let time = clocks.get(locale);
  if (time === undefined) {
    const hour = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
    const day = new Intl.DateTimeFormat(locale, {
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    });
    time = (at, now) =>
      (new Date(at).toDateString() === new Date(now).toDateString() ? hour : day).format(at);
    clocks.set(locale, time);
  }
  return time;
}
