/**
 * Test Definitions: the template Questionnaire, CodeSystems, ValueSets and ConceptMaps exactly as
 * docs/ig-design.md describes them, so the content checks are testable without the compiled IG package.
 */
import type { CodeSystem, ConceptMap, Questionnaire, QuestionnaireItem, Resource, ValueSet } from '@medplum/fhirtypes';
import type { Definitions } from '../types.ts';
import { CANONICAL, CS, SYSTEM_ICD10SE, SYSTEM_INSTRUMENT, VS } from './constants.ts';

export const TEMPLATE_URL = `${CANONICAL}/Questionnaire/psykoterapiremiss`;
export const TEMPLATE_VERSION = '2025.1';
export const CM_2024 = `${CANONICAL}/ConceptMap/rb-diagnosis-treatment-2024`;
export const CM_PROPOSED = `${CANONICAL}/ConceptMap/rb-diagnosis-treatment-proposed`;

const ALLOWED = ['F32.0', 'F32.1', 'F40.00', 'F40.01', 'F40.1', 'F40.2', 'F40.8', 'F40.9', 'F41.0', 'F41.1', 'F41.9', 'F42.0', 'F42.1', 'F42.2', 'F42.8', 'F42.9', 'F43.1', 'F43.8', 'F43.9'];

function codeSystem(id: string, codes: readonly string[], url = `${CS}/${id}`): CodeSystem {
  return { resourceType: 'CodeSystem', id, url, status: 'active', content: 'complete', concept: codes.map((code) => ({ code, display: code })) };
}

function valueSetOf(id: string, system: string): ValueSet {
  return { resourceType: 'ValueSet', id, url: `${VS}/${id}`, status: 'active', compose: { include: [{ system }] } };
}

function treatmentMap(id: string, table: Readonly<Record<string, readonly string[]>>): ConceptMap {
  return {
    resourceType: 'ConceptMap',
    id,
    url: `${CANONICAL}/ConceptMap/${id}`,
    status: 'active',
    sourceCanonical: `${VS}/rb-allowed-diagnoses`,
    targetCanonical: `${VS}/rb-treatment-form`,
    group: [
      {
        source: SYSTEM_ICD10SE,
        target: `${CS}/rb-treatment-form`,
        element: Object.entries(table).map(([code, targets]) => ({ code, target: targets.map((t) => ({ code: t, equivalence: 'relatedto' as const })) })),
      },
    ],
  };
}

/** domain.md §3 table (000_c04719a0eada0e20.txt:553-571). */
function table2024(): Record<string, readonly string[]> {
  const t: Record<string, readonly string[]> = { 'F32.0': ['kbt', 'ipt'], 'F32.1': ['kbt', 'ipt'], 'F43.1': ['kbt-trauma'], 'F43.8': ['kbt', 'ipt', 'pdt'], 'F43.9': ['kbt', 'ipt', 'pdt'] };
  for (const code of ALLOWED) {
    t[code] ??= ['kbt'];
  }
  return t;
}

function tableProposed(): Record<string, readonly string[]> {
  return { ...table2024(), 'F43.8': ['kbt'], 'F43.9': ['kbt'] };
}

const q = (linkId: string, type: QuestionnaireItem['type'], required: boolean, more: Partial<QuestionnaireItem> = {}): QuestionnaireItem => ({
  linkId,
  type,
  ...(required ? { required: true } : {}),
  ...more,
});
const range = (min: number, max: number): Pick<QuestionnaireItem, 'extension'> => ({
  extension: [
    { url: 'http://hl7.org/fhir/StructureDefinition/minValue', valueInteger: min },
    { url: 'http://hl7.org/fhir/StructureDefinition/maxValue', valueInteger: max },
  ],
});
const whenTrue = (question: string): Pick<QuestionnaireItem, 'enableWhen'> => ({ enableWhen: [{ question, operator: '=', answerBoolean: true }] });

