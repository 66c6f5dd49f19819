// The unit tests of the modules that make security and diagnosis decisions, for `npm run mutation`.
// Stryker runs jest once per mutant with the names of the tests that cover it; the sequencer skips the
// test files that hold none of them (loading files is most of a mutant's time). This project holds
// only the fast, pure tests of those modules, not the handler tests, which load the Lambda wrapping.
// Same transform as jest.config.js; roots keep jest from crawling anything but the code and its tests.
const { projects } = require('./jest.config');

const unit = projects.find((project) => project.displayName === 'unit');

module.exports = {
  ...unit,
  displayName: 'mutation',
  rootDir: __dirname,
  roots: ['<rootDir>/lib', '<rootDir>/test'],
  testSequencer: '<rootDir>/test/support/mutation-test-sequencer.js',
  testMatch: [
    '<rootDir>/test/unit/domain/**/*.test.ts',
    '<rootDir>/test/unit/iam-policy/**/*.test.ts',
    '<rootDir>/test/unit/events/{external-ids,event-request,handle-event,schemas}.test.ts',
    '<rootDir>/test/unit/schemas/**/*.test.ts',
  ],
  // The property test compares the evaluator with a simulator on 1500 policies (about 10 s): it covers
  // every line, so each mutant would run it and time out. The rule tests beside it pin the same rules.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/unit/iam-policy/policy-evaluator-property\\.test\\.ts$'],
};
