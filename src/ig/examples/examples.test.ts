import type {
  Bundle,
  Observation,
  Patient,
  PractitionerRole,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  Resource,
} from '@medplum/fhirtypes';
import { TEMPLATE_QUESTIONNAIRE } from '../canonical.ts';
import { loadExampleManifest, loadIgPackage } from '../package.ts';
import { resourceOf, resourcesOf } from './edit.ts';
import { buildExamples } from './index.ts';

const ig = loadIgPackage();
const manifest = loadExampleManifest();
const byFile = new Map(ig.examples.map((r) => [`example/${r.resourceType}-${r.id ?? ''}.json`, r]));
const template = ig.resources.find((r): r is Questionnaire => r.resourceType === 'Questionnaire');

const REGIONAL_RULES = [
  'REM-AGE-16',
  'REM-DIAG-SCOPE',
  'REM-TREATMENT-ALLOWED',
  'REM-PTSD-TRAUMA-KBT',
  'REM-SESSION-CAP',
  'REM-REFERRER-LICENSED',
  'REM-REFERRER-PSYCHOLOGIST',
  'REM-DIRECT-PHONE',
  'REM-PHONE-FORMAT',
  'REM-PRIOR-TREATMENT',
  'REM-SCREENING',
  'REM-SCREENING-RANGE',
  'REM-PNR-CHECKDIGIT',
  'REM-PATIENT-LISTED',
  'REM-PARALLEL-CARE-REASON',
  'REM-INDIVIDUAL',
];

function luhnOk(number: string): boolean {
  const digits = number.slice(2, 11).split('').map(Number);
  const sum = digits.reduce((acc, d, i) => {
    const product = d * (i % 2 === 0 ? 2 : 1);
    return acc + Math.floor(product / 10) + (product % 10);
  }, 0);
  return (10 - (sum % 10)) % 10 === Number(number[11]);
}

function answered(items: QuestionnaireResponseItem[] | undefined, linkId: string): QuestionnaireResponseItem[] {
  return (items ?? []).flatMap((item) => [
    ...(item.linkId === linkId ? [item] : []),
    ...answered(item.item, linkId),
    ...answered(item.answer?.flatMap((a) => a.item ?? []), linkId),
  ]);
}

function requiredItems(items: QuestionnaireItem[] | undefined): QuestionnaireItem[] {
  return (items ?? []).flatMap((item) =>
    item.required === true ? [item, ...requiredItems(item.item)] : [],
  );
}

const bundles = (valid: boolean): Bundle[] =>
  manifest
    .filter((m) => m.valid === valid && m.file.includes('/Bundle-'))
    .map((m) => byFile.get(m.file))
    .filter((r): r is Bundle => r?.resourceType === 'Bundle');

test('the committed examples are exactly what src/ig/examples builds (run npm run ig:examples after a change)', () => {
  const built = buildExamples();
  const key = (r: Resource): string => `${r.resourceType}/${r.id ?? ''}`;
  const sorted = (rs: Resource[]): Resource[] => [...rs].sort((a, b) => key(a).localeCompare(key(b)));
  expect(sorted(built.resources)).toEqual(sorted(ig.examples));
  expect(built.manifest).toEqual(manifest);
});

test('the manifest lists every example file once and nothing else', () => {
  expect(manifest.map((m) => m.file).sort()).toEqual([...byFile.keys()].sort());
  for (const entry of manifest) {
    expect(byFile.get(entry.file)?.meta?.profile).toEqual([entry.profile]);
    if (entry.valid) expect(entry.rule === null || entry.severity === 'warning').toBe(true);
    else expect(entry.rule).not.toBeNull();
  }
});

test('there are at least 4 valid and 20 invalid referral bundles, and every regional rule has an example', () => {
  expect(bundles(true).length).toBeGreaterThanOrEqual(4);
  expect(bundles(false).length).toBeGreaterThanOrEqual(20);
  const rules = new Set(manifest.map((m) => m.rule));
  expect(REGIONAL_RULES.filter((rule) => !rules.has(rule))).toEqual([]);
  expect(manifest.find((m) => m.rule === 'REM-REFERRER-PSYCHOLOGIST')).toMatchObject({ valid: true, severity: 'warning' });
});

