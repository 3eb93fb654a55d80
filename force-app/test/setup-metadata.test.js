// The rules editor's Salesforce pieces name each other correctly (its records' fields are the one
// field map's, checked in metadata.test.js): the host imports only @AuraEnabled Apex; the outcome
// event has the fields the host reads; the admin permission set grants what the page needs; the
// custom permission Apex checks exists.
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '../..');
const DEFAULT = path.join(ROOT, 'force-app/main/default');
const read = (file) => fs.readFileSync(path.join(DEFAULT, file), 'utf8');
const exists = (file) => fs.existsSync(path.join(DEFAULT, file));

describe('the rules editor’s metadata', () => {
  it('imports only @AuraEnabled Apex methods from the host', () => {
    const source = read('lwc/presenceSyncSetupHost/presenceSyncSetupHost.js');
    const imports = [...source.matchAll(/@salesforce\/apex\/(\w+)\.(\w+)/g)];
    expect(imports.length).toBe(3);
    for (const [, className, method] of imports) {
      expect(read(`classes/${className}.cls`)).toMatch(
        new RegExp(`@AuraEnabled(\\(cacheable=true\\))?\\s+public static [\\w<>.]+ ${method}\\(`),
      );
    }
  });

  it('has the outcome event’s fields the host and the Apex callback use', () => {
    const host = read('lwc/presenceSyncSetupHost/presenceSyncSetupHost.js');
    const apex = read('classes/PresenceSyncSetup.cls');
    for (const field of ['Job_Id__c', 'Success__c', 'Message__c']) {
      expect(exists(`objects/Presence_Sync_Setup_Result__e/fields/${field}.field-meta.xml`)).toBe(
        true,
      );
      expect(host).toContain(field);
      expect(apex).toContain(field);
    }
    expect(host).toContain("'/event/Presence_Sync_Setup_Result__e'");
  });

  it('grants admins the class, the custom permission Apex checks, the event and the tab', () => {
    const set = read('permissionsets/Presence_Sync_Admin.permissionset-meta.xml');
    const permission = read('classes/PresenceSyncSetup.cls').match(/PERMISSION = '(\w+)'/)[1];
    expect(exists(`customPermissions/${permission}.customPermission-meta.xml`)).toBe(true);
    expect(set).toContain(`<name>${permission}</name>`);
    expect(set).toContain('<apexClass>PresenceSyncSetup</apexClass>');
    expect(set).toContain('<object>Presence_Sync_Setup_Result__e</object>');
    expect(set).toContain('<tab>Presence_Sync_Setup</tab>');
    expect(read('tabs/Presence_Sync_Setup.tab-meta.xml')).toContain(
      '<lwcComponent>presenceSyncSetupHost</lwcComponent>',
    );
    const meta = read('lwc/presenceSyncSetupHost/presenceSyncSetupHost.js-meta.xml');
    expect(meta).toContain('<target>lightning__AppPage</target>');
    expect(meta).toContain('<target>lightning__Tab</target>');
  });

  it('ships the setup script as a static resource the host loads', () => {
    expect(exists('staticresources/presenceSyncSetup.resource-meta.xml')).toBe(true);
    expect(read('lwc/presenceSyncSetupHost/presenceSyncSetupHost.js')).toContain(
      '@salesforce/resourceUrl/presenceSyncSetup',
    );
  });
});
