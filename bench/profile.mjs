// `node bench/profile.mjs`: where the main thread spends its time while the browser bench's 1,000
// changes each way run through the element (bench/browser.ts, storms skipped), from the DevTools
// CPU profiler: self time per function, top 30. Sources are served unbundled, so names are real.
// Native calls count as their JS caller's self time (an IndexedDB put shows as idb's wrapper).
import { launchBench } from './page.mjs';

const bench = await launchBench();
try {
  const page = await bench.open('bench');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  await page.evaluate(() => window.bench(1000, true));
  const { profile } = await cdp.send('Profiler.stop');
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  profile.samples.forEach((id, index) => {
    const { functionName, url, lineNumber, columnNumber } = nodes.get(id).callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}:${columnNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const total = [...self.values()].reduce((sum, time) => sum + time, 0);
  for (const [key, time] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    console.log(
      `${(time / 1000).toFixed(1).padStart(8)} ms ${((100 * time) / total).toFixed(1).padStart(5)} %  ${key}`,
    );
  }
} finally {
  await bench.close();
}
