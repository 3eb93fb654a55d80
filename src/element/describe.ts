/**
 * Decisions and states in plain words, for agents: "Omni-Channel set to Available for Chats because
 * CXone became Available — rule Chat and voice, publisher row 1", and for a write that did not
 * happen, "Omni-Channel not set to Away: Omni-Channel was opened elsewhere (CXone became Unavailable (Lunch))".
 *
 * Invariants: a sentence says what happened (`ok` set, `pending` setting, `failed` could not be set,
 * `skipped` not set and why), never more; the contact-center side is named as the panel names it.
 */
import type { Decision } from '../core/snapshot.js';
import { whyKey, type MessageKey, type Translate } from './i18n.js';

/** The base states with words of their own (`state.*` keys). */
const STATE_WORDS = [
  'Available',
  'Unavailable',
  'InboundContact',
  'OutboundContact',
  'InboundConsult',
  'OutboundConsult',
  'Dialer',
  'LoggedOut',
  'ACW',
  'PreviousState',
];

/**
 * An ACD state as the engine writes it (`Unavailable/Lunch`, `ACW/Wrap`, `InboundContact`,
 * `PreviousState`) in the agent's words: "Unavailable (Lunch)", "After-contact work (Wrap)",
 * "Inbound contact". The code is the agent side's own name for it, shown as given.
 */
export function acdLabel(text: string, t: Translate): string {
  const slash = text.indexOf('/');
  const base = slash === -1 ? text : text.slice(0, slash);
  const code = slash === -1 ? '' : text.slice(slash + 1);
  if (!STATE_WORDS.includes(base)) return text;
  const state = t(`state.${base}` as MessageKey);
  return code === '' ? state : t('withCode', { state, code });
}

/**
 * One decision as a sentence. `label` turns a status API name into its label when known; `acd` is
 * the contact-center side's name (CXone, Webex, Contact center).
 */
export function describeDecision(
  decision: Decision,
  t: Translate,
  label: (apiName: string) => string = (name) => name,
  acd = t('acd.other'),
): string {
  const { trigger } = decision;
  const shown = (side: 'salesforce' | 'acd', text: string) =>
    side === 'salesforce' ? label(text) : acdLabel(text, t);
  const cause =
    trigger.from === 'start'
      ? t(trigger.side === 'salesforce' ? 'atStart.salesforce' : 'atStart.acd', {
          to: shown(trigger.side, trigger.to),
          acd,
        })
      : t(trigger.side === 'salesforce' ? 'became.salesforce' : 'became.acd', {
          to: shown(trigger.side, trigger.to),
          acd,
        });
  const why = (code: Decision['why']) => t(whyKey(code), { acd });
  let sentence: string;
  if (decision.why === 'unclean-end') {
    // The previous session's end changed neither side: its reason is the whole news.
    const text = why(decision.why);
    sentence = text.charAt(0).toUpperCase() + text.slice(1);
  } else if (decision.action === 'none') {
    sentence = t('nothing', { trigger: cause, why: why(decision.why) });
  } else {
    const { side, target } = decision.action;
    const values = { target: shown(side, target), acd };
    const held = decision.why === 'deferred-on-contact';
    if (decision.result === 'skipped') {
      // A held write that did not go out was replaced by a newer choice (or the contact's end found nothing to apply).
      const reason = held ? why('overridden') : why(decision.why);
      const action = t(side === 'salesforce' ? 'notSet.salesforce' : 'notSet.acd', values);
      sentence = t('notBecause', { action, why: reason, trigger: cause });
    } else if (held && decision.result === 'pending') {
      // A write held for the contact has not happened yet: say when it will.
      sentence = t('because', { action: t('later.acd', values), trigger: cause });
    } else {
      const key =
        decision.result === 'failed'
          ? side === 'salesforce'
            ? 'failed.salesforce'
            : 'failed.acd'
          : decision.result === 'pending'
            ? side === 'salesforce'
              ? 'setting.salesforce'
              : 'setting.acd'
            : side === 'salesforce'
              ? 'set.salesforce'
              : 'set.acd';
      sentence = t('because', { action: t(key, values), trigger: cause });
      if (decision.why !== 'mapped') sentence += ` (${why(decision.why)})`;
      if (decision.result === 'pending') sentence += ` — ${t('result.pending')}`;
    }
  }
  if (decision.rule === null) return sentence;
  const row = decision.row;
  const where = row
    ? t('ruleRow', {
        rule: decision.rule,
        row: t(`row.${row.direction}`, { row: row.index + 1 }),
      })
    : t('ruleOnly', { rule: decision.rule });
  return `${sentence} — ${where}`;
}
