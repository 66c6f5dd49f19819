// @ts-nocheck
// The text of every statemachines/<name>.asl.json by <name>, for serverless.yml:
//   DefinitionString: ${file(./scripts/asl-definitions.cjs):onboarding}
// file() on a .json file parses it, and osls then strips every null property from the resources it
// packages; in ASL `"ResultPath": null` means "discard the result", so losing it silently changes
// the workflow. Handing CloudFormation the file's text keeps the definition exactly as written.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const dir = path.join(__dirname, '..', 'statemachines');
const SUFFIX = '.asl.json';

module.exports = Object.fromEntries(
  fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(SUFFIX))
    .map((name) => [name.slice(0, -SUFFIX.length), fs.readFileSync(path.join(dir, name), 'utf8')]),
);