/** The template (docs/ig-design.md "The template Questionnaire"). */
export function templateQuestionnaire(): Questionnaire {
  return {
    resourceType: 'Questionnaire',
    id: 'rb-psykoterapiremiss',
    url: TEMPLATE_URL,
    version: TEMPLATE_VERSION,
    status: 'active',
    language: 'sv',
    effectivePeriod: { start: '2025-01-01' },
    item: [
      q('bedomning', 'text', true),
      q('suicidrisk', 'group', true, {
        item: [q('suicidrisk.niva', 'choice', true, { answerValueSet: `${VS}/rb-suicide-risk` }), q('suicidrisk.kommentar', 'text', false)],
      }),
      q('diagnos', 'choice', true, { answerValueSet: `${VS}/rb-allowed-diagnoses` }),
      q('behandlingsform', 'choice', true, { answerValueSet: `${VS}/rb-treatment-form` }),
      q('tidigare-behandling', 'group', true, {
        repeats: true,
        item: [
          q('tidigare-behandling.typ', 'choice', true, { answerValueSet: `${VS}/rb-prior-treatment-type` }),
          q('tidigare-behandling.tidpunkt', 'date', true),
          q('tidigare-behandling.resultat', 'text', true),
        ],
      }),
      q('screening', 'group', true, { item: [q('screening.audit', 'integer', true, range(0, 40)), q('screening.dudit', 'integer', true, range(0, 44))] }),
      q('lakemedel', 'text', false),
      q('sjukskrivning', 'boolean', true, { item: [q('sjukskrivning.omfattning', 'string', false, whenTrue('sjukskrivning'))] }),
      q('ovrigt', 'text', false),
      q('remittent-telefon', 'string', true, { maxLength: 30 }),
      q('utokade-sessioner', 'boolean', false),
      q('tolkbehov', 'boolean', true, { item: [q('tolkbehov.sprak', 'string', false, whenTrue('tolkbehov'))] }),
      q('parallell-psykiatri', 'boolean', true, { item: [q('parallell-psykiatri.orsak', 'text', false, whenTrue('parallell-psykiatri'))] }),
    ],
  };
}

export function terminologyResources(): Resource[] {
  const icd: CodeSystem = { ...codeSystem('icd-10-se', [...ALLOWED, 'F33.1', 'F20.0'], SYSTEM_ICD10SE), content: 'fragment' };
  return [
    icd,
    codeSystem('rb-treatment-form', ['kbt', 'kbt-trauma', 'ipt', 'pdt']),
    codeSystem('rb-prior-treatment-type', ['ikbt', 'kbt-individuell', 'kbt-grupp', 'psykoedukation', 'samtalsstod', 'lakemedel', 'annan']),
    codeSystem('rb-suicide-risk', ['lag', 'mattlig', 'hog']),
    codeSystem('rb-referrer-profession', ['psykolog', 'lakare', 'psykoterapeut', 'kurator', 'sjukskoterska']),
    codeSystem('rb-organization-type', ['vardcentral', 'psykoterapimottagning']),
    codeSystem('rb-instrument', ['DUDIT', 'MADRS-S'], SYSTEM_INSTRUMENT),
    {
      resourceType: 'ValueSet',
      id: 'rb-allowed-diagnoses',
      url: `${VS}/rb-allowed-diagnoses`,
      status: 'active',
      compose: { include: [{ system: SYSTEM_ICD10SE, concept: ALLOWED.map((code) => ({ code })) }] },
    },
    valueSetOf('rb-treatment-form', `${CS}/rb-treatment-form`),
    valueSetOf('rb-prior-treatment-type', `${CS}/rb-prior-treatment-type`),
    valueSetOf('rb-suicide-risk', `${CS}/rb-suicide-risk`),
    treatmentMap('rb-diagnosis-treatment-2024', table2024()),
    treatmentMap('rb-diagnosis-treatment-proposed', tableProposed()),
  ];
}

/** A Definitions over a fixed list (latest version wins without `|version`). */
export function definitionsOf(resources: readonly Resource[]): Definitions {
  const byUrl = new Map<string, Resource[]>();
  for (const r of resources) {
    const url = 'url' in r && typeof r.url === 'string' ? r.url : undefined;
    if (url) {
      byUrl.set(url, [...(byUrl.get(url) ?? []), r]);
    }
  }
  const versionOf = (r: Resource): string | undefined => ('version' in r && typeof r.version === 'string' ? r.version : undefined);
  return {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- caller-chosen result type, by the Definitions contract
    resolve<T extends Resource = Resource>(url: string, version?: string): T | undefined {
      const [base, v] = url.includes('|') ? (url.split('|') as [string, string]) : [url, version];
      const all = byUrl.get(base) ?? [];
      const found = v === undefined ? all.at(-1) : all.find((r) => versionOf(r) === v);
      return found as T | undefined;
    },
    byType<T extends Resource>(resourceType: T['resourceType']): readonly T[] {
      return resources.filter((r): r is T => r.resourceType === resourceType);
    },
  };
}

export function testDefinitions(extra: readonly Resource[] = []): Definitions {
  return definitionsOf([templateQuestionnaire(), ...terminologyResources(), ...extra]);
}
