// `npm run bench`: one JSON object per metric. Engine metrics run in Node (bundled with esbuild);
// sizes are read from a fresh build. The browser metrics of issue 8 are not here yet.
import { execSync } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const emit = (metric, value, unit) => console.log(JSON.stringify({ metric, value: Number(value.toFixed(3)), unit }));
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const out = join(mkdtempSync(join(tmpdir(), 'presence-sync-bench-')), 'decision.mjs');
await build({ entryPoints: ['bench/decision.ts'], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'error' });
const { decisionBench } = await import(out);
decisionBench(20_000); // warm-up
const samples = decisionBench(100_000).sort((a, b) => a - b);
emit('decision_us_p50', percentile(samples, 50), 'µs');
emit('decision_us_p99', percentile(samples, 99), 'µs');

execSync('npm run build --silent', { stdio: 'ignore' });
emit('iife_gzip_bytes', gzipSync(readFileSync('dist/presence-sync.iife.js'), { level: 9 }).length, 'bytes');
emit('esm_gzip_bytes', gzipSync(readFileSync('dist/presence-sync.js'), { level: 9 }).length, 'bytes');
