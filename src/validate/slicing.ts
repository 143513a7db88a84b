/**
 * Slice matching (issue 3, layer 2): discriminators `value`, `pattern`, `exists`, `type` and `profile`, with
 * paths like `system`, `code.coding.code`, `url`, `$this`, `resource`, `extension('url')`, `resolve()`.
 * See https://hl7.org/fhir/R4/profiling.html#discriminator
 */
import type { Resource } from '@medplum/fhirtypes';
import type { Walk } from './context.ts';
import { deepEquals, deepIncludes } from './deep.ts';
import type { Node, Slicing } from './compiled.ts';
import type { ConformsFn } from './references.ts';
import { locateReference } from './references.ts';

function isResource(v: unknown): v is Resource {
  return typeof v === 'object' && v !== null && typeof (v as { resourceType?: unknown }).resourceType === 'string';
}

/** Splits a discriminator path on dots outside parentheses and quotes. */
function segments(path: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  let quote = false;
  for (const ch of path) {
    if (ch === "'") {
      quote = !quote;
    } else if (!quote && ch === '(') {
      depth++;
    } else if (!quote && ch === ')') {
      depth--;
    }
    if (ch === '.' && depth === 0 && !quote) {
      out.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  out.push(cur);
  return out;
}

function valuesAt(w: Walk, item: unknown, segs: readonly string[]): unknown[] {
  let values: unknown[] = [item];
  for (const seg of segs) {
    if (seg === '$this') {
      continue;
    }
    const next: unknown[] = [];
    const ext = seg.startsWith('extension(') ? /^extension\('(.*)'\)$/.exec(seg) : null;
    for (const v of values) {
      if (typeof v !== 'object' || v === null) {
        continue;
      }
      if (seg === 'resolve()') {
        const ref = (v as { reference?: unknown }).reference;
        const found = typeof ref === 'string' ? locateReference(w, ref) : undefined;
        if (found) {
          next.push(found.resource);
        }
        continue;
      }
      if (seg.startsWith('ofType(')) {
        next.push(v);
        continue;
      }
      const key = ext ? 'extension' : seg;
      const raw = (v as Record<string, unknown>)[key];
      const list: unknown[] = Array.isArray(raw) ? (raw as unknown[]) : raw === undefined ? [] : [raw];
      if (ext) {
        for (const e of list) {
          if ((e as { url?: unknown } | null)?.url === ext[1]) {
            next.push(e);
          }
        }
      } else {
        next.push(...list);
      }
    }
    values = next;
  }
  return values;
}

/** The element inside a slice that a discriminator path points at (slice children, by name). */
function elementAt(slice: Node, path: string): Node | undefined {
  let node: Node | undefined = slice;
  for (const seg of segments(path)) {
    if (seg === '$this' || seg === 'resolve()' || seg.startsWith('ofType(')) {
      continue;
    }
    const ext = /^extension\('(.*)'\)$/.exec(seg);
    if (ext) {
      node = node.children.find((c) => c.name === 'extension')?.slices.find((s) => s.types[0]?.profiles[0] === ext[1]);
    } else {
      node = node.children.find((c) => c.name === seg || (c.name.endsWith('[x]') && c.name.slice(0, -3) === seg));
    }
    if (!node) {
      return undefined;
    }
  }
  return node;
}

/** One discriminator of one slice, resolved once per validator. */
interface CompiledDiscriminator {
  readonly type: string;
  readonly path: string;
  readonly segments: readonly string[];
  readonly el: Node | undefined;
  readonly expected: unknown;
  readonly exact: boolean;
}

function compileDiscriminator(slice: Node, d: { type: string; path: string }): CompiledDiscriminator {
  const el = elementAt(slice, d.path);
  // Extension slices are discriminated by url, which the slice states through its type's profile.
  const expected = el?.fixed ?? el?.pattern ?? (d.path === 'url' ? slice.types[0]?.profiles[0] : undefined);
  return { type: d.type, path: d.path, segments: segments(d.path), el, expected, exact: el?.fixed !== undefined || el?.pattern === undefined };
}

/** Per-validator cache of compiled discriminators, keyed by slice node. */
export type SliceCache = Map<Node, readonly CompiledDiscriminator[]>;
export type SliceIndexCache = Map<Node, { segs: readonly string[]; index: Map<unknown, Node> } | undefined>;

function matchesDiscriminator(
  w: Walk,
  item: unknown,
  slice: Node,
  d: CompiledDiscriminator,
  path: string,
  conforms: ConformsFn,
): boolean {
  const values = valuesAt(w, item, d.segments);
  const el = d.el;
  switch (d.type) {
    case 'value':
    case 'pattern': {
      const expected = d.expected;
      if (expected !== undefined) {
        return values.some((v) => (d.exact ? deepEquals(v, expected) : deepIncludes(v, expected)));
      }
      const b = el?.binding;
      if (b?.strength === 'required') {
        const t = w.call.engine.terminology;
        return values.some((v) => {
          const c = v as { system?: unknown; code?: unknown; coding?: unknown };
          const codings: unknown[] = typeof v === 'string' ? [{ code: v }] : Array.isArray(c.coding) ? c.coding : [c];
          return codings.some((x) => {
            const cx = x as { system?: unknown; code?: unknown };
            return (
              typeof cx.code === 'string' &&
              t.member(b.valueSet, typeof cx.system === 'string' ? cx.system : undefined, cx.code) === 'member'
            );
          });
        });
      }
      return false;
    }
    case 'exists':
      return el ? (el.min > 0 ? values.length > 0 : el.max === 0 ? values.length === 0 : true) : false;
    case 'type': {
      const codes = (el ?? slice).types.map((t) => t.code);
      return values.some((v) => isResource(v) && codes.includes(v.resourceType));
    }
    case 'profile': {
      const profiles = (el ?? slice).types.flatMap((t) => t.profiles);
      return values.some((v) => isResource(v) && profiles.some((p) => conforms(w, v, p, `${path}.${d.path}`)));
    }
    default:
      return false;
  }
}

/**
 * One value discriminator whose slices all expect a primitive (`request.url` = "Patient", `url` = an extension's
 * canonical, `system` = ...): a Map from that value to the slice, so an item costs one lookup, not one test per
 * slice. Undefined when the slicing is not of that shape.
 */
function primitiveIndex(w: Walk, node: Node, slicing: Slicing): { segs: readonly string[]; index: Map<unknown, Node> } | undefined {
  const cache = w.call.engine.sliceIndexes;
  if (cache.has(node)) {
    return cache.get(node);
  }
  let result: { segs: readonly string[]; index: Map<unknown, Node> } | undefined;
  const d = slicing.discriminators[0];
  if (slicing.discriminators.length === 1 && d && (d.type === 'value' || d.type === 'pattern')) {
    const index = new Map<unknown, Node>();
    let ok = true;
    for (const slice of node.slices) {
      const c = compileDiscriminator(slice, d);
      const e = c.expected;
      if ((typeof e !== 'string' && typeof e !== 'number' && typeof e !== 'boolean') || index.has(e)) {
        ok = false;
        break;
      }
      index.set(e, slice);
    }
    result = ok ? { segs: segments(d.path), index } : undefined;
  }
  cache.set(node, result);
  return result;
}

export function matchSlice(w: Walk, item: unknown, node: Node, slicing: Slicing, path: string, conforms: ConformsFn): Node | undefined {
  if (slicing.discriminators.length === 0) {
    return undefined;
  }
  const fast = primitiveIndex(w, node, slicing);
  if (fast) {
    for (const v of valuesAt(w, item, fast.segs)) {
      const slice = fast.index.get(v);
      if (slice) {
        return slice;
      }
    }
    return undefined;
  }
  const cache = w.call.engine.slices;
  for (const slice of node.slices) {
    let compiled = cache.get(slice);
    if (!compiled) {
      compiled = slicing.discriminators.map((d) => compileDiscriminator(slice, d));
      cache.set(slice, compiled);
    }
    if (compiled.every((d) => matchesDiscriminator(w, item, slice, d, path, conforms))) {
      return slice;
    }
  }
  return undefined;
}
