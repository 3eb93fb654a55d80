/**
 * What the pages on the contact-center side (the CXone bridge, the Webex relay) share with the
 * widget: the bridge protocol, its endpoint, exact-origin reading and the total, own-property
 * readers every untrusted byte goes through. Those pages import this module only (a dependency
 * rule keeps it so).
 */
export * from './bridge.js';
export * from './agent-side.js';
export { parseAgentStateEvent } from './cxone-events.js';
export { exactOrigin, readOrigins } from './origins.js';
export { WidgetPort } from './widget-port.js';
export { isPlain, list, name, own, text, type Plain } from '../core/guard.js';
export { CONTACT_BASES, stateIs } from '../core/values.js';
export {
  RESTORE_MS,
  restoreTarget,
  SessionEndKeeper,
  takeRestore,
  type RestoreStorage,
} from './session-end.js';
