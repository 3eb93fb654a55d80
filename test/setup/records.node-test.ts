/// <reference types="node" />
// The rule set as Custom Metadata records: the records read back (as PresenceSyncRules.cls and the
// demo shape them) to the same rule set, the XML carries every value, and the ZIP is a well-formed
// archive of package.xml and the records. The field map itself is held to the package's objects by
// force-app/test/metadata.test.js.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentFromRecords } from '../../demo/setup-records.js';
import { parseRules } from '../../src/core/rules/parse.js';
import { canonicalDraft, type RuleSetDraft } from '../../src/setup/draft.js';
import { importRuleDocument } from '../../src/setup/import-document.js';
import { metadataFolder, packageXml } from '../../src/setup/metadata-folder.js';
import { developerName, recordsFromDraft, recordXml } from '../../src/setup/records.js';
import { crc32 } from '../../src/setup/zip.js';
import { SEED_RULE, WEBEX_EXPECTED } from './golden.js';

function seedDraft(): RuleSetDraft {
  const imported = importRuleDocument({
    version: 1,
    rules: [...SEED_RULE.rules, ...WEBEX_EXPECTED.rules],
  });
  assert.ok(imported.ok);
  return imported.draft;
}

/** The entries of a stored ZIP, read from its central directory, each checked against its CRC. */
function unzip(bytes: Uint8Array): Record<string, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  assert.equal(view.getUint32(end, true), 0x06054b50, 'end of central directory');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const files: Record<string, string> = {};
  for (let index = 0; index < count; index += 1) {
    assert.equal(view.getUint32(at, true), 0x02014b50, 'central directory header');
    const crc = view.getUint32(at + 16, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    assert.equal(view.getUint32(local, true), 0x04034b50, 'local header');
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(start, start + size);
    assert.equal(crc32(data), crc, `CRC of ${name}`);
    files[name] = new TextDecoder().decode(data);
    at += 46 + nameLength;
  }
  return files;
}

describe('recordsFromDraft()', () => {
  it('gives records that read back as the same rule set', () => {
    const draft = seedDraft();
    const result = recordsFromDraft(draft, 'Elinor');
    assert.ok(result.ok);
    const { document } = documentFromRecords(result.records, 'Elinor');
    const parsed = parseRules(document);
    assert.ok(parsed.ok);
    assert.deepEqual(canonicalDraft(parsed.document), draft);
  });

  it('names records as DeveloperNames, unique, with rows under their rule', () => {
    const draft = seedDraft();
    draft.rules.push({ ...structuredClone(draft.rules[0]!), name: 'Chat & voice!', teams: ['x'] });
    const result = recordsFromDraft(draft, 'Tier 1 (night)');
    assert.ok(result.ok);
    const names = result.records.map((record) => record.record);
    assert.equal(new Set(names.map((name) => name.toLowerCase())).size, names.length);
    for (const name of names) assert.match(name, /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$/);
    for (const name of names) assert.ok(name.length <= 40, name);
    assert.deepEqual(names.slice(0, 2), [
      'Tier_1_night_Chat_and_voice',
      'Tier_1_night_Chat_and_voice_Pub_1',
    ]);
    assert.ok(names.includes('Tier_1_night_Chat_voice'));
    assert.equal(developerName('42 rules', 'Rule'), 'Rule_42_rules');
  });

  it('refuses a rule name longer than a record label and a team with a comma, with their paths', () => {
    const draft = seedDraft();
    draft.rules[1]!.name = 'A rule name that is far too long for a label';
    const result = recordsFromDraft(draft, 'Elinor');
    assert.ok(!result.ok);
    assert.deepEqual(
      result.problems.map((problem) => problem.path),
      ['rules[1].name'],
    );
  });
});

describe('recordXml() and metadataFolder()', () => {
  it('writes each value with its type, escaped', () => {
    const draft = seedDraft();
    draft.rules[0]!.name = 'Chat <& voice>';
    const result = recordsFromDraft(draft, 'Elinor');
    assert.ok(result.ok);
    const xml = recordXml(result.records[0]!);
    assert.match(xml, /<label>Chat &lt;&amp; voice&gt;<\/label>/);
    assert.match(
      xml,
      /<field>Omni_Work_At_Percent__c<\/field>\s*<value xsi:type="xsd:double">100<\/value>/,
    );
    assert.match(xml, /<field>Users__c<\/field>\s*<value xsi:nil="true"\/>/);
    assert.match(xml, /<field>Active__c<\/field>\s*<value xsi:type="xsd:boolean">true<\/value>/);
  });

  it('zips package.xml and one file per record, each entry intact', () => {
    const result = recordsFromDraft(seedDraft(), 'Elinor');
    assert.ok(result.ok);
    const files = unzip(metadataFolder(result.records));
    assert.equal(Object.keys(files).length, result.records.length + 1);
    assert.equal(files['presence-sync-rules/package.xml'], packageXml(result.records));
    assert.match(
      files['presence-sync-rules/package.xml']!,
      /<members>Presence_Sync_Rule\.Elinor_Chat_and_voice<\/members>/,
    );
    assert.equal(
      files['presence-sync-rules/customMetadata/Presence_Sync_Row.Elinor_Webex_Pub_1.md'],
      undefined,
    );
    assert.equal(
      files['presence-sync-rules/customMetadata/Presence_Sync_Rule.Elinor_Webex.md'],
      recordXml(result.records.find((record) => record.record === 'Elinor_Webex')!),
    );
  });

  it('computes the standard CRC-32', () => {
    assert.equal(
      crc32(new TextEncoder().encode('The quick brown fox jumps over the lazy dog')),
      0x414fa339,
    );
  });
});
