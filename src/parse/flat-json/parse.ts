/** Flat journal export as JSON: one referral per object, Swedish keys (mappings/flat-json.to-fhir.json). */
import type { Scalar } from '../../map/transforms/registry.ts';
import type { SourceDoc, TargetDoc } from '../../map/source.ts';
import { compileSchema, DEFAULT_LIMITS, loadSchema, parseFailure, parseIssue, schemaIssues, tooLarge, toText } from '../limits.ts';
import type { ParseLimits, ParseResult } from '../limits.ts';
import { readObjectPath, writeObjectPath } from './path.ts';

function depth(v: unknown): number {
  if (typeof v !== 'object' || v === null) {
    return 0;
  }
  let max = 0;
  for (const c of Object.values(v)) {
    max = Math.max(max, depth(c));
  }
  return max + 1;
}

/** `/tidigare_behandling/0/typ` from the trail of an object path. */
function pointer(trail: readonly string[]): string {
  return `/${trail.map((t) => t.replace(/\[(\d+)\]$/, '/$1')).join('/')}`;
}

export function flatJsonDoc(root: unknown, prefix = ''): SourceDoc {
  return {
    read: (path) => readObjectPath(root, path).map((h) => ({ value: h.value, position: `JSON ${prefix}${pointer(h.trail)}`, ...(h.index === undefined ? {} : { index: h.index }) })),
    where: (path) => `JSON ${prefix}/${path.replaceAll('.', '/')}`,
  };
}

export function createFlatJsonParser(limits: ParseLimits = DEFAULT_LIMITS): (input: string | Buffer) => ParseResult {
  const validate = compileSchema(loadSchema(new URL('./schema.json', import.meta.url)));
  return (input) => {
    const big = tooLarge(input, limits);
    if (big) {
      return parseFailure([big]);
    }
    let root: unknown;
    try {
      root = JSON.parse(toText(input).replace(/^\uFEFF/, ''));
    } catch (err) {
      const message = err instanceof Error ? err.message : 'invalid JSON';
      return parseFailure([parseIssue('MAP-PARSE', `Ogiltig JSON: ${message}.`, `Invalid JSON: ${message}.`, 'JSON')]);
    }
    if (depth(root) > limits.maxDepth) {
      return parseFailure([parseIssue('MAP-TOO-DEEP', 'JSON-strukturen är för djup.', 'The JSON structure is too deep.', 'JSON')]);
    }
    if (!validate(root)) {
      return parseFailure(schemaIssues(validate, (p) => `JSON ${p || '/'}`));
    }
    const records: unknown[] = Array.isArray(root) ? root : [root];
    return { ok: true, docs: records.map((r, i) => flatJsonDoc(r, Array.isArray(root) ? `/${i}` : '')) };
  };
}

export function flatJsonTarget(): TargetDoc {
  const root: Record<string, unknown> = {};
  return {
    write: (path: string, value: Scalar, index?: number) => {
      writeObjectPath(root, path, value, index);
    },
    serialise: () => `${JSON.stringify(root, null, 2)}\n`,
  };
}
