// The demo org (`demo-org/`, deployed beside the package to a scratch or sandbox org, never shipped in
// it) gives a working console in one deploy: every status the package's example rules name exists,
// the deploying admin's profile may use each one, the console app carries both utility items the
// wrapper needs (Omni-Channel's own, which `lightning:omniToolkitAPI` requires in the same app, and
// Presence Sync), and the utility's attributes are ones the Aura design offers.
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '../..');
const PACKAGE = path.join(ROOT, 'force-app/main/default');
const DEMO = path.join(ROOT, 'demo-org/main/default');

const read = (file) => fs.readFileSync(file, 'utf8');

function parse(file) {
  const document = new DOMParser().parseFromString(read(file), 'application/xml');
  const error = document.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`${path.relative(ROOT, file)} is not well-formed XML`);
  return document.documentElement;
}

const children = (node, name) => [...node.children].filter((child) => child.localName === name);
const text = (node, name) => children(node, name)[0]?.textContent.trim();
const namesIn = (folder, suffix) =>
  fs
    .readdirSync(path.join(DEMO, folder))
    .filter((file) => file.endsWith(suffix))
    .map((file) => file.slice(0, -suffix.length));

/** The values of one field over the package's Custom Metadata records of a type. */
function recordValues(type, field) {
  const folder = path.join(PACKAGE, 'customMetadata');
  return fs
    .readdirSync(folder)
    .filter((file) => file.startsWith(`${type}.`))
    .flatMap((file) =>
      children(parse(path.join(folder, file)), 'values')
        .filter((value) => text(value, 'field') === field)
        .map((value) => children(value, 'value')[0])
        .filter((value) => value && value.getAttribute('xsi:nil') !== 'true')
        .map((value) => value.textContent.trim()),
    );
}

/** Statuses the example rule sets name; `Offline` is Omni-Channel's logout, not a status. */
const ruleStatuses = () =>
  [
    ...new Set([
      ...recordValues('Presence_Sync_Row', 'Salesforce_Status__c'),
      ...recordValues('Presence_Sync_Rule', 'Acd_Work_Status__c'),
    ]),
  ].filter((status) => status !== 'Offline');

/** The statuses a profile file grants. */
const granted = (profile) =>
  children(profile, 'servicePresenceStatusAccesses')
    .filter((access) => text(access, 'enabled') === 'true')
    .map((access) => text(access, 'servicePresenceStatus'));

/** The first status a rule names that the demo org lacks or does not grant, or undefined. */
function firstGap(statuses, defined, grants) {
  return statuses.find((status) => !defined.includes(status) || !grants.includes(status));
}

const STATUSES = namesIn('servicePresenceStatuses', '.servicePresenceStatus-meta.xml');
const PROFILE = parse(path.join(DEMO, 'profiles/Admin.profile-meta.xml'));

