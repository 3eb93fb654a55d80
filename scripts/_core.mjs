import { rollup } from 'rollup';
import { gzipSync } from 'node:zlib';
import configs from '../rollup.config.js';
const cfg = configs[1];
for (const input of process.argv.slice(2)) {
const b = await rollup({ input, plugins: cfg.plugins, onwarn(){} });
const { output } = await b.generate({ format: 'iife', strict: false, name: 'X' });
console.log(input, 'gz', gzipSync(output[0].code).length);
}
