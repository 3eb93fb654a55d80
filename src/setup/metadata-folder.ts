/**
 * The deployable metadata folder of a rule set, as a ZIP an admin deploys with the Salesforce CLI
 * (`sf project deploy start --metadata-dir <unzipped folder>` or `--single-package`):
 * `package.xml` naming each record as a `CustomMetadata` member, and one
 * `customMetadata/<Type>.<Name>.md` file per record (the Metadata API's file format,
 * https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_custommetadata.htm).
 *
 * Invariants: pure; the same rule set gives the same bytes.
 */
import { recordFileName, recordXml, type MetadataRecord } from './records.js';
import { zip } from './zip.js';

/** The Metadata API version the package is written for (sfdx-project.json `sourceApiVersion`). */
export const API_VERSION = '62.0';

/** `package.xml` naming every record. */
export function packageXml(records: readonly MetadataRecord[]): string {
  const members = records
    .map(
      (record) =>
        `        <members>${record.type.replace(/__mdt$/, '')}.${record.record}</members>\n`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<Package xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
    '    <types>\n' +
    members +
    '        <name>CustomMetadata</name>\n' +
    '    </types>\n' +
    `    <version>${API_VERSION}</version>\n` +
    '</Package>\n'
  );
}

/** The folder's files, under a top folder named `folder`. */
export function metadataFolder(
  records: readonly MetadataRecord[],
  folder = 'presence-sync-rules',
): Uint8Array {
  return zip([
    { path: `${folder}/package.xml`, text: packageXml(records) },
    ...records.map((record) => ({
      path: `${folder}/customMetadata/${recordFileName(record)}`,
      text: recordXml(record),
    })),
  ]);
}
