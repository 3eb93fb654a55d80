// sfdx-lwc-jest for the Lightning wrapper only: the roots keep
// the browser tests under test/ out, and platformUtilityBarApi has no stub of its own.
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
  ...jestConfig,
  roots: ['<rootDir>/force-app'],
  moduleNameMapper: {
    ...(jestConfig.moduleNameMapper || {}),
    '^lightning/platformUtilityBarApi$':
      '<rootDir>/force-app/test/jest-mocks/lightning/platformUtilityBarApi',
  },
  testPathIgnorePatterns: ['/node_modules/', '/jest-mocks/'],
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.cjs'],
};
