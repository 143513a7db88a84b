/**
 * Cases for equivalence.test.ts: every example under profiles/ (profiles/examples.json) under two rule-set choices,
 * and seeded mutations of the example bundles (answers, phones, personnummer, dates, diagnosis and treatment codes,
 * references, removed and duplicated elements, values of the wrong shape). The generator is a fixed-seed PRNG of
 * its own, so the cases depend only on this file and the examples.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import { z } from 'zod';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface EquivalenceCase {
  readonly name: string;
  readonly resource: Resource;
  readonly basePath: string;
  readonly ruleset?: string;
}

const PROFILES = join(import.meta.dirname, '../../../profiles');
const manifestSchema = z.array(z.object({ file: z.string() }));

/** Values a mutation writes: the kinds of data the rules read, plus wrong shapes. */
const VALUES: readonly Json[] = [
  null, {}, [], [null], [7], 'x', '', ' ', 7, -1, 0, 1.5, 12, 20, 30, 45, 100, true, false,
  '040-33 10 00', '+46 40 123 45 67', '040-123 45 67', '0771-123456', '020-123456', '123', '+4712345678', '0046 40 1234567',
  '199005152385', '199005152384', '199005752387', '201201012380', '20120101-2380',
  '2010-01-01', '2025-13-45', '2024-06-01', '2005-01-01', '2025-03-14T10:00:00Z', '2026-06-01',
  'F32.0', 'F32.1', 'F43.1', 'F42', 'F42.2', 'F41.1', 'F99', 'kbt', 'ipt', 'pdt', 'trauma-kbt', '75516001', '76168009', 'vardcentral', 'PS', 'LK',
  'urn:oid:1.2.752.116.1.1.1', 'urn:oid:1.2.752.116.1.1.1.1.3', 'Patient/x', 'Group/1', '#c1', '#', 'Organization/nowhere', 'https://x.se/fhir/Patient/p1',
  'urn:uuid:00000000-0000-4000-8000-0000000000ff', 'diagnos', 'behandlingsform', 'remittent-telefon', 'utokade-sessioner', 'parallell-psykiatri', 'okand',
  'completed', 'in-progress', 'entered-in-error', 'not-done', 'old', 'phone', 'email',
];
const RULESETS: readonly (string | undefined)[] = [undefined, 'proposed', 'skane-2024', '2024-06-01', 'nope'];

/** mulberry32: a small fixed-seed PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function paths(node: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (node === null || typeof node !== 'object') {
    return [prefix];
  }
  const children = Array.isArray(node) ? node.map((v, i) => [i, v] as const) : Object.entries(node);
  return [prefix, ...children.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

/** One mutation at a random element: remove it, duplicate or swap it in its array, or overwrite it. */
function mutate(root: Json, random: () => number): void {
  const all = paths(root).filter((p) => p.length > 0);
  const path = all[Math.floor(random() * all.length)];
  if (!path) {
    return;
  }
  let node: Json = root;
  for (const key of path.slice(0, -1)) {
    node = (node as Record<string | number, Json>)[key] ?? null;
  }
  const last = path.at(-1);
  if (last === undefined || node === null || typeof node !== 'object') {
    return;
  }
  const op = Math.floor(random() * 10);
  if (Array.isArray(node) && typeof last === 'number') {
    if (op <= 2) {
      node.splice(last, 1);
      return;
    }
    if (op === 3) {
      node.splice(last, 0, structuredClone(node[last] ?? null));
      return;
    }
    if (op === 4 && node.length > 1) {
      const other = (last + 1) % node.length;
      [node[last], node[other]] = [node[other] ?? null, node[last] ?? null];
      return;
    }
  } else if (op <= 2) {
    Reflect.deleteProperty(node, last);
    return;
  }
  (node as Record<string | number, Json>)[last] = structuredClone(VALUES[Math.floor(random() * VALUES.length)] ?? null);
}

export function equivalenceCases(mutations = 400, seed = 20251126): EquivalenceCase[] {
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(PROFILES, 'examples.json'), 'utf8')));
  const examples = manifest.map((m) => ({ name: m.file, json: JSON.parse(readFileSync(join(PROFILES, 'package', m.file), 'utf8')) as Json }));
  const cases: EquivalenceCase[] = [];
  for (const e of examples) {
    for (const ruleset of [undefined, 'proposed']) {
      const resource = structuredClone(e.json) as unknown as Resource;
      cases.push({ name: `${e.name} ${ruleset ?? 'auto'}`, resource, basePath: resource.resourceType, ...(ruleset ? { ruleset } : {}) });
    }
  }
  const bundles = examples.filter((e) => e.name.includes('/Bundle-'));
  const random = prng(seed);
  for (let n = 0; n < mutations; n++) {
    const base = bundles[Math.floor(random() * bundles.length)];
    if (!base) {
      break;
    }
    const json = structuredClone(base.json);
    const count = 1 + Math.floor(random() * 4);
    for (let m = 0; m < count; m++) {
      mutate(json, random);
    }
    const ruleset = RULESETS[Math.floor(random() * RULESETS.length)];
    const resource = json as unknown as Resource;
    cases.push({ name: `mutation ${String(n)}`, resource, basePath: 'Bundle', ...(ruleset ? { ruleset } : {}) });
  }
  return cases;
}
