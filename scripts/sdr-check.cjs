// Run by scripts/sdr.mjs under Node 22 (Salesforce's source-deploy-retrieve needs it): resolves
// each package directory (force-app, the package; demo-org, the demo org's configuration) the way
// `sf project deploy` does, with .forceignore, then converts it to Metadata API format. Fails on a
// file no metadata type claims, on a component that does not convert, or when a part the directory
// needs is missing. Prints the components and a summary line.
const { mkdtempSync, readdirSync, statSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, relative, resolve } = require('node:path');
const { ComponentSet, MetadataConverter } = require('@salesforce/source-deploy-retrieve');
const { ForceIgnore } = require('@salesforce/source-deploy-retrieve/lib/src/resolve/forceIgnore');

/** Each package directory and the metadata types it must hold. */
const DIRECTORIES = {
  'force-app': [
    'AuraDefinitionBundle',
    'LightningComponentBundle',
    'ApexClass',
    'CustomObject',
    'CustomMetadata',
    'PermissionSet',
    'StaticResource',
    'CspTrustedSite',
  ],
  'demo-org': [
    'ServiceChannel',
    'ServicePresenceStatus',
    'PresenceUserConfig',
    'Profile',
    'CustomApplication',
    'FlexiPage',
  ],
};
const problems = [];
let count = 0;

function files(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

async function check(directory, needed) {
  const root = resolve(directory);
  const set = ComponentSet.fromSource(root);
  const components = set.getSourceComponents().toArray();
  const claimed = new Set();
  const claim = (component) => {
    if (component.xml) claimed.add(component.xml);
    for (const path of component.walkContent()) claimed.add(path);
    for (const child of component.getChildren()) claim(child);
  };
  components.forEach(claim);
  const ignore = ForceIgnore.findAndCreate(root);
  for (const file of files(root)) {
    if (ignore.denies(file) || claimed.has(file)) continue;
    // A bundle's files are claimed through its folder.
    if ([...claimed].some((path) => file.startsWith(`${path}/`))) continue;
    problems.push(`${relative(process.cwd(), file)}: no metadata type claims this file`);
  }
  const types = new Set(components.map((component) => component.type.name));
  for (const type of needed)
    if (!types.has(type)) problems.push(`${directory}: no ${type} component`);
  for (const component of components)
    console.log(`${component.type.name.padEnd(26)} ${component.fullName}`);
  const out = mkdtempSync(join(tmpdir(), 'presence-sync-mdapi-'));
  await new MetadataConverter().convert(set, 'metadata', {
    type: 'directory',
    outputDirectory: out,
    genUniqueDir: false,
  });
  count += components.length;
}

(async () => {
  for (const [directory, needed] of Object.entries(DIRECTORIES)) await check(directory, needed);
  for (const problem of problems) console.log(`problem: ${problem}`);
  console.log(`sdr: ${count} components, ${problems.length} problems`);
  process.exit(problems.length === 0 ? 0 : 1);
})().catch((error) => {
  console.log(`problem: ${error.name}: ${error.message}`);
  console.log('sdr: 0 components, 1 problems');
  process.exit(1);
});
