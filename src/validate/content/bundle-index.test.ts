import type { Bundle } from '@medplum/fhirtypes';
import { indexBundle } from './bundle-index.ts';

const bundle: Bundle = {
  resourceType: 'Bundle',
  type: 'transaction',
  entry: [
    { fullUrl: 'urn:uuid:1', resource: { resourceType: 'Patient', id: 'p1' } },
    { fullUrl: 'https://example.se/fhir/Organization/o1', resource: { resourceType: 'Organization' } },
    { fullUrl: 'urn:uuid:3', resource: { resourceType: 'Patient' } },
    // a later entry claiming a key an earlier one has: the first one wins
    { fullUrl: 'Patient/p1', resource: { resourceType: 'Observation', status: 'final', code: {} } },
    { request: { method: 'DELETE', url: 'Patient/x' } },
  ],
};

test('resolves by fullUrl, Type/id, the Type/id tail of an absolute fullUrl, and _history; the first entry wins', () => {
  const index = indexBundle(bundle, 'Bundle');
  expect(index.resolve('urn:uuid:1')?.path).toBe('Bundle.entry[0].resource');
  expect(index.resolve('Patient/p1')?.path).toBe('Bundle.entry[0].resource');
  expect(index.resolve('Patient/p1/_history/2')?.path).toBe('Bundle.entry[0].resource');
  expect(index.resolve('Organization/o1')?.path).toBe('Bundle.entry[1].resource');
  expect(index.resolve('https://other.se/fhir/Organization/o1')?.path).toBe('Bundle.entry[1].resource');
  expect(index.resolve('urn:uuid:3')?.fullUrl).toBe('urn:uuid:3');
  expect(index.resolve('urn:uuid:9')).toBeUndefined();
  expect(index.resolve(undefined)).toBeUndefined();
});

test('entries without a resource are skipped; ofType keeps document order', () => {
  const index = indexBundle(bundle, 'Bundle');
  expect(index.entries.map((e) => e.path)).toEqual([0, 1, 2, 3].map((i) => `Bundle.entry[${i}].resource`));
  expect(index.ofType('Patient').map((e) => e.path)).toEqual(['Bundle.entry[0].resource', 'Bundle.entry[2].resource']);
  expect(index.ofType('Task')).toEqual([]);
});
