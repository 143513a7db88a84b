/**
 * walkPath (no trail copies) must read exactly what the former recursive reader read, and the flat JSON positions
 * built from the parsed steps must be the former JSON pointers.
 */
import fc from 'fast-check';
import { flatJsonDoc } from './parse.ts';
import { parsePath, readObjectPath } from './path.ts';
import type { ObjectHit } from './path.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The former readObjectPath, kept as the reference. */
function reference(root: unknown, path: string): ObjectHit[] {
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
    const container = Array.isArray(node) ? (node as unknown[])[0] : node;
    if (!step || !isRecord(container)) {
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

const names = ['a', 'b', '#text'] as const;
const leaf = fc.oneof(fc.constantFrom('', ' ', 'x', 'y z', null), fc.integer({ min: -2, max: 3 }), fc.boolean());
const tree = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, tie('object'), tie('array')),
  object: fc.dictionary(fc.constantFrom(...names), tie('node'), { maxKeys: 3 }),
  array: fc.array(tie('node'), { maxLength: 3 }),
})).node;
const step = fc.tuple(fc.constantFrom('a', 'b', '#text'), fc.constantFrom('', '[*]', '[0]', '[1]')).map(([n, i]) => `${n}${i}`);
const path = fc.array(step, { minLength: 1, maxLength: 4 }).map((s) => s.join('.'));

describe('readObjectPath', () => {
  it('reads what the former reader read, trails and indices included', () => {
    fc.assert(
      fc.property(tree, path, (root, p) => {
        expect(readObjectPath(root, p)).toEqual(reference(root, p));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('flatJsonDoc', () => {
  /** The former position: `JSON <prefix>` + the trail as a JSON pointer. */
  const pointer = (trail: readonly string[]): string => `/${trail.map((t) => t.replace(/\[(\d+)\]$/, '/$1')).join('/')}`;

  it('gives every hit the JSON pointer of its value, with the record prefix of an array export', () => {
    fc.assert(
      fc.property(tree, path, fc.constantFrom('', '/0', '/12'), (root, p, prefix) => {
        const expected = reference(root, p).map((h) => ({ value: h.value, position: `JSON ${prefix}${pointer(h.trail)}`, ...(h.index === undefined ? {} : { index: h.index }) }));
        expect(flatJsonDoc(root, prefix).read(p)).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads repeated values with their index and position', () => {
    const doc = flatJsonDoc({ tidigare_behandling: [{ typ: 'ikbt' }, { typ: '' }, { typ: 'kbt' }] }, '/1');
    expect(doc.read('tidigare_behandling[*].typ')).toEqual([
      { value: 'ikbt', position: 'JSON /1/tidigare_behandling/0/typ', index: 0 },
      { value: 'kbt', position: 'JSON /1/tidigare_behandling/2/typ', index: 2 },
    ]);
  });
});
