/**
 * Every example of the IG gets its expected verdict (issue 3, "Done when"): the engine over profiles/package with
 * the content checks plugged in. Valid ones are valid; each invalid one fails with its named rule and nothing
 * beyond the rules its manifest entry lists in `also` (profiles/examples.json).
 */
import { join } from 'node:path';
import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { igPackageDir, loadExampleManifest, loadIgPackage } from '../ig/package.ts';
import { createContentCheck } from './content/index.ts';
import { loadDefinitions } from './definitions.ts';
import type { Validator } from './types.ts';
import { createValidator, isValid } from './validator.ts';

let validator: Validator;
let engineOnly: Validator;
const examples = new Map<string, Resource>();
const manifest = loadExampleManifest();

beforeAll(async () => {
  const dir = igPackageDir();
  const pkg = loadIgPackage(dir);
  const defs = await loadDefinitions({ igDir: dir });
  validator = createValidator(defs, { contentChecks: createContentCheck() });
  engineOnly = createValidator(defs);
  const exampleIndex = loadIgPackage(dir).examples;
  for (const m of manifest) {
    const id = m.file.replace(/^example\/[A-Za-z]+-/, '').replace(/\.json$/, '');
    const r = exampleIndex.find((e) => e.id === id);
    if (r) {
      examples.set(m.file, r);
    }
  }
  expect(pkg.examples.length).toBeGreaterThan(0);
});

function ids(o: OperationOutcome, severities: readonly string[]): string[] {
  return [...new Set(o.issue.filter((i) => severities.includes(i.severity)).map((i) => i.details?.coding?.[0]?.code ?? ''))];
}

test('the manifest names examples we can read', () => {
  expect(manifest.length).toBeGreaterThan(20);
  expect([...examples.keys()]).toEqual(manifest.map((m) => m.file));
  expect(join(igPackageDir(), manifest[0]!.file)).toContain('example');
});

describe.each(manifest.map((m) => ({ ...m, name: m.file.replace('example/', '') })))('$name', (m) => {
  test(m.valid ? (m.rule ? `valid, with the warning ${m.rule}` : 'valid') : `invalid: ${m.rule ?? ''}`, () => {
    const o = validator.validate(examples.get(m.file)!);
    const allowed = new Set([...(m.rule ? [m.rule] : []), ...m.also]);
    if (m.valid) {
      expect(isValid(o)).toBe(true);
      expect(ids(o, ['error', 'fatal'])).toEqual([]);
      expect(ids(o, ['warning']).filter((id) => !allowed.has(id))).toEqual([]);
      if (m.rule) {
        expect(ids(o, ['warning'])).toContain(m.rule);
      }
    } else {
      expect(isValid(o)).toBe(m.severity === 'warning');
      const found = ids(o, m.severity === 'warning' ? ['warning'] : ['error', 'fatal']);
      expect(found).toContain(m.rule);
      expect(found.filter((id) => !allowed.has(id))).toEqual([]);
    }
  });
});

describe('the role in a referral bundle picks the profile when nothing claims one', () => {
  test('without any meta.profile the entries are still checked against rb-* by their role', () => {
    const valid = examples.get('example/Bundle-ex-valid-f32-1-depression-kbt.json') as Bundle;
    const stripped = structuredClone(valid);
    delete stripped.meta;
    for (const e of stripped.entry ?? []) {
      if (e.resource) {
        delete e.resource.meta;
      }
    }
    expect(ids(engineOnly.validate(stripped), ['error'])).toEqual([]);
    const role = stripped.entry?.find((e) => e.resource?.resourceType === 'PractitionerRole')?.resource;
    if (role?.resourceType === 'PractitionerRole') {
      delete role.telecom; // rb-referrer-role: the direct phone is 1..*
    }
    const o = engineOnly.validate(stripped);
    expect(o.issue.map((i) => [i.details?.coding?.[0]?.code, i.expression?.[0]])).toContainEqual([
      'FHIR-CARDINALITY',
      expect.stringMatching(/^Bundle\.entry\[\d+\]\.resource\.telecom$/),
    ]);
  });
});
