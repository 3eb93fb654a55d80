// The package's own Salesforce metadata, read outside an org for the demo: the rule records in
// force-app/main/default/customMetadata (as Setup › Custom Metadata Types lists them) and the
// Custom Labels' English values (as Salesforce resolves `@salesforce/label/c.<Name>` for an
// English user). The files are Salesforce's source format (CustomMetadata and CustomLabels XML).
// CommonJS, so that jest's setup (force-app/test/jest-setup/labels.js) reads the labels with it too.
const { readFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const DEFAULT = join(__dirname, '../force-app/main/default');

const unescapeXml = (text) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** One custom metadata record file: its type, API name, label and typed field values. */
function readRecord(file) {
  const [type, record] = file.replace(/\.md-meta\.xml$/, '').split('.');
  const xml = readFileSync(join(DEFAULT, 'customMetadata', file), 'utf8');
  const label = xml.match(/<label>([^<]*)<\/label>/)?.[1];
  if (type === undefined || record === undefined || label === undefined)
    throw new Error(`customMetadata/${file}: no type, record name or label`);
  const fields = {};
  for (const [, body] of xml.matchAll(/<values>([\s\S]*?)<\/values>/g)) {
    const field = body.match(/<field>([^<]+)<\/field>/)?.[1];
    const value = body.match(
      /<value(?: xsi:type="xsd:(\w+)")?(?: xsi:nil="true")?\s*(?:\/>|>([^<]*)<\/value>)/,
    );
    if (field === undefined || value === null)
      throw new Error(`customMetadata/${file}: a <values> without a field or value`);
    const [, kind, text] = value;
    fields[field] =
      text === undefined
        ? null
        : kind === 'boolean'
          ? text === 'true'
          : kind === 'double'
            ? Number(text)
            : unescapeXml(text);
  }
  return { type: `${type}__mdt`, record, label: unescapeXml(label), fields };
}

/** Every record of the package's custom metadata types. */
function readRecords() {
  return readdirSync(join(DEFAULT, 'customMetadata'))
    .filter((file) => file.endsWith('.md-meta.xml'))
    .sort()
    .map(readRecord);
}

/** The Custom Labels' English values by name. */
function readLabels() {
  const xml = readFileSync(join(DEFAULT, 'labels/CustomLabels.labels-meta.xml'), 'utf8');
  const labels = {};
  for (const [, body] of xml.matchAll(/<labels>([\s\S]*?)<\/labels>/g)) {
    const name = body.match(/<fullName>([^<]+)<\/fullName>/)?.[1];
    const value = body.match(/<value>([^<]*)<\/value>/)?.[1];
    if (name !== undefined && value !== undefined) labels[name] = unescapeXml(value);
  }
  return labels;
}

/**
 * A dev-server plugin: `/__salesforce/records.json` lists the records, and the LWC's
 * `@salesforce/label/c.<Name>` imports resolve to modules exporting the English value.
 */
function salesforceMetadataPlugin() {
  return {
    name: 'salesforce-metadata',
    resolveImport({ source }) {
      const label = source.match(/^@salesforce\/label\/c\.(\w+)$/)?.[1];
      return label === undefined ? undefined : `/__salesforce/label/${label}.js`;
    },
    serve(context) {
      if (context.path === '/__salesforce/records.json')
        return { body: JSON.stringify(readRecords()), type: 'json' };
      const label = context.path.match(/^\/__salesforce\/label\/(\w+)\.js$/)?.[1];
      if (label === undefined) return undefined;
      const value = readLabels()[label];
      if (value === undefined) return { status: 404, body: `no Custom Label ${label}` };
      return { body: `export default ${JSON.stringify(value)};`, type: 'js' };
    },
  };
}

module.exports = { readRecords, readLabels, salesforceMetadataPlugin };
