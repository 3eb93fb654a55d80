/**
 * `webex-relay.js`: the relay with the Desktop SDK bundled. The SDK reads `AGENTX_SERVICE` as it
 * is evaluated, so it is imported lazily: the element is defined first and says what is missing.
 */
import { defineRelay } from './element.js';

defineRelay(async () => (await import('@wxcc-desktop/sdk')).Desktop);
