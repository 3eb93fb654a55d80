// sfdx-lwc-jest for the Lightning wrapper only: the roots keep the browser tests under test/ out,
// platformUtilityBarApi has no stub of its own, and Custom Labels resolve to their English values.
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
  ...jestConfig,
  roots: ['<rootDir>/force-app'],
  moduleNameMapper: {
    ...(jestConfig.moduleNameMapper || {}),
    '^lightning/platformUtilityBarApi$':
      '<rootDir>/force-app/test/jest-mocks/lightning/platformUtilityBarApi',
  },
  setupFilesAfterEnv: [
    ...(jestConfig.setupFilesAfterEnv || []),
    '<rootDir>/force-app/test/jest-setup/labels.js',
  ],
  testPathIgnorePatterns: ['/node_modules/', '/jest-mocks/', '/jest-setup/'],
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.cjs'],
};
