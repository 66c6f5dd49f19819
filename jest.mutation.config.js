// The unit tests of the modules that make security and diagnosis decisions, for `npm run mutation`:
// each mutant runs only the tests that cover it (Stryker's perTest coverage), so this project holds
// only the fast, pure tests of those modules. Same transform as jest.config.js.
const { projects } = require('./jest.config');

const unit = projects.find((project) => project.displayName === 'unit');

module.exports = {
  ...unit,
  displayName: 'mutation',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/unit/domain/**/*.test.ts', '<rootDir>/test/unit/events/**/*.test.ts'],
};
