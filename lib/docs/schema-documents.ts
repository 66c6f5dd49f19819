// Every document drawn from the input schemas, written by `npm run docs:schemas`; a test fails when
// a committed one is stale, as the README's diagrams do.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EVENT_SCHEMA_FILES, renderEventSchema, renderSentEventSchema, SENT_EVENT_SCHEMA_FILES } from './event-schemas';
import type { OutboundDetailType } from '../domain/outbound-events/outbound-events';
import { OPENAPI_FILE, renderOpenApi } from './openapi';
import { renderScenarioSchema, SCENARIO_SCHEMA_FILE } from './scenario-schema';

export const REGENERATE_SCHEMA_DOCUMENTS = 'npm run docs:schemas';

export interface SchemaDocument {
  file: string;
  render: (root: string) => string;
}

export const SCHEMA_DOCUMENTS: readonly SchemaDocument[] = [
  { file: SCENARIO_SCHEMA_FILE, render: () => renderScenarioSchema() },
  ...Object.entries(EVENT_SCHEMA_FILES).map(([detailType, file]) => ({
    file,
    render: () => renderEventSchema(detailType as keyof typeof EVENT_SCHEMA_FILES),
  })),
  ...Object.entries(SENT_EVENT_SCHEMA_FILES).map(([detailType, file]) => ({
    file,
    render: () => renderSentEventSchema(detailType as OutboundDetailType),
  })),
  { file: OPENAPI_FILE, render: (root: string) => renderOpenApi(root) },
];

function committed(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The documents that differ from what the schemas generate now; rewritten unless `check`. */
export function updateSchemaDocuments(root: string, options: { check: boolean }): { stale: string[] } {
  const stale: string[] = [];
  for (const document of SCHEMA_DOCUMENTS) {
    const file = path.join(root, document.file);
    const expected = document.render(root);
    if (committed(file) === expected) continue;
    stale.push(document.file);
    if (!options.check) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, expected);
    }
  }
  return { stale };
}
