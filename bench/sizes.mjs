// Where the IIFE's bytes go: the same build (rollup.config.js's plugins, IIFE, gzip level 9) of two
// smaller entries made here: the sync without the panel (what would load first if the panel, Lit and
// its words were fetched when the utility opens) and the engine alone (rules, state machine, runtime
// with rxjs). An entry that names a file that is gone fails the bench instead of measuring nothing.
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import configs from '../rollup.config.js';

const source = (path) => JSON.stringify(fileURLToPath(new URL(`../src/${path}`, import.meta.url)));

const PARTS = {
  // Everything the element wires up except the element itself (Lit, panel, styles, words).
  iife_gzip_bytes_without_panel: [
    `export { createEngine } from ${source('create-engine.ts')};`,
    `export { parseRules } from ${source('core/rules/parse.ts')};`,
    `export { BridgeAgentPort } from ${source('adapters/agent-bridge.ts')};`,
    `export { ClientEventsAgentPort } from ${source('adapters/agent-client-events.ts')};`,
    `export { parseAgentOrigins } from ${source('adapters/agent-channel.ts')};`,
    `export { createLeader } from ${source('adapters/leader.ts')};`,
    `export { IdbStorage } from ${source('persistence/idb-storage.ts')};`,
  ],
  iife_gzip_bytes_engine_only: [
    `export { createEngine } from ${source('create-engine.ts')};`,
    `export { parseRules } from ${source('core/rules/parse.ts')};`,
  ],
};

/** `[metric, gzipped bytes]` for each part. */
export async function partSizes() {
  const iife = configs.find((config) => config.input === 'src/iife.ts');
  const sizes = [];
  for (const [metric, lines] of Object.entries(PARTS)) {
    const entry = {
      name: 'size-part-entry',
      resolveId: (id) => (id === metric ? id : null),
      load: (id) => (id === metric ? lines.join('\n') : null),
    };
    const bundle = await rollup({
      input: metric,
      plugins: [entry, ...iife.plugins],
      onwarn: (warning) => {
        if (warning.code === 'UNRESOLVED_IMPORT') throw new Error(`${metric}: ${warning.message}`);
      },
    });
    const { output } = await bundle.generate({
      format: 'iife',
      name: 'PresenceSync',
      strict: false,
    });
    await bundle.close();
    sizes.push([metric, gzipSync(output[0].code, { level: 9 }).length]);
  }
  return sizes;
}