describe('the demo org', () => {
  it('is a package directory of its own that no package version includes', () => {
    const project = JSON.parse(read(path.join(ROOT, 'sfdx-project.json')));
    const demo = project.packageDirectories.find((directory) => directory.path === 'demo-org');
    expect(demo).toBeDefined();
    expect(demo.package).toBeUndefined();
    expect(demo.default).toBe(false);
  });

  it('defines and grants every status the example rules name', () => {
    const statuses = ruleStatuses();
    expect(statuses.length).toBeGreaterThanOrEqual(4);
    expect(firstGap(statuses, STATUSES, granted(PROFILE))).toBeUndefined();
  });

  it('finds the gap when a status is missing or not granted (the check itself can fail)', () => {
    const grants = granted(PROFILE);
    expect(firstGap(['Away', 'Lunch_Break'], STATUSES, grants)).toBe('Lunch_Break');
    expect(
      firstGap(
        ['Away'],
        STATUSES,
        grants.filter((status) => status !== 'Away'),
      ),
    ).toBe('Away');
  });

  it('has an online status on a service channel it defines, and busy statuses with none', () => {
    const channels = namesIn('serviceChannels', '.serviceChannel-meta.xml');
    const online = STATUSES.filter((status) => {
      const file = path.join(
        DEMO,
        `servicePresenceStatuses/${status}.servicePresenceStatus-meta.xml`,
      );
      const named = parse(file).getElementsByTagName('channel');
      for (const channel of named) expect(channels).toContain(channel.textContent.trim());
      return named.length > 0;
    });
    expect(online).toEqual(['Available_for_Chats']);
  });

  it('assigns a presence configuration with capacity to the deploying admin', () => {
    const [config] = namesIn('presenceUserConfigs', '.presenceUserConfig-meta.xml');
    const root = parse(
      path.join(DEMO, `presenceUserConfigs/${config}.presenceUserConfig-meta.xml`),
    );
    expect(Number(text(root, 'capacity'))).toBeGreaterThan(0);
    expect([...root.getElementsByTagName('profile')].map((node) => node.textContent)).toContain(
      'admin',
    );
  });

  it('gives the profile the console app, the Apex classes and the rule metadata the permission set grants', () => {
    const permissionSet = parse(
      path.join(PACKAGE, 'permissionsets/Presence_Sync_User.permissionset-meta.xml'),
    );
    for (const list of ['classAccesses', 'customMetadataTypeAccesses']) {
      const key = list === 'classAccesses' ? 'apexClass' : 'name';
      const names = (root) => children(root, list).map((access) => text(access, key));
      expect(names(PROFILE).sort()).toEqual(names(permissionSet).sort());
    }
    const [app] = children(PROFILE, 'applicationVisibilities');
    expect(text(app, 'application')).toBe('Presence_Sync_Console');
    expect(text(app, 'visible')).toBe('true');
  });

  it('is a Lightning console app whose utility bar has Omni-Channel and Presence Sync, loaded at start', () => {
    const app = parse(path.join(DEMO, 'applications/Presence_Sync_Console.app-meta.xml'));
    expect(text(app, 'navType')).toBe('Console');
    expect(text(app, 'uiType')).toBe('Lightning');
    const bar = parse(path.join(DEMO, `flexipages/${text(app, 'utilityBar')}.flexipage-meta.xml`));
    expect(text(bar, 'type')).toBe('UtilityBar');
    const items = [...bar.getElementsByTagName('componentInstance')];
    expect(items.map((item) => text(item, 'componentName'))).toEqual([
      'runtime_service_omnichannel:omniWidget',
      'c:presenceSyncUtility',
    ]);
    for (const item of items) {
      const eager = children(item, 'componentInstanceProperties').find(
        (property) => text(property, 'name') === 'eager',
      );
      expect(text(eager, 'value')).toBe('true');
    }
  });

  it('sets only utility attributes the Aura design offers, with a rule set the package ships', () => {
    const bar = parse(
      path.join(DEMO, 'flexipages/Presence_Sync_Console_UtilityBar.flexipage-meta.xml'),
    );
    const utility = [...bar.getElementsByTagName('componentInstance')].find(
      (item) => text(item, 'componentName') === 'c:presenceSyncUtility',
    );
    const design = read(path.join(PACKAGE, 'aura/presenceSyncUtility/presenceSyncUtility.design'));
    const offered = [...design.matchAll(/design:attribute name="(\w+)"/g)].map((match) => match[1]);
    const set = children(utility, 'componentInstanceProperties').filter(
      (property) => text(property, 'type') !== 'decorator',
    );
    expect(set.length).toBeGreaterThan(3);
    for (const property of set) expect(offered).toContain(text(property, 'name'));
    const ruleSet = set.find((property) => text(property, 'name') === 'ruleSet');
    expect(recordValues('Presence_Sync_Rule', 'Rule_Set__c')).toContain(text(ruleSet, 'value'));
  });
});
