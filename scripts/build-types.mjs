// Writes dist/types, the declarations the package ships: tsc over the public entries
// (tsconfig.types.json), after removing the previous tree so no declaration of a moved module is
// left behind, plus the one declaration every classic-script language pack shares (a pack exports
// nothing and declares no global of its own: it leaves its table where the element looks).
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const types = `${root}dist/types`;
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(types, { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.types.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (result.status !== 0) process.exit(result.status ?? 1);
mkdirSync(types, { recursive: true });
writeFileSync(
  `${types}/iife-pack.d.ts`,
  '/** A classic-script language pack (`presence-sync/iife/<lang>`): loaded for its effect only. */\nexport {};\n',
);
