/** Shared by the journal-format parsers: size/depth limits, the parse result shape and the schema check. */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { issue } from '../fhir/outcomes.ts';
import type { SourceDoc } from '../map/source.ts';

export interface ParseLimits {
  /** Bytes; RIV-TA allows messages up to 10 MB (standards.md §3). */
  readonly maxBytes: number;
  /** Nesting depth of XML elements or JSON values. */
  readonly maxDepth: number;
  /** CSV rows (records). */
  readonly maxRows: number;
}

export const DEFAULT_LIMITS: ParseLimits = { maxBytes: 10 * 1024 * 1024, maxDepth: 32, maxRows: 10_000 };

/** A message holds one referral, a CSV file or JSON array one per record. */
export type ParseResult =
  | { readonly ok: true; readonly docs: readonly SourceDoc[]; readonly meta?: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly outcome: OperationOutcome };

export function parseIssue(id: string, sv: string, en: string, position: string): OperationOutcomeIssue {
  return issue('structure', { id, text: { sv, en }, diagnostics: position });
}

export function parseFailure(issues: readonly OperationOutcomeIssue[]): ParseResult {
  return { ok: false, outcome: { resourceType: 'OperationOutcome', id: 'bad-request', issue: [...issues] } };
}

export function byteLength(input: string | Buffer): number {
  return typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length;
}

export function tooLarge(input: string | Buffer, limits: ParseLimits): OperationOutcomeIssue | undefined {
  const size = byteLength(input);
  return size > limits.maxBytes
    ? parseIssue('MAP-TOO-LARGE', `Meddelandet är för stort (${size} byte, högst ${limits.maxBytes}).`, `The message is too large (${size} bytes, at most ${limits.maxBytes}).`, `byte ${limits.maxBytes}`)
    : undefined;
}

/** Compiles a parsed-form schema (one Ajv per parser instance; no module-level state). */
export function compileSchema(schema: object): ValidateFunction {
  return new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(schema);
}

/** ajv errors → issues, positions built by the caller from the instance path. */
export function schemaIssues(validate: ValidateFunction, position: (instancePath: string) => string): OperationOutcomeIssue[] {
  return (validate.errors ?? []).map((e) =>
    parseIssue('MAP-SCHEMA', `Oväntad struktur: ${e.message ?? 'ogiltig'}.`, `Unexpected structure: ${e.message ?? 'invalid'}.`, position(e.instancePath)),
  );
}

export function toText(input: string | Buffer): string {
  return typeof input === 'string' ? input : input.toString('utf8');
}

/** Reads a parsed-form JSON Schema shipped beside a parser. */
export function loadSchema(url: URL): object {
  return JSON.parse(readFileSync(url, 'utf8')) as object;
}

/**
 * `compute` remembered per key, for what a parser prepares once from the mapping files' paths and patterns and
 * keeps across messages (the keys come from the mapping files, so the cache is bounded by them).
 */
export function perKey<V>(compute: (key: string) => V): (key: string) => V {
  const cache = new Map<string, V>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) {
      return hit as V;
    }
    const v = compute(key);
    cache.set(key, v);
    return v;
  };
}
