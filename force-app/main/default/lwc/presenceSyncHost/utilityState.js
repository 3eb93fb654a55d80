/**
 * What the utility bar item shows for each phase of the element (docs/contract.md §2): an SLDS utility
 * icon, its variant (`success`, `warning`, `error`; '' for the default colour) and whether the item
 * is highlighted (https://developer.salesforce.com/docs/component-library/bundle/lightning-platform-utility-bar-api, updateUtility).
 */
const STATES = {
  'in-sync': { icon: 'success', iconVariant: 'success', highlighted: false },
  syncing: { icon: 'sync', iconVariant: '', highlighted: false },
  starting: { icon: 'sync', iconVariant: '', highlighted: false },
  deferred: { icon: 'clock', iconVariant: '', highlighted: false },
  waiting: { icon: 'clock', iconVariant: 'warning', highlighted: false },
  shadow: { icon: 'preview', iconVariant: '', highlighted: false },
  paused: { icon: 'pause', iconVariant: 'warning', highlighted: false },
  follower: { icon: 'link', iconVariant: '', highlighted: false },
  error: { icon: 'error', iconVariant: 'error', highlighted: true },
};

/** The label and icon for `phase`; `describe` turns a phase into words (the element's own tables). */
export function utilityStateOf(phase, describe) {
  const known = Object.prototype.hasOwnProperty.call(STATES, phase) ? phase : 'error';
  return { label: describe(known), ...STATES[known] };
}
