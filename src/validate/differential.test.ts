/**
 * Differential test (issue 3, "Done when"): generated mutations of a valid bundle; our structural verdict on
 * each mutated entry must agree with medplum's base validation (`validateResource(resource)`, no profile),
 * except where medplum is wrong — those cases are listed in KNOWN with the reason.
 */
import { validateResource } from '@medplum/core';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { found, testValidator } from './testing.ts';
import type { Validator } from './types.ts';

let validator: Validator;
beforeAll(async () => {
  ({ validator } = await testValidator());
});

const valid: Bundle = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    {
      fullUrl: 'urn:uuid:5f0c6b2e-0000-4000-8000-000000000001',
      resource: {
        resourceType: 'Patient',
        id: 'p1',
        identifier: [{ system: 'http://electronichealth.se/identifier/personnummer', value: '191212121212' }],
        name: [{ family: 'Testsson', given: ['Tolvan'] }],
        telecom: [{ system: 'phone', value: '+46 40 123456', use: 'work' }],
        birthDate: '1912-12-12',
        active: true,
      },
    },
    {
      fullUrl: 'urn:uuid:5f0c6b2e-0000-4000-8000-000000000002',
      resource: {
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '75624-7' }] },
        subject: { reference: 'urn:uuid:5f0c6b2e-0000-4000-8000-000000000001' },
        effectiveDateTime: '2025-01-15T10:00:00+01:00',
        valueInteger: 12,
      },
    },
    {
      fullUrl: 'urn:uuid:5f0c6b2e-0000-4000-8000-000000000003',
      resource: {
        resourceType: 'ServiceRequest',
        status: 'active',
        intent: 'order',
        subject: { reference: 'urn:uuid:5f0c6b2e-0000-4000-8000-000000000001' },
        authoredOn: '2025-02-01',
        quantityQuantity: { value: 16, unit: 'sessioner' },
        note: [{ text: 'Remiss' }],
      },
    },
    {
      fullUrl: 'urn:uuid:5f0c6b2e-0000-4000-8000-000000000004',
      resource: {
        resourceType: 'Condition',
        code: { coding: [{ system: 'urn:oid:1.2.752.116.1.1.1', code: 'F32.1' }] },
        subject: { reference: 'urn:uuid:5f0c6b2e-0000-4000-8000-000000000001' },
        recordedDate: '2025-01-10',
      },
    },
  ],
};

type Json = Record<string, unknown>;
interface Mutation {
  readonly name: string;
  readonly entry: number;
  readonly resource: Resource;
}

/** Every path to a value in a resource, as a list of keys/indices. */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) {
    return v.flatMap((x, i) => [[...prefix, i], ...paths(x, [...prefix, i])]);
  }
  if (typeof v === 'object' && v !== null) {
    return Object.entries(v).flatMap(([k, x]) => (k === 'resourceType' ? [] : [[...prefix, k], ...paths(x, [...prefix, k])]));
  }
  return [];
}

function mutate(resource: Resource, path: (string | number)[], change: (parent: Json | unknown[], key: string | number) => void): Resource {
  const copy = structuredClone(resource) as unknown as Json;
  let parent: Json | unknown[] = copy;
  for (const k of path.slice(0, -1)) {
    parent = (parent as Record<string | number, unknown>)[k] as Json | unknown[];
  }
  change(parent, path[path.length - 1]!);
  return copy as unknown as Resource;
}

