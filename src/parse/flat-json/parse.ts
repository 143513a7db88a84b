/** Flat journal export as JSON: one referral per object, Swedish keys (mappings/flat-json.to-fhir.json). */
import type { Scalar } from '../../map/transforms/registry.ts';
import type { SourceDoc, SourceHit, TargetDoc } from '../../map/source.ts';
import { compileSchema, DEFAULT_LIMITS, loadSchema, parseFailure, parseIssue, perKey, schemaIssues, tooLarge, toText } from '../limits.ts';
import type { ParseLimits, ParseResult } from '../limits.ts';
import { parsePath, walkPath, writeObjectPath } from './path.ts';
import type { Step } from './path.ts';

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

/** A mapping path parsed once per parser: its steps, and the pointer of its hits when no step takes an index. */
export interface JsonPath {
  readonly steps: readonly Step[];
  readonly pointer: string | undefined;
}

export function compileJsonPath(path: string): JsonPath {
  const steps = parsePath(path);
  return { steps, pointer: steps.every((s) => s.index === undefined) ? `/${steps.map((s) => s.name).join('/')}` : undefined };
}

/** `/tidigare_behandling/0/typ` from the steps and the repetition taken at each. */
function pointer(steps: readonly Step[], taken: readonly number[]): string {
  let out = '';
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    out += s === undefined ? '/' : s.index === undefined ? `/${s.name}` : `/${s.name}/${taken[i] ?? 0}`;
  }
  return out;
}

/** `paths`: the parser's cache of parsed mapping paths (default: parse on every read). */
export function flatJsonDoc(root: unknown, prefix = '', paths: (path: string) => JsonPath = compileJsonPath): SourceDoc {
  const base = `JSON ${prefix}`;
  return {
    read: (path) => {
      const p = paths(path);
      const hits: SourceHit[] = [];
      walkPath(root, p.steps, (value, taken, index) => {
        const position = base + (p.pointer ?? pointer(p.steps, taken));
        hits.push(index === undefined ? { value, position } : { value, position, index });
      });
      return hits;
    },
    where: (path) => `JSON ${prefix}/${path.replaceAll('.', '/')}`,
  };
}

export function createFlatJsonParser(limits: ParseLimits = DEFAULT_LIMITS): (input: string | Buffer) => ParseResult {
  const validate = compileSchema(loadSchema(new URL('./schema.json', import.meta.url)));
  // The mapping file's paths, parsed once per parser rather than once per message and rule.
  const paths = perKey<JsonPath>(compileJsonPath);
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
    return { ok: true, docs: records.map((r, i) => flatJsonDoc(r, Array.isArray(root) ? `/${i}` : '', paths)) };
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
