// Jest writes its own summary to stderr; this adds the same plain line the
// other runners end with, "lwc: N passed, N failed[, N skipped]", on stdout. A test file that fails
// to load counts as one failure.
class JestSummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(
      `\nlwc: ${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
    );
  }
}

module.exports = JestSummaryReporter;
