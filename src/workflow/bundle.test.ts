import type { Bundle } from '@medplum/fhirtypes';
import { entryFor, resolveBundle } from './bundle.ts';
import { canonicalJson, contentHash } from './canonical.ts';

const bundle: Bundle = {
  resourceType: 'Bundle',
  type: 'transaction',
  entry: [
    {
      fullUrl: 'urn:uuid:a',
      resource: {
        resourceType: 'ServiceRequest',
        status: 'active',
        intent: 'order',
        subject: { reference: 'urn:uuid:b' },
        supportingInfo: [{ reference: 'urn:uuid:c' }, { reference: 'Observation/already-stored' }],
        contained: [{ resourceType: 'Basic', code: { text: 'x' }, subject: { reference: 'urn:uuid:b' } }],
      },
    },
    { fullUrl: 'urn:uuid:b', resource: { resourceType: 'Patient' } },
    { fullUrl: 'urn:uuid:c', resource: { resourceType: 'Observation', status: 'final', code: { text: 'AUDIT' }, subject: { reference: 'urn:uuid:b' } } },
    { fullUrl: 'urn:uuid:empty' },
  ],
};

describe('resolveBundle', () => {
  test('assigns ids and rewrites every reference to an entry, also in contained resources; keeps other references', () => {
    const resolved = resolveBundle(bundle, (r, i) => `${r.resourceType.toLowerCase()}-${i}`);
    expect(resolved.map((e) => [e.index, e.resource.id])).toEqual([
      [0, 'servicerequest-0'],
      [1, 'patient-1'],
      [2, 'observation-2'],
    ]);
    expect(resolved[0]?.resource).toMatchObject({
      subject: { reference: 'Patient/patient-1' },
      supportingInfo: [{ reference: 'Observation/observation-2' }, { reference: 'Observation/already-stored' }],
      contained: [{ subject: { reference: 'Patient/patient-1' } }],
    });
    // The input is not modified.
    expect(bundle.entry?.[0]?.resource).toMatchObject({ subject: { reference: 'urn:uuid:b' } });
  });

  test('a hostile __proto__ key stays data and does not become a prototype', () => {
    const hostile = JSON.parse('{"resourceType":"Bundle","type":"transaction","entry":[{"fullUrl":"urn:uuid:p","resource":{"resourceType":"Patient","__proto__":{"polluted":true}}}]}') as Bundle;
    const [entry] = resolveBundle(hostile, () => 'p1');
    expect(Object.getPrototypeOf(entry?.resource)).toBe(Object.prototype);
    expect(Reflect.get(entry?.resource ?? {}, 'polluted')).toBeUndefined();
    expect(JSON.stringify(entry?.resource)).toContain('"__proto__":{"polluted":true}');
  });

  test('entryFor finds an entry by fullUrl', () => {
    expect(entryFor(bundle, 'urn:uuid:c')?.resourceType).toBe('Observation');
    expect(entryFor(bundle, 'urn:uuid:zzz')).toBeUndefined();
    expect(entryFor(bundle, undefined)).toBeUndefined();
  });
});

describe('canonical JSON', () => {
  test('key order and undefined members do not matter; values and array order do', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: undefined } })).toBe('{"a":{"d":[2,1]},"b":1}');
    expect(contentHash({ a: 1, b: 2 })).toBe(contentHash({ b: 2, a: 1 }));
    expect(contentHash({ a: [1, 2] })).not.toBe(contentHash({ a: [2, 1] }));
  });
});
