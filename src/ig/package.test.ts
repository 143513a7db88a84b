import type { Resource, StructureDefinition } from '@medplum/fhirtypes';
import { CONCEPT_MAP, EXTENSION, IG_CANONICAL, PROFILE, SYSTEM, TEMPLATE_QUESTIONNAIRE } from './canonical.ts';
import { loadIgPackage } from './package.ts';

const ig = loadIgPackage();
const urlOf = (r: Resource): string | undefined => ('url' in r && typeof r.url === 'string' ? r.url : undefined);
const byUrl = new Map(ig.resources.flatMap((r) => (urlOf(r) ? [[urlOf(r), r] as const] : [])));
const structureDefinitions = ig.resources.filter((r): r is StructureDefinition => r.resourceType === 'StructureDefinition');

test('the manifest is the package docs/ig-design.md names', () => {
  expect(ig.manifest).toMatchObject({
    name: 'se.remissbrygga.psykoterapi',
    version: '0.1.0',
    canonical: 'https://remissbrygga.se/fhir',
    fhirVersions: ['4.0.1'],
    dependencies: { 'hl7.fhir.r4.core': '4.0.1' },
  });
});

test('every profile and extension has a snapshot and its canonical URL from its id', () => {
  expect(structureDefinitions.length).toBeGreaterThanOrEqual(19);
  for (const sd of structureDefinitions) {
    expect(sd.id).toMatch(/^rb-/);
    expect(sd.url).toBe(`${IG_CANONICAL}/StructureDefinition/${sd.id ?? ''}`);
    expect(sd.snapshot?.element.length).toBeGreaterThan(1);
    expect(sd.fhirVersion).toBe('4.0.1');
  }
});

test('every own definition lives under the canonical base; only the external fragments use their OIDs', () => {
  for (const resource of ig.resources) {
    const url = urlOf(resource);
    if (url === SYSTEM.icd10se || url === SYSTEM.legitimation) {
      expect(resource).toMatchObject({ resourceType: 'CodeSystem', content: 'fragment' });
      continue;
    }
    expect(url).toBe(
      resource.resourceType === 'Questionnaire'
        ? TEMPLATE_QUESTIONNAIRE.url
        : `${IG_CANONICAL}/${resource.resourceType}/${resource.id ?? ''}`,
    );
  }
});

test('every canonical the other layers use (src/ig/canonical.ts) resolves to a resource in the package', () => {
  const wanted = [
    ...Object.values(PROFILE),
    ...Object.values(EXTENSION),
    ...Object.values(CONCEPT_MAP),
    TEMPLATE_QUESTIONNAIRE.url,
    SYSTEM.icd10se,
    SYSTEM.legitimation,
    ...Object.entries(SYSTEM)
      .filter(([, url]) => url.startsWith(`${IG_CANONICAL}/CodeSystem/`))
      .map(([, url]) => url),
  ];
  const missing = wanted.filter((url) => !byUrl.has(url));
  expect(missing).toEqual([]);
  expect(byUrl.get(TEMPLATE_QUESTIONNAIRE.url)).toMatchObject({
    id: TEMPLATE_QUESTIONNAIRE.id,
    version: TEMPLATE_QUESTIONNAIRE.version,
    effectivePeriod: { start: '2025-01-01' },
    language: 'sv',
  });
});

test('every profile element the IG constrains has a Swedish/English short description', () => {
  for (const sd of structureDefinitions) {
    expect(sd.description).toMatch(/ \/ /);
    expect(sd.title).toMatch(/\S/);
  }
});

test('examples are read from example/ with their index', () => {
  expect(ig.examples.length).toBeGreaterThanOrEqual(30);
  expect(new Set(ig.examples.map((e) => `${e.resourceType}/${e.id ?? ''}`)).size).toBe(ig.examples.length);
});

test('a package folder whose index names a missing or mismatching file is rejected with the file name', () => {
  expect(() => loadIgPackage('/nonexistent/package')).toThrow(/package\.json/);
});
