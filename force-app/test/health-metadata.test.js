// The sync-health pieces of the package, read as metadata: one private row per agent keyed by a
// unique user id, agents reaching only their own row, supervisors reading all and stamping only
// the resync request, and the board shipped as a tab and an App Page.
const fs = require('fs');
const path = require('path');

const DEFAULT = path.join(__dirname, '../main/default');
const read = (file) => fs.readFileSync(path.join(DEFAULT, file), 'utf8');
const xml = (file) =>
  new DOMParser().parseFromString(read(file), 'application/xml').documentElement;
const text = (node, name) => {
  const child = [...node.children].find((candidate) => candidate.localName === name);
  return child ? child.textContent.trim() : undefined;
};
const all = (node, name) => [...node.getElementsByTagName(name)];
const OBJECT = 'Presence_Sync_Health__c';
const FIELDS = fs
  .readdirSync(path.join(DEFAULT, `objects/${OBJECT}/fields`))
  .map((file) => file.replace('.field-meta.xml', ''))
  .sort();

function permissionSet(name) {
  const set = xml(`permissionsets/${name}.permissionset-meta.xml`);
  const object = all(set, 'objectPermissions').find((node) => text(node, 'object') === OBJECT);
  const fields = Object.fromEntries(
    all(set, 'fieldPermissions')
      .filter((node) => text(node, 'field').startsWith(`${OBJECT}.`))
      .map((node) => [
        text(node, 'field').slice(OBJECT.length + 1),
        { read: text(node, 'readable'), edit: text(node, 'editable') },
      ]),
  );
  return { set, object, fields };
}

describe('the health row', () => {
  it('is private, one per user by a unique, case-sensitive user id', () => {
    const object = xml(`objects/${OBJECT}/${OBJECT}.object-meta.xml`);
    expect(text(object, 'sharingModel')).toBe('Private');
    expect(text(object, 'enableHistory')).toBe('false');
    const key = xml(`objects/${OBJECT}/fields/User_Key__c.field-meta.xml`);
    expect([text(key, 'unique'), text(key, 'externalId'), text(key, 'caseSensitive')]).toEqual([
      'true',
      'true',
      'true',
    ]);
  });

  it('has a field for every health record item the Apex class writes', () => {
    const apex =
      read('classes/PresenceSyncHealthRecord.cls') + read('classes/PresenceSyncHealth.cls');
    for (const field of FIELDS)
      expect({ field, used: apex.includes(field) }).toEqual({ field, used: true });
    expect(FIELDS.length).toBe(17);
  });
});

describe('the permission sets', () => {
  it('let an agent create and edit rows, but see only their own', () => {
    const { object, fields } = permissionSet('Presence_Sync_User');
    expect([
      text(object, 'allowRead'),
      text(object, 'allowCreate'),
      text(object, 'allowEdit'),
    ]).toEqual(['true', 'true', 'true']);
    expect([text(object, 'viewAllRecords'), text(object, 'modifyAllRecords')]).toEqual([
      'false',
      'false',
    ]);
    expect(Object.keys(fields).sort()).toEqual(FIELDS);
    expect(Object.values(fields).every((access) => access.edit === 'true')).toBe(true);
  });

  it('let a supervisor read every row and change only the resync request', () => {
    const { set, object, fields } = permissionSet('Presence_Sync_Supervisor');
    expect([text(object, 'viewAllRecords'), text(object, 'allowCreate')]).toEqual([
      'true',
      'false',
    ]);
    expect(Object.keys(fields).sort()).toEqual(FIELDS);
    expect(
      Object.entries(fields)
        .filter(([, access]) => access.edit === 'true')
        .map(([field]) => field),
    ).toEqual(['Resync_Requested_At__c']);
    expect(all(set, 'customPermissions').map((node) => text(node, 'name'))).toEqual([
      'Presence_Sync_Supervise',
    ]);
    expect(read('classes/PresenceSyncHealth.cls')).toContain("'Presence_Sync_Supervise'");
    expect(
      fs.existsSync(
        path.join(DEFAULT, 'customPermissions/Presence_Sync_Supervise.customPermission-meta.xml'),
      ),
    ).toBe(true);
  });
});

describe('the board in Salesforce', () => {
  it('is a tab and an App Page hosting the presenceSyncBoard LWC', () => {
    expect(text(xml('tabs/Presence_Sync_Board.tab-meta.xml'), 'lwcComponent')).toBe(
      'presenceSyncBoard',
    );
    const page = xml('flexipages/Presence_Sync_Board.flexipage-meta.xml');
    expect(text(page, 'type')).toBe('AppPage');
    expect(all(page, 'componentName').map((node) => node.textContent)).toEqual([
      'presenceSyncBoard',
    ]);
    const meta = xml('lwc/presenceSyncBoard/presenceSyncBoard.js-meta.xml');
    expect(
      all(meta, 'target')
        .map((node) => node.textContent)
        .sort(),
    ).toEqual(['lightning__AppPage', 'lightning__Tab']);
    expect(read('lwc/presenceSyncBoard/presenceSyncBoard.html')).toMatch(
      /<presence-sync-board\s+lwc:external/,
    );
  });
});
