/**
 * Dotted paths with repetitions over plain parsed objects (flat JSON, and the XML tree of fast-xml-parser):
 * `tidigare_behandling[*].typ`, `request.condition[*].code.code`. An array met without an index means its first
 * element (XML elements that happen to repeat); `[*]` enumerates and reports the repetition index.
 */
import type { Scalar } from '../../map/transforms/registry.ts';

interface Step {
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

/** Reads every scalar at `path`; empty strings count as absent. */
export function readObjectPath(root: unknown, path: string): ObjectHit[] {
  const out: ObjectHit[] = [];
  const steps = parsePath(path);
  const walk = (node: unknown, i: number, trail: string[], index: number | undefined): void => {
    if (i === steps.length) {
      const v = Array.isArray(node) ? (node as unknown[])[0] : node;
      const text = isRecord(v) && '#text' in v ? v['#text'] : v;
      if ((typeof text === 'string' && text.trim() !== '') || typeof text === 'number' || typeof text === 'boolean') {
        out.push({ value: text, trail, ...(index === undefined ? {} : { index }) });
      }
      return;
    }
    const step = steps[i];
    if (!step) {
      return;
    }
    const container = Array.isArray(node) ? (node as unknown[])[0] : node;
    if (!isRecord(container)) {
      return;
    }
    const child = container[step.name];
    if (child === undefined || child === null) {
      return;
    }
    const list: unknown[] = Array.isArray(child) ? (child as unknown[]) : [child];
    if (step.index === -1) {
      list.forEach((c, k) => {
        walk(c, i + 1, [...trail, `${step.name}[${k}]`], k);
      });
    } else {
      const k = step.index ?? 0;
      walk(list[k], i + 1, [...trail, step.index === undefined ? step.name : `${step.name}[${k}]`], index);
    }
  };
  walk(root, 0, [], undefined);
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
