import type { CodeSystem, ValueSet } from '@medplum/fhirtypes';
import { buildDefinitions } from './definitions.ts';
import { createTerminology, normaliseSystem } from './terminology.ts';

const cs: CodeSystem = {
  resourceType: 'CodeSystem',
  url: 'urn:oid:1.2.752.116.1.1.1',
  status: 'active',
  content: 'fragment',
  concept: [{ code: 'F40', concept: [{ code: 'F40.0', concept: [{ code: 'F40.00' }] }, { code: 'F40.1' }] }, { code: 'F32.1' }],
};
const vs = (url: string, compose: ValueSet['compose']): ValueSet => ({ resourceType: 'ValueSet', url, status: 'active', compose });
const defs = buildDefinitions(
  [],
  [
    cs,
    vs('urn:vs:is-a', { include: [{ system: cs.url, filter: [{ property: 'concept', op: 'is-a', value: 'F40' }] }] }),
    vs('urn:vs:descendent', { include: [{ system: cs.url, filter: [{ property: 'concept', op: 'descendent-of', value: 'F40' }] }] }),
    vs('urn:vs:all-but', { include: [{ system: cs.url }], exclude: [{ system: cs.url, concept: [{ code: 'F32.1' }] }] }),
    vs('urn:vs:nested', { include: [{ valueSet: ['urn:vs:descendent'] }, { system: 'http://snomed.info/sct' }] }),
    vs('urn:vs:listed', { include: [{ system: 'http://loinc.org', concept: [{ code: '75624-7' }] }] }),
  ],
);
const t = createTerminology(defs);
const ICD = 'urn:oid:1.2.752.116.1.1.1';

test('is-a includes the concept and its descendants; descendent-of excludes the concept itself', () => {
  expect(['F40', 'F40.0', 'F40.00', 'F40.1', 'F32.1'].map((c) => t.member('urn:vs:is-a', ICD, c))).toEqual([
    'member',
    'member',
    'member',
    'member',
    'not-member',
  ]);
  expect(t.member('urn:vs:descendent', ICD, 'F40')).toBe('not-member');
  expect(t.member('urn:vs:descendent', ICD, 'F40.00')).toBe('member');
});

test('a whole system minus an exclude', () => {
  expect(t.member('urn:vs:all-but', ICD, 'F40.1')).toBe('member');
  expect(t.member('urn:vs:all-but', ICD, 'F32.1')).toBe('not-member');
});

test('nested value sets; a system we do not hold (SNOMED CT) accepts any code, other systems do not', () => {
  expect(t.member('urn:vs:nested', ICD, 'F40.0')).toBe('member');
  expect(t.member('urn:vs:nested', 'http://snomed.info/sct', '75516001')).toBe('member');
  expect(t.member('urn:vs:nested', 'http://loinc.org', '1-8')).toBe('not-member');
  expect(t.member('urn:vs:listed', 'http://loinc.org', '75624-7')).toBe('member');
  expect(t.member('urn:vs:listed', 'http://loinc.org', '44261-6')).toBe('not-member');
});

test('code-system aliases are normalised before lookup (standards.md §1–2)', () => {
  expect(normaliseSystem('urn:oid:1.2.752.116.1.1.1.1.3')).toBe(ICD);
  expect(normaliseSystem('urn:oid:1.2.752.129.2.1.4.1')).toBe('urn:oid:1.2.752.29.4.19');
  expect(t.member('urn:vs:is-a', 'urn:oid:1.2.752.116.1.1.1.1.3', 'F40.1')).toBe('member');
});

test('an unknown value set is "unknown", never an error by itself; bare codes are looked up across systems', () => {
  expect(t.member('urn:vs:none', ICD, 'F40')).toBe('unknown');
  expect(t.member('urn:vs:listed', undefined, '75624-7')).toBe('member');
});
