/**
 * Loads the declarative mapping files of `mappings/` once at start-up and validates them with ajv against
 * `mappings/mapping.schema.json` and `mappings/fhir.schema.json`; every rule's fields and transforms are checked
 * too, so a bad mapping file fails at load with an OperationOutcome naming the file and the rule.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFhirPath } from '@medplum/core';
import type { FhirPathAtom } from '@medplum/core';
import { Ajv } from 'ajv';
import type { ErrorObject } from 'ajv';
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { issue, outcomeError, unprocessableIssues } from '../fhir/outcomes.ts';
import type { CodeTables } from './transforms/codes.ts';
import { getTransform } from './transforms/registry.ts';
import type { Scalar } from './transforms/registry.ts';

export type FieldType = 'string' | 'code' | 'integer' | 'boolean' | 'date' | 'dateTime';

export interface FieldDef {
  readonly field: string;
  readonly type: FieldType;
  readonly required: boolean;
  readonly read: string;
  readonly each?: string;
  readonly expression: string;
  readonly label: string;
}

export interface MappingRule {
  readonly field?: string;
  readonly fields?: readonly string[];
  readonly source?: string;
  readonly target?: string;
  readonly transform?: string | readonly string[];
  readonly default?: Scalar;
  readonly const?: Scalar;
  readonly label?: string;
}

export interface MappingFile {
  readonly format: string;
  readonly direction: 'to-fhir' | 'from-fhir';
  readonly description?: string;
  readonly rules: readonly MappingRule[];
}

export interface Mappings {
  readonly fields: readonly FieldDef[];
  /** The `read`/`each` FHIRPath expressions of `fields`, parsed once. */
  readonly fhirPaths: ReadonlyMap<string, FhirPathAtom>;
  readonly codes: CodeTables;
  /** `<format>:<direction>` → mapping file. */
  readonly files: ReadonlyMap<string, MappingFile>;
}

export const DEFAULT_MAPPINGS_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../mappings');

const CODES_SCHEMA = {
  type: 'object',
  required: ['tables', 'icd10se'],
  properties: {
    tables: { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'string' } } },
    icd10se: { type: 'object', additionalProperties: { type: 'string' } },
  },
} as const;

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function loadIssue(file: string, text: string): OperationOutcomeIssue {
  return issue('invalid', { id: 'MAP-MAPPING-FILE', text: { sv: `Mappningsfilen ${file}: ${text}`, en: `Mapping file ${file}: ${text}` }, diagnostics: file });
}

function ajvText(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'invalid'}`);
}

function transformNamesOf(t: string | readonly string[] | undefined): readonly string[] {
  return t === undefined ? [] : typeof t === 'string' ? [t] : t;
}

/** Loads and validates every mapping file in `dir` (default: the repository's `mappings/`). Throws an OperationOutcomeError listing every problem. */
export function loadMappings(dir: string = DEFAULT_MAPPINGS_DIR): Mappings {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  const validateMapping = ajv.compile<MappingFile>(readJson(join(dir, 'mapping.schema.json')) as object);
  const validateFields = ajv.compile<{ fields: FieldDef[] }>(readJson(join(dir, 'fhir.schema.json')) as object);
  const validateCodes = ajv.compile<CodeTables>(CODES_SCHEMA);
  const problems: OperationOutcomeIssue[] = [];

  const fieldsDoc = readJson(join(dir, 'fhir.json'));
  const fields: FieldDef[] = [];
  if (validateFields(fieldsDoc)) {
    fields.push(...fieldsDoc.fields);
  } else {
    problems.push(...ajvText(validateFields.errors).map((t) => loadIssue('fhir.json', t)));
  }
  const codesDoc = readJson(join(dir, 'codes.json'));
  const codes: CodeTables = validateCodes(codesDoc) ? codesDoc : { tables: {}, icd10se: {} };
  if (!validateCodes(codesDoc)) {
    problems.push(...ajvText(validateCodes.errors).map((t) => loadIssue('codes.json', t)));
  }
  const known = new Set(fields.map((f) => f.field));

  const files = new Map<string, MappingFile>();
  for (const name of readdirSync(dir).sort()) {
    const m = /^([a-z][a-z0-9-]*)\.(to-fhir|from-fhir)\.json$/.exec(name);
    if (!m) {
      continue;
    }
    const doc = readJson(join(dir, name));
    if (!validateMapping(doc)) {
      problems.push(...ajvText(validateMapping.errors).map((t) => loadIssue(name, t)));
      continue;
    }
    if (doc.format !== m[1] || doc.direction !== m[2]) {
      problems.push(loadIssue(name, `format/direction ${doc.format}/${doc.direction} do not match the file name`));
    }
    doc.rules.forEach((rule, i) => {
      for (const field of [...(rule.field === undefined ? [] : [rule.field]), ...(rule.fields ?? [])]) {
        if (!known.has(field)) {
          problems.push(loadIssue(name, `rules[${i}]: unknown field "${field}"`));
        }
      }
      for (const t of transformNamesOf(rule.transform)) {
        if (!getTransform(t)) {
          problems.push(loadIssue(name, `rules[${i}]: unknown transform "${t}"`));
        }
        const table = /^code(?:-out)?:(.+)$/.exec(t)?.[1];
        if (table !== undefined && codes.tables[table] === undefined) {
          problems.push(loadIssue(name, `rules[${i}]: unknown code table "${table}"`));
        }
      }
    });
    files.set(`${doc.format}:${doc.direction}`, doc);
  }
  if (problems.length > 0) {
    throw outcomeError(unprocessableIssues(problems));
  }
  const fhirPaths = new Map<string, FhirPathAtom>();
  for (const f of fields) {
    for (const expr of [f.read, ...(f.each === undefined ? [] : [f.each])]) {
      try {
        fhirPaths.set(expr, parseFhirPath(expr));
      } catch {
        problems.push(loadIssue('fhir.json', `${f.field}: FHIRPath "${expr}" does not parse`));
      }
    }
  }
  if (problems.length > 0) {
    throw outcomeError(unprocessableIssues(problems));
  }
  return { fields, fhirPaths, codes, files };
}
