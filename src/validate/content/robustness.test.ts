/**
 * Input to a validator is untrusted JSON. Every element of a valid referral, replaced in turn by a value of the
 * wrong shape, must give issues or none — never an exception from the content checks.
 */
import type { Bundle } from '@medplum/fhirtypes';
import { testDefinitions } from './fixtures-definitions.ts';
import { referralBundle } from './fixtures.ts';
import { createContentCheck } from './index.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function paths(node: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (node === null || typeof node !== 'object') {
    return [prefix];
  }
  const children = Array.isArray(node) ? node.map((v, i) => [i, v] as const) : Object.entries(node);
  return [prefix, ...children.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

function replaced(root: Json, path: (string | number)[], value: Json): Json {
  const copy = structuredClone(root);
  let node: Json = copy;
  for (const key of path.slice(0, -1)) {
    node = (node as Record<string | number, Json>)[key] ?? null;
  }
  const last = path.at(-1);
  if (last !== undefined && node !== null && typeof node === 'object') {
    (node as Record<string | number, Json>)[last] = value;
  }
  return copy;
}

test('no element of the wrong shape makes the content checks throw', () => {
  const defs = testDefinitions();
  const check = createContentCheck();
  const valid = JSON.parse(JSON.stringify(referralBundle({ parallelCare: { present: true, reason: 'x' }, task: { firstSessionDate: '2025-04-01', sessionsUsed: 3 }, plannedSessions: 12, extendedSessions: false }))) as Json;
  const all = paths(valid).filter((p) => p.length > 0);
  const garbage: Json[] = [null, 'x', 7, true, [], {}, [null], [7]];
  let runs = 0;
  for (const p of all) {
    for (const g of garbage) {
      const mutated: Bundle = JSON.parse(JSON.stringify(replaced(valid, p, g)));
      expect(() => check(mutated, { defs, basePath: 'Bundle' })).not.toThrow();
      runs++;
    }
  }
  expect(runs).toBeGreaterThan(1000);
});
