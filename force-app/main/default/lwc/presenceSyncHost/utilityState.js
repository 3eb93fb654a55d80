/**
 * What the utility bar item shows for each phase of the element (docs/contract.md §2): an SLDS utility
 * icon, its variant and whether the item is highlighted. Every phase has one of the three variants
 * the API documents (`success`, `warning`, `error`): it documents no way back to the default
 * colour, so a phase without one could keep the last phase's red
 * (https://developer.salesforce.com/docs/service/api-console/guide/sforce-api-console-lwc-updateutility.html).
 */
const STATES = {
  'in-sync': { icon: 'success', iconVariant: 'success', highlighted: false },
  syncing: { icon: 'sync', iconVariant: 'warning', highlighted: false },
  starting: { icon: 'sync', iconVariant: 'warning', highlighted: false },
  deferred: { icon: 'clock', iconVariant: 'warning', highlighted: false },
  waiting: { icon: 'clock', iconVariant: 'warning', highlighted: false },
  shadow: { icon: 'preview', iconVariant: 'warning', highlighted: false },
  paused: { icon: 'pause', iconVariant: 'warning', highlighted: false },
  follower: { icon: 'link', iconVariant: 'success', highlighted: false },
  'not-writing': { icon: 'ban', iconVariant: 'warning', highlighted: false },
  'not-mapped': { icon: 'question', iconVariant: 'warning', highlighted: false },
  'out-of-sync': { icon: 'warning', iconVariant: 'warning', highlighted: false },
  error: { icon: 'error', iconVariant: 'error', highlighted: true },
};

/** The label and icon for `phase`; `describe` turns a phase into words (the element's own tables). */
export function utilityStateOf(phase, describe) {
  const known = Object.prototype.hasOwnProperty.call(STATES, phase) ? phase : 'error';
  return { label: describe(known), ...STATES[known] };
}
