#!/usr/bin/env node
// Regenerates the documents drawn from the input schemas (lib/schemas, lib/sandbox/scenario.ts):
// docs/scenario.schema.json, docs/events/*.schema.json and docs/openapi.yaml.
//   node scripts/update-schema-documents.cjs           rewrite those that are out of date
//   node scripts/update-schema-documents.cjs --check   exit 1 when one is out of date, change nothing
'use strict';

const { checkFlag } = require('./check-flag.cjs');
const { loadTs, root } = require('./load-ts.cjs');

const check = checkFlag('update-schema-documents.cjs');

const { updateSchemaDocuments, REGENERATE_SCHEMA_DOCUMENTS } = loadTs('lib/docs/schema-documents.ts');

const { stale } = updateSchemaDocuments(root, { check });
if (stale.length === 0) {
  process.stdout.write('The schema documents are up to date.\n');
} else if (check) {
  process.stderr.write(`Out of date: ${stale.join(', ')}; run ${REGENERATE_SCHEMA_DOCUMENTS}\n`);
  process.exit(1);
} else {
  process.stdout.write(`Regenerated from the schemas: ${stale.join(', ')}\n`);
}
