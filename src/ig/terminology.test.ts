/** The terminology encodes domain.md §3 (000_c04719a0eada0e20.txt:553–571): one test per fact of the table. */
import type { CodeSystem, ConceptMap, ValueSet } from '@medplum/fhirtypes';
import { CONCEPT_MAP, SYSTEM, valueSetUrl } from './canonical.ts';
import { loadIgPackage } from './package.ts';

const ig = loadIgPackage();
const conceptMap = (url: string): ConceptMap | undefined =>
  ig.resources.find((r): r is ConceptMap => r.resourceType === 'ConceptMap' && r.url === url);
const valueSet = (url: string): ValueSet | undefined =>
  ig.resources.find((r): r is ValueSet => r.resourceType === 'ValueSet' && r.url === url);
const codeSystem = (url: string): CodeSystem | undefined =>
  ig.resources.find((r): r is CodeSystem => r.resourceType === 'CodeSystem' && r.url === url);

const allowed = (valueSet(valueSetUrl('rb-allowed-diagnoses'))?.compose?.include ?? []).flatMap((inc) =>
  (inc.concept ?? []).map((c) => c.code),
);

function table(url: string): Map<string, string[]> {
  const group = conceptMap(url)?.group?.[0];
  return new Map((group?.element ?? []).map((e) => [e.code ?? '', (e.target ?? []).map((t) => t.code ?? '')]));
}

test('the allowed diagnoses are the table rows with the F40 and F42 children, all in the ICD-10-SE fragment', () => {
  expect(allowed).toHaveLength(19);
  for (const code of ['F32.0', 'F32.1', 'F40.00', 'F40.01', 'F40.9', 'F41.0', 'F41.1', 'F41.9', 'F42.0', 'F42.9', 'F43.1', 'F43.8', 'F43.9']) {
    expect(allowed).toContain(code);
  }
  expect(allowed).not.toContain('F33.1');
  const icd = new Set((codeSystem(SYSTEM.icd10se)?.concept ?? []).map((c) => c.code));
  expect(allowed.filter((code) => !icd.has(code))).toEqual([]);
});

test('the in-force map gives the treatments of the table in priority order', () => {
  const inForce = table(CONCEPT_MAP.diagnosisTreatmentInForce);
  expect([...inForce.keys()].sort()).toEqual([...allowed].sort());
  expect(inForce.get('F32.0')).toEqual(['kbt', 'ipt']);
  expect(inForce.get('F32.1')).toEqual(['kbt', 'ipt']);
  expect(inForce.get('F40.1')).toEqual(['kbt']);
  expect(inForce.get('F42.2')).toEqual(['kbt']);
  expect(inForce.get('F43.1')).toEqual(['kbt-trauma']);
  expect(inForce.get('F43.8')).toEqual(['kbt', 'ipt', 'pdt']);
  expect(inForce.get('F43.9')).toEqual(['kbt', 'ipt', 'pdt']);
  const map = conceptMap(CONCEPT_MAP.diagnosisTreatmentInForce);
  expect(map).toMatchObject({ status: 'active', group: [{ source: SYSTEM.icd10se, target: SYSTEM.treatmentForm }] });
  expect(map?.extension?.[0]?.valuePeriod?.start).toBe('2024-01-01');
  expect(map?.group?.[0]?.element.every((e) => e.target?.every((t) => t.equivalence === 'relatedto'))).toBe(true);
});

test('the proposed map allows PDT and IPT only for depression and is not in force', () => {
  const proposed = table(CONCEPT_MAP.diagnosisTreatmentProposed);
  expect(conceptMap(CONCEPT_MAP.diagnosisTreatmentProposed)?.status).toBe('draft');
  for (const [code, targets] of proposed) {
    if (!code.startsWith('F32')) expect(targets.filter((t) => t === 'ipt' || t === 'pdt')).toEqual([]);
    expect(targets[0]).toBe(code === 'F43.1' ? 'kbt-trauma' : 'kbt');
  }
});

test('every code system the design names has the design codes', () => {
  const codes = (id: string): string[] =>
    (codeSystem(`https://remissbrygga.se/fhir/CodeSystem/${id}`)?.concept ?? []).map((c) => c.code);
  expect(codes('rb-treatment-form')).toEqual(['kbt', 'kbt-trauma', 'ipt', 'pdt']);
  expect(codes('rb-provider-choice')).toEqual(['patient-choice', 'nearest']);
  expect(codes('rb-suicide-risk')).toEqual(['lag', 'mattlig', 'hog']);
  expect(codes('rb-task-output')).toEqual(['first-session-date', 'sessions-used', 'start-rating', 'end-rating', 'summary']);
  expect(codes('rb-issue')).toEqual(expect.arrayContaining(['REM-AGE-16', 'REM-PARALLEL-CARE-REASON', 'QR-REQUIRED']));
});
