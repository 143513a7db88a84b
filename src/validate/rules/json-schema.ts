/**
 * JSON Schema of the rule-set files, generated from the zod schema (one source of truth) so editors can check
 * `src/validate/rules/*.json` through their `$schema`. Regenerate: `node src/validate/rules/json-schema.ts --write`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ruleSetSchema } from './schema.ts';

export const RULESET_JSON_SCHEMA_FILE = join(import.meta.dirname, 'ruleset.schema.json');

export function ruleSetJsonSchemaText(): string {
  return `${JSON.stringify(z.toJSONSchema(ruleSetSchema, { io: 'input' }), null, 2)}\n`;
}

if (process.argv.includes('--write') && import.meta.filename === process.argv[1]) {
  writeFileSync(RULESET_JSON_SCHEMA_FILE, ruleSetJsonSchemaText());
}
