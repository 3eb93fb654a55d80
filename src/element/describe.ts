/**
 * Decisions in plain words, for agents: "Omni-Channel set to Available for Chats because CXone
 * became Available — rule Chat and voice, row 1".
 */
import type { Decision } from '../core/snapshot.js';
import { whyKey, type Translate } from './i18n.js';

/** One decision as a sentence; `label` turns a status API name into its label when known. */
export function describeDecision(
  decision: Decision,
  t: Translate,
  label: (apiName: string) => string = (name) => name,
): string {
  const { trigger } = decision;
  const shown = (side: 'salesforce' | 'acd', text: string) =>
    side === 'salesforce' ? label(text) : text;
  const cause =
    trigger.from === 'start'
      ? t('atStart', { to: shown(trigger.side, trigger.to) })
      : t(trigger.side === 'salesforce' ? 'became.salesforce' : 'became.acd', {
          to: shown(trigger.side, trigger.to),
        });
  let sentence: string;
  if (decision.action === 'none') {
    sentence = t('nothing', { trigger: cause, why: t(whyKey(decision.why)) });
  } else {
    const { side, target } = decision.action;
    // A write held for the contact has not happened yet: say when it will.
    const held = decision.why === 'deferred-on-contact' && decision.result === 'pending';
    const key = held ? 'later.acd' : side === 'salesforce' ? 'set.salesforce' : 'set.acd';
    sentence = t('because', { action: t(key, { target: shown(side, target) }), trigger: cause });
    if (decision.why !== 'mapped' && !held) sentence += ` (${t(whyKey(decision.why))})`;
    if (decision.result === 'pending' && !held) sentence += ` — ${t('result.pending')}`;
  }
  if (decision.result === 'failed') sentence += ` — ${t('result.failed')}`;
  if (decision.rule === null) return sentence;
  return `${sentence} — ${decision.row ? t('ruleRow', { rule: decision.rule, row: decision.row.index + 1 }) : t('ruleOnly', { rule: decision.rule })}`;
}