test('there is a valid bundle for each row of the diagnosis table (domain.md §3)', () => {
  const codes = bundles(true).map((b) => resourceOf(b, 'Condition').code?.coding?.[0]?.code ?? '');
  for (const row of ['F32.0', 'F32.1', 'F40.', 'F41.0', 'F41.1', 'F41.9', 'F42.', 'F43.1', 'F43.8', 'F43.9']) {
    expect(codes.some((code) => code.startsWith(row))).toBe(true);
  }
  const nearest = bundles(true).filter((b) => resourceOf(b, 'ServiceRequest').performer === undefined);
  expect(nearest.length).toBeGreaterThanOrEqual(1);
});

test('every required template item has an answer in every valid bundle', () => {
  expect(template?.url).toBe(TEMPLATE_QUESTIONNAIRE.url);
  const required = requiredItems(template?.item);
  expect(required.map((i) => i.linkId)).toEqual(
    expect.arrayContaining(['bedomning', 'suicidrisk.niva', 'tidigare-behandling.resultat', 'screening.dudit', 'remittent-telefon']),
  );
  for (const bundle of bundles(true)) {
    const answers = resourceOf(bundle, 'QuestionnaireResponse');
    expect(answers.questionnaire).toBe(`${TEMPLATE_QUESTIONNAIRE.url}|${TEMPLATE_QUESTIONNAIRE.version}`);
    for (const item of required) {
      const found = answered(answers.item, item.linkId);
      expect({ bundle: bundle.id, linkId: item.linkId, found: found.length > 0 }).toEqual({
        bundle: bundle.id,
        linkId: item.linkId,
        found: true,
      });
    }
  }
});

test('valid bundles say the same thing in the answers and in the resources', () => {
  for (const bundle of bundles(true)) {
    const answers: QuestionnaireResponse = resourceOf(bundle, 'QuestionnaireResponse');
    const value = (linkId: string): unknown => {
      const answer = answered(answers.item, linkId)[0]?.answer?.[0];
      return answer?.valueCoding?.code ?? answer?.valueInteger ?? answer?.valueString;
    };
    const request = resourceOf(bundle, 'ServiceRequest');
    const role: PractitionerRole = resourceOf(bundle, 'PractitionerRole');
    const observations: Observation[] = resourcesOf(bundle, 'Observation');
    expect(value('diagnos')).toBe(resourceOf(bundle, 'Condition').code?.coding?.[0]?.code);
    expect(value('diagnos')).toBe(request.reasonCode?.[0]?.coding?.[0]?.code);
    expect(value('behandlingsform')).toBe(request.orderDetail?.[0]?.coding?.[0]?.code);
    expect(value('remittent-telefon')).toBe(role.telecom?.find((t) => t.system === 'phone')?.value);
    expect(value('screening.audit')).toBe(observations.find((o) => o.code.coding?.[0]?.code === '75624-7')?.valueInteger);
    expect(value('screening.dudit')).toBe(observations.find((o) => o.code.coding?.[0]?.code === 'DUDIT')?.valueInteger);
    expect(role.organization?.reference).toBe(resourceOf(bundle, 'Patient').generalPractitioner?.[0]?.reference);
  }
});

test('every bundle entry has a urn:uuid fullUrl, a POST request, and every internal reference resolves', () => {
  for (const bundle of [...bundles(true), ...bundles(false)]) {
    const fullUrls = new Set((bundle.entry ?? []).map((e) => e.fullUrl));
    for (const entry of bundle.entry ?? []) {
      expect(entry.fullUrl).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(entry.request).toEqual({ method: 'POST', url: entry.resource?.resourceType });
    }
    const refs = JSON.stringify(bundle).match(/"reference":"urn:uuid:[^"]+"/g) ?? [];
    for (const ref of refs) expect(fullUrls.has(ref.slice(13, -1))).toBe(true);
  }
});

test('patients in valid bundles have 12-digit numbers with a correct check digit; the check-digit example does not', () => {
  for (const bundle of bundles(true)) {
    const patient: Patient = resourceOf(bundle, 'Patient');
    const number = patient.identifier?.[0]?.value ?? '';
    expect(number).toMatch(/^[0-9]{12}$/);
    expect(luhnOk(number)).toBe(true);
  }
  expect(luhnOk('191212121212')).toBe(true);
  const bad = manifest.find((m) => m.rule === 'REM-PNR-CHECKDIGIT');
  const badBundle = byFile.get(bad?.file ?? '');
  expect(badBundle?.resourceType).toBe('Bundle');
  if (badBundle?.resourceType === 'Bundle') {
    expect(luhnOk(resourceOf(badBundle, 'Patient').identifier?.[0]?.value ?? '')).toBe(false);
  }
});
