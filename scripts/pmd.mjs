// PMD's Apex rules, as Salesforce Code Analyzer runs them: its own PMD engine
// (@salesforce/code-analyzer-pmd-engine, which ships PMD and Salesforce's rule jars) with the rules
// Code Analyzer tags Recommended, over force-app's Apex. Needs Java 11+ (`java` on the PATH).
// Prints each violation and a summary line; exits non-zero on any violation, on a file PMD cannot
// parse, or when PMD cannot run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import {
  COMMON_TAGS,
  ConfigValueExtractor,
  EventType,
  LogLevel,
  Workspace,
} from '@salesforce/code-analyzer-engine-api';
import { createEnginePlugin } from '@salesforce/code-analyzer-pmd-engine';

const target = resolve(process.argv[2] ?? 'force-app/main/default/classes');
const logFolder = mkdtempSync(join(tmpdir(), 'presence-sync-pmd-'));
const plugin = createEnginePlugin();
const config = await plugin.createEngineConfig(
  'pmd',
  new ConfigValueExtractor({}, 'engines.pmd', process.cwd()),
);
const engine = await plugin.createEngine('pmd', config);
// A file PMD cannot parse (an Apex syntax error) is logged as an error, not a violation: count it.
const errors = [];
engine.onEvent(EventType.LogEvent, (event) => {
  if (event.logLevel === LogLevel.Error) errors.push(event.message.trim());
});
const workspace = new Workspace('presence-sync', [target]);
const rules = (
  await engine.describeRules({ logFolder, workingFolder: logFolder, workspace })
).filter(
  (rule) =>
    rule.tags.includes(COMMON_TAGS.RECOMMENDED) && rule.tags.includes(COMMON_TAGS.LANGUAGES.APEX),
);
const results = await engine.runRules(
  rules.map((rule) => rule.name),
  { logFolder, workspace, workingFolder: logFolder },
);
for (const violation of results.violations) {
  const [where] = violation.codeLocations;
  console.log(
    `${relative(process.cwd(), where.file)}:${where.startLine} ${violation.ruleName}: ${violation.message.trim()}`,
  );
}
for (const error of errors) console.log(`error: ${error}`);
console.log(
  `pmd: ${rules.length} rules, ${results.violations.length} violations, ${errors.length} errors`,
);
process.exit(results.violations.length === 0 && errors.length === 0 && rules.length > 0 ? 0 : 1);
