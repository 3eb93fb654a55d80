// Custom Labels in jest: each `@salesforce/label/c.<Name>` resolves to the English value in
// labels/CustomLabels.labels-meta.xml, as Salesforce resolves it for an English user (sfdx-lwc-jest
// alone gives the label's name). A label the code imports that the file lacks stays its name, which
// the tests' English expectations then catch. The file is read as the demo's dev server reads it.
const { readLabels } = require('../../../scripts/salesforce-metadata.cjs');

for (const [name, value] of Object.entries(readLabels())) {
  jest.doMock(`@salesforce/label/c.${name}`, () => ({ default: value }), { virtual: true });
}