function mutations(): Mutation[] {
  const out: Mutation[] = [];
  (valid.entry ?? []).forEach((e, entry) => {
    const r = e.resource!;
    for (const p of paths(r)) {
      const name = `${r.resourceType}.${p.join('.')}`;
      const at = (parent: Json | unknown[], key: string | number): unknown => (parent as Record<string | number, unknown>)[key];
      const set = (v: unknown) => (parent: Json | unknown[], key: string | number) => {
        (parent as Record<string | number, unknown>)[key] = v;
      };
      out.push({ name: `delete ${name}`, entry, resource: mutate(r, p, (parent, key) => {
        if (Array.isArray(parent)) {
          parent.splice(Number(key), 1);
        } else {
          Reflect.deleteProperty(parent, key);
        }
      }) });
      out.push({ name: `unknown element beside ${name}`, entry, resource: mutate(r, p, (parent) => {
        if (!Array.isArray(parent)) {
          parent.unknownThing = 'x';
        }
      }) });
      const probe = mutate(r, p, () => undefined) as unknown as Json;
      let current: unknown = probe;
      for (const k of p) {
        current = (current as Record<string | number, unknown>)[k];
      }
      if (typeof current === 'string') {
        out.push({ name: `empty string ${name}`, entry, resource: mutate(r, p, set('')) });
        out.push({ name: `wrong type (number) ${name}`, entry, resource: mutate(r, p, set(42)) });
        out.push({ name: `bad format ${name}`, entry, resource: mutate(r, p, set(' leading space and\ttab')) });
      } else if (typeof current === 'number') {
        out.push({ name: `wrong type (string) ${name}`, entry, resource: mutate(r, p, set('12')) });
        out.push({ name: `decimal for integer ${name}`, entry, resource: mutate(r, p, set(1.5)) });
      } else if (typeof current === 'boolean') {
        out.push({ name: `wrong type (string) ${name}`, entry, resource: mutate(r, p, set('true')) });
      } else if (Array.isArray(current)) {
        out.push({ name: `empty array ${name}`, entry, resource: mutate(r, p, set([])) });
        out.push({ name: `single value for array ${name}`, entry, resource: mutate(r, p, (parent, key) => {
          (parent as Record<string | number, unknown>)[key] = (at(parent, key) as unknown[])[0];
        }) });
      } else if (typeof current === 'object' && current !== null) {
        out.push({ name: `empty object ${name}`, entry, resource: mutate(r, p, set({})) });
        out.push({ name: `array for single value ${name}`, entry, resource: mutate(r, p, (parent, key) => {
          (parent as Record<string | number, unknown>)[key] = [at(parent, key)];
        }) });
      }
    }
  });
  return out;
}

function medplumValid(r: Resource): boolean {
  try {
    validateResource(r);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where medplum's base validation (5.2.13) is wrong, by the rule we report, with why:
 * - FHIR-EMPTY: medplum drops empty strings, arrays and objects before checking, so `"birthDate": ""`,
 *   `"identifier": []` and `"subject": {}` pass; R4 JSON forbids all three (https://hl7.org/fhir/R4/json.html:
 *   string values never empty, no empty arrays or objects).
 * - FHIR-FORMAT on a resource's `id`: R4 types Resource.id as `id` ([A-Za-z0-9\-.]{1,64}); medplum reads the
 *   snapshot's FHIRPath String and checks it as a plain string (https://hl7.org/fhir/R4/resource.html#id).
 * (medplum also checks no terminology at all; the mutations here never produce a well-formed code outside its
 * value set, so that difference is covered by the binding tests in validator.test.ts instead.)
 */
const KNOWN: ReadonlyMap<string, (expression: string) => boolean> = new Map([
  ['FHIR-EMPTY', () => true],
  ['FHIR-FORMAT', (e: string) => /\.resource\.id$/.test(e)],
]);

describe('structural verdicts agree with medplum base validation', () => {
  const all = mutations();

  test('the unmutated bundle is valid for both', () => {
    expect(found(validator.validate(valid))).toEqual([]);
    for (const e of valid.entry ?? []) {
      expect(medplumValid(e.resource!)).toBe(true);
    }
  });

  test(`${all.length} generated mutations: same verdict per entry, except the listed medplum shortcomings`, () => {
    expect(all.length).toBeGreaterThan(150);
    const disagreements: string[] = [];
    const known: string[] = [];
    for (const m of all) {
      const b = structuredClone(valid);
      b.entry![m.entry]!.resource = m.resource;
      const prefix = `Bundle.entry[${m.entry}].resource`;
      const errors = validator
        .validate(b)
        .issue.filter((i) => i.severity === 'error' && (i.expression?.[0] ?? '').startsWith(prefix))
        .map((i) => ({ rule: i.details?.coding?.[0]?.code ?? '', at: i.expression?.[0] ?? '' }));
      const ours = errors.length === 0;
      const theirs = medplumValid(m.resource);
      if (ours !== theirs) {
        const explained = !ours && errors.every((e) => KNOWN.get(e.rule)?.(e.at) === true);
        (explained ? known : disagreements).push(
          `${m.name}: ours ${ours ? 'valid' : `invalid (${errors.map((e) => e.rule).join(', ')})`}, medplum ${theirs ? 'valid' : 'invalid'}`,
        );
      }
    }
    if (process.env.SHOW_KNOWN) {
      process.stdout.write(`${known.join('\n')}\n`); // for docs/benchmarks.md
    }
    expect(disagreements).toEqual([]);
    // the listed shortcomings do occur in the generated set (so the list is not stale)
    expect(known.length).toBeGreaterThan(0);
  });
});
