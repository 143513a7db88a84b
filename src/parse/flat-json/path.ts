/**
 * Dotted paths with repetitions over plain parsed objects (flat JSON, and the RIV XML tree of src/parse/riv/tree.ts):
 * `tidigare_behandling[*].typ`, `request.condition[*].code.code`. An array met without an index means its first
 * element (XML elements that happen to repeat); `[*]` enumerates and reports the repetition index.
 */
import type { Scalar } from '../../map/transforms/registry.ts';

export interface Step {
  readonly name: string;
  /** undefined: no index; -1: `[*]`; n: `[n]`. */
  readonly index: number | undefined;
}

export function parsePath(path: string): Step[] {
  return path.split('.').map((part) => {
    const m = /^(.*?)\[(\*|\d+)\]$/.exec(part);
    return m ? { name: m[1] ?? '', index: m[2] === '*' ? -1 : Number(m[2]) } : { name: part, index: undefined };
  });
}

export interface ObjectHit {
  readonly value: Scalar;
  /** The concrete steps taken, e.g. ['request', 'condition[1]', 'code']. */
  readonly trail: readonly string[];
  readonly index?: number;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The scalar a path ends on (`#text` of an XML element with children); undefined when empty or not a scalar. */
function leafScalar(node: unknown): Scalar | undefined {
  const v = Array.isArray(node) ? (node as unknown[])[0] : node;
  const text = isRecord(v) && '#text' in v ? v['#text'] : v;
  return (typeof text === 'string' && text.trim() !== '') || typeof text === 'number' || typeof text === 'boolean' ? text : undefined;
}

/** The child list a step leads to from `node` (an array met on the way means its first element); undefined when absent. */
function childOf(node: unknown, name: string): unknown {
  const container = Array.isArray(node) ? (node as unknown[])[0] : node;
  if (!isRecord(container)) {
    return undefined;
  }
  const child = container[name];
  return child === null ? undefined : child;
}

/**
 * Walks parsed `steps` from `root` and calls `hit` for every scalar found, with the repetition index taken at each
 * step (`taken[i]`, -1 for a step without index: reused between hits, copy what you keep) and the `[*]` index.
 */
export function walkPath(root: unknown, steps: readonly Step[], hit: (value: Scalar, taken: readonly number[], index: number | undefined) => void): void {
  const taken: number[] = new Array<number>(steps.length).fill(-1);
  const walk = (node: unknown, i: number, index: number | undefined): void => {
    for (; i < steps.length; i++) {
      const step = steps[i];
      const child = step === undefined ? undefined : childOf(node, step.name);
      if (step === undefined || child === undefined) {
        return;
      }
      const list = Array.isArray(child) ? (child as unknown[]) : undefined;
      if (step.index === -1) {
        const all = list ?? [child];
        for (let k = 0; k < all.length; k++) {
          taken[i] = k;
          walk(all[k], i + 1, k);
        }
        return;
      }
      const k = step.index ?? 0;
      taken[i] = step.index === undefined ? -1 : k;
      node = list ? list[k] : k === 0 ? child : undefined;
    }
    const value = leafScalar(node);
    if (value !== undefined) {
      hit(value, taken, index);
    }
  };
  walk(root, 0, undefined);
}

/** Reads every scalar at `path`; empty strings count as absent. `steps`: the path already parsed (parsePath). */
export function readObjectPath(root: unknown, path: string, steps: readonly Step[] = parsePath(path)): ObjectHit[] {
  const out: ObjectHit[] = [];
  walkPath(root, steps, (value, taken, index) => {
    const trail = steps.map((s, i) => (s.index === undefined ? s.name : `${s.name}[${taken[i] ?? 0}]`));
    out.push(index === undefined ? { value, trail } : { value, trail, index });
  });
  return out;
}

/** Writes a scalar at `path`, creating objects and arrays; `[*]` takes `index`. */
export function writeObjectPath(root: Record<string, unknown>, path: string, value: Scalar, index?: number): void {
  const steps = parsePath(path);
  let node: Record<string, unknown> = root;
  steps.forEach((step, i) => {
    const last = i === steps.length - 1;
    const k = step.index === -1 ? (index ?? 0) : step.index;
    if (k === undefined) {
      if (last) {
        node[step.name] = value;
        return;
      }
      const next = node[step.name];
      if (isRecord(next)) {
        node = next;
      } else {
        const created: Record<string, unknown> = {};
        node[step.name] = created;
        node = created;
      }
      return;
    }
    const arr: unknown[] = Array.isArray(node[step.name]) ? (node[step.name] as unknown[]) : [];
    node[step.name] = arr;
    if (last) {
      arr[k] = value;
      return;
    }
    const next = arr[k];
    if (isRecord(next)) {
      node = next;
    } else {
      const created: Record<string, unknown> = {};
      arr[k] = created;
      node = created;
    }
  });
}
