/**
 * What the pages on the contact-center side (the CXone bridge, the Webex relay) share with the widget: the bridge
 * protocol and the total, own-property readers every untrusted byte goes through. Those pages
 * import this module only (a dependency rule keeps it so).
 */
export * from './bridge.js';
export { parseAgentStateEvent } from './cxone-events.js';
export { exactOrigin, readOrigins } from './origins.js';
export {
  WidgetPort,
  type BridgeWindow,
  type PeerWindow,
  type WidgetPortHandlers,
} from './widget-port.js';
export { isPlain, list, name, own, text } from '../core/guard.js';
