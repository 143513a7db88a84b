/** Malformed input gives issues, never an exception (issue 3: "never a stack trace"). */
import type { Resource } from '@medplum/fhirtypes';
import { createCompiler } from './plan.ts';
import { createValidator } from './validator.ts';
import { testValidator } from './testing.ts';
import type { Validator } from './types.ts';

let validator: Validator;
beforeAll(async () => {
  const { defs } = await testValidator();
  validator = createValidator(defs, {
    contentChecks: () => {
      throw new Error('boom');
    },
  });
});

const garbage: unknown[] = [
  null,
  42,
  'Patient',
  [],
  {},
  { resourceType: 7 },
  { resourceType: 'Bundle', entry: {} },
  { resourceType: 'Bundle', entry: [null, 1, { resource: 'x' }, { resource: { resourceType: 'Observation' } }] },
  { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { resourceType: 'ServiceRequest', identifier: 'x', meta: { profile: 'y' } } }] },
  { resourceType: 'Patient', meta: { profile: 'not-a-list' }, contained: {}, extension: [null, 'x', { url: 5 }] },
  { resourceType: 'Observation', code: { coding: 'x' }, subject: { reference: 5 }, valueQuantity: [] },
  { resourceType: 'Patient', _birthDate: [null], birthDate: ['1990'] },
];

test.each(garbage.map((g) => ({ g, name: JSON.stringify(g) })))('$name', ({ g }) => {
  const o = validator.validate(g as Resource);
  expect(o.resourceType).toBe('OperationOutcome');
  expect(o.issue.some((i) => i.severity === 'error')).toBe(true);
});

test('a content check that throws becomes an issue', () => {
  const o = validator.validate({ resourceType: 'Patient' });
  expect(o.issue.map((i) => i.details?.coding?.[0]?.code)).toEqual(['CONTENT-CHECK-FAILED']);
});

test('unknown profile URLs and type codes (they come from callers) do not grow the compiler caches', async () => {
  const { defs } = await testValidator();
  const compiler = createCompiler(defs, () => true);
  expect(compiler.type('Patient')).toBeDefined();
  expect(compiler.isResourceType('Patient')).toBe(true);
  const before = compiler.cacheSize();
  for (let i = 0; i < 500; i++) {
    expect(compiler.sd(`https://example.org/StructureDefinition/p-${String(i)}`)).toBeUndefined();
    expect(compiler.type(`Made${String(i)}Up`)).toBeUndefined();
    expect(compiler.isResourceType(`Made${String(i)}Up`)).toBe(false);
  }
  expect(compiler.cacheSize()).toBe(before);
  // Known ones are still remembered.
  compiler.type('Observation');
  expect(compiler.cacheSize()).toBeGreaterThan(before);
});
