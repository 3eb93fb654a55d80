// Adds one plain closing line, "<name>: N passed, N failed[, N skipped]", after the runner's own
// summary, so CI logs can be read by any tool (a file that fails to load counts as one failure).
export function summaryReporter(name) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const walk = (suite) => {
    for (const test of suite.tests ?? []) {
      if (test.skipped) skipped += 1;
      else if (test.passed) passed += 1;
      else failed += 1;
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  return {
    onTestRunFinished({ sessions }) {
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        if (!session.passed && (session.errors?.length ?? 0) > 0) failed += 1;
      }
    },
    reportTestFileResults() {},
    getTestProgress() {
      return '';
    },
    async stop() {
      console.log(
        `\n${name}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`,
      );
    },
  };
}
