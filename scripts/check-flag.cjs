// The one option of the scripts that regenerate a checked-in document: --check (exit 1 when it is out
// of date, change nothing). Any other argument is a usage error, exit 2.
'use strict';

function checkFlag(script) {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--check');
  if (unknown.length > 0) {
    process.stderr.write(`usage: node scripts/${script} [--check]\n(unknown argument ${unknown[0]})\n`);
    process.exit(2);
  }
  return args.includes('--check');
}

module.exports = { checkFlag };
