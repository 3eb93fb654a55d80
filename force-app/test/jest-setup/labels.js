// Custom Labels in jest: each `@salesforce/label/c.<Name>` resolves to the English value in
// labels/CustomLabels.labels-meta.xml, as Salesforce resolves it for an English user (sfdx-lwc-jest
// alone gives the label's name). A label the code imports that the file lacks stays its name, which
// the tests' English expectations then catch.
const fs = require('fs');
const path = require('path');

const FILE = path.join(__dirname, '../../main/default/labels/CustomLabels.labels-meta.xml');
const document = new DOMParser().parseFromString(fs.readFileSync(FILE, 'utf8'), 'application/xml');
for (const label of document.getElementsByTagName('labels')) {
  const name = label.getElementsByTagName('fullName')[0].textContent;
  const value = label.getElementsByTagName('value')[0].textContent;
  jest.doMock(`@salesforce/label/c.${name}`, () => ({ default: value }), { virtual: true });
}
