// For `npm run mutation` only (jest.mutation.config.js). Stryker runs each mutant with a
// testNamePattern listing the full names of the tests that cover it, but jest still loads every test
// file to find them, and loading the files, not running the few tests, is most of a mutant's time.
// This sequencer drops the files that cannot hold any of the named tests: a test's full name starts
// with the title of its top-level describe block, which each file's source gives. A file whose
// top-level titles cannot be read for certain (a test outside any describe, a computed or formatted
// title) is always kept, so a file is only ever dropped when none of its tests can match.
const { readFileSync } = require('node:fs');
const Sequencer = require('@jest/test-sequencer').default;

const TOP_LEVEL_DESCRIBE = /^describe(?:\.each\([\s\S]*?\))?\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/gm;
const TOP_LEVEL_TEST = /^(?:it|test)(?:\.each|\.only|\.skip|\.todo)?\b/m;

/** The top-level describe titles of a test file, or undefined when they cannot be known for certain. */
function topLevelTitles(source) {
  if (TOP_LEVEL_TEST.test(source)) return undefined;
  const titles = [];
  for (const match of source.matchAll(TOP_LEVEL_DESCRIBE)) {
    const [, quote, raw] = match;
    if (/%[sdifjop#%]|\$[a-z#]/i.test(raw) || (quote === '`' && raw.includes('${'))) return undefined;
    titles.push(raw.replace(/\\(.)/g, '$1'));
  }
  const describes = source.match(/^describe\b/gm) ?? [];
  return titles.length === describes.length ? titles : undefined;
}

/** The test names in Stryker's pattern "(<escaped name>)|(<escaped name>)…", unescaped. */
function namesInPattern(pattern) {
  if (!pattern.startsWith('(') || !pattern.endsWith(')')) return undefined;
  const names = [];
  let current = '';
  for (let i = 1; i < pattern.length - 1; i += 1) {
    const char = pattern[i];
    if (char === '\\') {
      current += pattern[i + 1];
      i += 1;
    } else if (char === ')' && pattern.startsWith(')|(', i)) {
      names.push(current);
      current = '';
      i += 2;
    } else {
      current += char;
    }
  }
  names.push(current);
  return names;
}

class MutationTestSequencer extends Sequencer {
  constructor(options) {
    super(options);
    this.pattern = options.globalConfig.testNamePattern;
  }

  sort(tests) {
    const names = this.pattern ? namesInPattern(this.pattern) : undefined;
    if (!names) return super.sort(tests);
    const kept = tests.filter((test) => {
      const titles = topLevelTitles(readFileSync(test.path, 'utf8'));
      return titles === undefined || names.some((name) => titles.some((title) => name === title || name.startsWith(`${title} `)));
    });
    return super.sort(kept.length > 0 ? kept : tests);
  }
}

module.exports = MutationTestSequencer;
