/**
 * The bundle reader evaluates `Bundle.entry.resource.ofType(T)` once per type and the rest of each expression on
 * that collection: it must read what evaluating every whole expression read, on the golden bundles and on bundles
 * with resources repeated, missing, reordered or changed.
 */
import { readFileSync } from 'node:fs';
import { evalFhirPath } from '@medplum/core';
import type { Bundle, BundleEntry } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { fieldKey } from '../engine.ts';
import { loadMappings } from '../load.ts';
import type { FieldDef } from '../load.ts';
import type { ReferralRecord } from '../record.ts';
import type { Scalar } from '../transforms/registry.ts';
import { compileBundleReader, isPlainChain } from './read-bundle.ts';

const mappings = loadMappings();
const read = compileBundleReader(mappings.fields, mappings.fhirPaths);

/** The former reader: every expression evaluated whole on the bundle. */
function reference(bundle: Bundle, fields: readonly FieldDef[]): ReferralRecord {
  const scalar = (def: FieldDef, v: unknown): Scalar | undefined =>
    typeof v === 'string' ? (def.type === 'date' ? v.slice(0, 10) : v) : typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
  const record: Record<string, Scalar> = {};
  for (const def of fields) {
    if (def.each !== undefined) {
      evalFhirPath(def.each, bundle).forEach((resource, i) => {
        const v = scalar(def, evalFhirPath(def.read, resource)[0]);
        if (v !== undefined) {
          record[fieldKey(def.field, i)] = v;
        }
      });
    } else {
      const v = scalar(def, evalFhirPath(def.read, bundle)[0]);
      if (v !== undefined) {
        record[def.field] = v;
      }
    }
  }
  return record;
}

const golden = ['flat-json/basic', 'csv/basic', 'riv/basic', 'hl7/ptsd-nearest'].map(
  (name) => JSON.parse(readFileSync(new URL(`../../../test/golden/${name}.expected.json`, import.meta.url), 'utf8')) as Bundle,
);

describe('compileBundleReader', () => {
  it.each(golden.map((b, i) => [i, b] as const))('reads golden bundle %i as the whole expressions do', (_i, bundle) => {
    const rec = read(bundle);
    expect(Object.keys(rec).length).toBeGreaterThan(20);
    expect(rec).toEqual(reference(bundle, mappings.fields));
  });

  it('reads changed bundles as the whole expressions do', () => {
    const clone = (e: BundleEntry): BundleEntry => JSON.parse(JSON.stringify(e)) as BundleEntry;
    const change = fc.constantFrom(
      (e: BundleEntry): BundleEntry => e,
      (e: BundleEntry): BundleEntry => {
        const c = clone(e);
        const r = c.resource as unknown as Record<string, unknown> | undefined;
        if (r) {
          r['name'] = r['name'] === undefined ? 'Namn' : '';
          r['code'] = { coding: [{ code: 'a' }, { code: 'DUDIT' }] };
          r['valueInteger'] = 7;
          r['valueString'] = 'x';
        }
        return c;
      },
      (e: BundleEntry): BundleEntry => {
        const c = clone(e);
        const r = c.resource as unknown as Record<string, unknown> | undefined;
        if (r) {
          r['identifier'] = [{ system: 'http://electronichealth.se/identifier/samordningsnummer', value: '' }, { value: 'second' }];
          r['type'] = [{ coding: [{ code: 'vardcentral' }] }, { coding: [{ code: 'psykoterapimottagning' }] }];
          r['extension'] = [];
        }
        return c;
      },
    );
    fc.assert(
      fc.property(fc.constantFrom(...golden), fc.array(fc.tuple(fc.nat(), change), { maxLength: 16 }), (bundle, picks) => {
        const entries = bundle.entry ?? [];
        const changed: Bundle = { ...bundle, entry: picks.map(([n, f]) => f(entries[n % Math.max(1, entries.length)] ?? {})) };
        expect(read(changed)).toEqual(reference(changed, mappings.fields));
      }),
      { numRuns: 300 },
    );
  });

  it('splits off only plain chains', () => {
    expect(isPlainChain("identifier.where(system='a' or system='b').value")).toBe(true);
    expect(isPlainChain("item.where(linkId='x)').answer[0].value")).toBe(true);
    expect(isPlainChain('name.given.first()')).toBe(true);
    expect(isPlainChain('name | identifier')).toBe(false);
    expect(isPlainChain("code = 'a'")).toBe(false);
    expect(isPlainChain('a.b)')).toBe(false);
    expect(isPlainChain("a.where(b='c")).toBe(false);
  });
});
