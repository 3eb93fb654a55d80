/// <reference types="node" />
/**
 * The real `@wxcc-desktop/sdk` bundle, evaluated afresh for one simulated Desktop in Node: the UMD
 * file is run with that Desktop's `AGENTX_SERVICE` in scope (as the Desktop defines it for a
 * widget), so each test gets its own SDK instance. The SDK's console logging goes to `log`.
 */
import { readFileSync } from 'node:fs';
import type { AgentxService } from '@wxcc-desktop/sdk-types';
import type { RelayDesktop } from '../../../src/bridges/webex/relay.js';

const SDK = readFileSync('node_modules/@wxcc-desktop/sdk/dist/index.js', 'utf8');

export function loadSdk(service: AgentxService, log: string[] = []): RelayDesktop {
  const module: { exports: { Desktop?: RelayDesktop } } = { exports: {} };
  const record = (...args: unknown[]) => log.push(args.map(String).join(' '));
  const quiet = { log: record, info: record, warn: record, error: record, debug: record };
  const realm = {};
  const storage = { getItem: () => null, setItem: () => undefined, removeItem: () => undefined };
  new Function(
    'AGENTX_SERVICE',
    'module',
    'exports',
    'self',
    'window',
    'console',
    'sessionStorage',
    SDK,
  )(service, module, module.exports, realm, realm, quiet, storage);
  if (module.exports.Desktop === undefined) throw new Error('the SDK bundle exported no Desktop');
  return module.exports.Desktop;
}
