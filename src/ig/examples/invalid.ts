/**
 * The invalid example referrals: each breaks exactly ONE rule, named by its stable id (CodeSystem rb-issue).
 * Regional rules come from domain.md §3 (000_c04719a0eada0e20.txt); the structural and questionnaire ones exercise
 * the validator's other layers. `also` lists issues that necessarily accompany the named one (e.g. the profile
 * invariant that mirrors a regional rule, or the cardinality of a removed part).
 */
import type { Bundle, Extension } from '@medplum/fhirtypes';
import { EXTENSION, PROFILE, SYSTEM } from '../canonical.ts';
import { findItem, removeEntries, removeItem, resourceOf } from './edit.ts';
import { PATIENTS, REFERRERS, UNITS } from './people.ts';
import { referralBundle } from './referral.ts';
import type { ReferralSpec } from './spec.ts';
import { BASE_SPEC } from './valid.ts';

export interface InvalidExample {
  /** Slug: `invalid-<rule>[-variant]`, lower case. */
  name: string;
  rule: string;
  severity: 'error' | 'warning';
  also: string[];
  description: string;
  build: (id: string) => Bundle;
}

const fromSpec = (overrides: Partial<ReferralSpec>) => (id: string): Bundle =>
  referralBundle({ ...BASE_SPEC, ...overrides, name: id }, id);

const edited = (edit: (bundle: Bundle) => void, overrides: Partial<ReferralSpec> = {}) => (id: string): Bundle => {
  const bundle = fromSpec(overrides)(id);
  edit(bundle);
  return bundle;
};

const example = (
  name: string,
  rule: string,
  description: string,
  build: (id: string) => Bundle,
  also: string[] = [],
): InvalidExample => ({ name, rule, severity: 'error', also, description, build });

export const INVALID_EXAMPLES: readonly InvalidExample[] = [
  example(
    'invalid-rem-age-16',
    'REM-AGE-16',
    'Patienten är 15 år på remissdatum (000:55). / Patient is 15 at the referral date.',
    fromSpec({ patient: PATIENTS.ella, localId: 'R2025-0915-101' }),
  ),
  example(
    'invalid-rem-diag-scope',
    'REM-DIAG-SCOPE',
    'F33.1 recidiverande depression ingår inte i vårdvalet (000:553–571). / Diagnosis outside the scope.',
    fromSpec({ diagnosis: { code: 'F33.1', display: 'Recidiverande depression, medelsvår episod' } }),
    ['QR-ANSWER-VALUESET'],
  ),
  example(
    'invalid-rem-treatment-allowed',
    'REM-TREATMENT-ALLOWED',
    'PDT vid generaliserat ångestsyndrom; endast KBT tillåten (000:553–571). / PDT is not allowed for F41.1.',
    fromSpec({ diagnosis: { code: 'F41.1', display: 'Generaliserat ångestsyndrom' }, treatment: 'pdt', patient: PATIENTS.sara }),
  ),
  example(
    'invalid-rem-ptsd-trauma-kbt',
    'REM-PTSD-TRAUMA-KBT',
    'PTSD med vanlig KBT; endast traumafokuserad KBT (000:547). / PTSD referred for plain CBT.',
    fromSpec({ diagnosis: { code: 'F43.1', display: 'Posttraumatiskt stressyndrom' }, treatment: 'kbt', patient: PATIENTS.ali }),
  ),
  example(
    'invalid-rem-session-cap',
    'REM-SESSION-CAP',
    '20 planerade sessioner för remiss daterad 2025-09-15; taket är 16 (000:58–60). / 20 sessions above the cap of 16.',
    fromSpec({ sessions: 20 }),
  ),
  example(
    'invalid-rem-session-cap-ptsd-24',
    'REM-SESSION-CAP',
    'PTSD med utökat antal sessioner men 24 planerade; taket är 23 (000:58–60). / 24 sessions above the extended cap of 23.',
    fromSpec({
      diagnosis: { code: 'F43.1', display: 'Posttraumatiskt stressyndrom' },
      treatment: 'kbt-trauma',
      patient: PATIENTS.ali,
      sessions: 24,
      extendedSessions: true,
    }),
  ),
  example(
    'invalid-rem-referrer-licensed',
    'REM-REFERRER-LICENSED',
    'Remittenten är kurator utan legitimation (000:61). / The referrer is an unlicensed counsellor.',
    fromSpec({ referrer: REFERRERS.kurator }),
    ['REM-REFERRER-PSYCHOLOGIST'],
  ),
  example(
    'invalid-rem-direct-phone',
    'REM-DIRECT-PHONE',
    'Remittentens roll saknar direktnummer, bara e-post (000:50, 000:351–354). / No direct phone on the referrer role.',
    edited((bundle) => {
      resourceOf(bundle, 'PractitionerRole').telecom = [
        { system: 'email', value: 'hanna.lindqvist@vardcentralen-limhamn.example', use: 'work' },
      ];
    }),
    ['FHIR-CARDINALITY'],
  ),
  example(
    'invalid-rem-phone-format',
    'REM-PHONE-FORMAT',
    'Direktnumret "+46 40 12" är för kort för ett svenskt nummer. / The direct phone is too short.',
    fromSpec({ referrer: { ...REFERRERS.psykolog, directPhone: '+46 40 12' } }),
  ),
  example(
    'invalid-rem-prior-treatment',
    'REM-PRIOR-TREATMENT',
    'Inga behandlingsförsök på vårdcentralen dokumenterade (000:48, 000:364). / No prior treatment documented.',
    fromSpec({ priorTreatments: [] }),
    ['QR-REQUIRED', 'FHIR-CARDINALITY'],
  ),
  example(
    'invalid-rem-screening',
    'REM-SCREENING',
    'DUDIT saknas (000:49). / Drug screening (DUDIT) missing.',
    edited((bundle) => {
      removeEntries(bundle, (r) => r.resourceType === 'Observation' && r.code.coding?.[0]?.code === 'DUDIT');
      const answers = resourceOf(bundle, 'QuestionnaireResponse');
      answers.item = removeItem(answers.item, 'screening.dudit');
    }),
    ['QR-REQUIRED', 'FHIR-CARDINALITY'],
  ),
  example(
    'invalid-rem-screening-range',
    'REM-SCREENING-RANGE',
    'AUDIT 45 ligger utanför 0–40 (standards.md §2). / AUDIT score 45 out of range.',
    fromSpec({ audit: 45 }),
    ['FHIR-INVARIANT-rb-screening-1', 'QR-RANGE'],
  ),
  example(
    'invalid-rem-pnr-checkdigit',
    'REM-PNR-CHECKDIGIT',
    'Personnumret 198503142386 har fel kontrollsiffra (rätt: 5). / Wrong check digit.',
    fromSpec({ patient: { ...PATIENTS.anna, number: '198503142386' } }),
    ['FHIR-INVARIANT-rb-pnr-2'],
  ),
  example(
    'invalid-rem-patient-listed',
    'REM-PATIENT-LISTED',
    'Patienten är listad på en annan vårdcentral än remittentens (000:61). / Patient listed at another vårdcentral.',
    edited((bundle) => {
      resourceOf(bundle, 'Patient').generalPractitioner = [
        { identifier: { system: SYSTEM.hsaId, value: UNITS.vcHelsingborg.hsaId }, display: UNITS.vcHelsingborg.name },
      ];
    }),
  ),
  example(
    'invalid-rem-parallel-care-reason',
    'REM-PARALLEL-CARE-REASON',
    'Parallell specialistpsykiatrisk vård utan angivet skäl (003:~530). / Parallel psychiatric care without a reason.',
    edited(
      (bundle) => {
        const request = resourceOf(bundle, 'ServiceRequest');
        request.extension = request.extension?.map(
          (ext): Extension =>
            ext.url === EXTENSION.parallelPsychiatricCare ? { url: ext.url, extension: [{ url: 'present', valueBoolean: true }] } : ext,
        );
        const answers = resourceOf(bundle, 'QuestionnaireResponse');
        answers.item = removeItem(answers.item, 'parallell-psykiatri.orsak');
      },
      { parallelCareReason: 'Följs av psykiatrisk öppenvård.' },
    ),
    ['FHIR-INVARIANT-rb-parallel-1'],
  ),
  example(
    'invalid-rem-individual',
    'REM-INDIVIDUAL',
    'Remiss till gruppsykoterapi (SNOMED 76168009); vårdvalet gäller enskild behandling (000:58). / Group psychotherapy requested.',
    edited((bundle) => {
      const request = resourceOf(bundle, 'ServiceRequest');
      request.code = {
        coding: [...(request.code?.coding ?? []), { system: SYSTEM.snomed, code: '76168009', display: 'Group psychotherapy' }],
      };
    }),
  ),
  example(
    'invalid-fhir-unknown-element',
    'FHIR-UNKNOWN-ELEMENT',
    'Patient har elementet "favoriteColor" som inte finns i FHIR R4. / Patient carries an element unknown to FHIR R4.',
    edited((bundle) => {
      Object.assign(resourceOf(bundle, 'Patient'), { favoriteColor: 'blå' });
    }),
  ),
  example(
    'invalid-fhir-cardinality',
    'FHIR-CARDINALITY',
    'Remissen saknar identifier (remiss-id, 1..1 i rb-referral). / The referral lacks its identifier.',
    edited((bundle) => {
      delete resourceOf(bundle, 'ServiceRequest').identifier;
    }),
  ),
  example(
    'invalid-fhir-invariant-performer',
    'FHIR-INVARIANT-rb-referral-1',
    'Patientens val angivet men ingen mottagning (performer). / Provider choice is the patient\'s, but no performer.',
    edited((bundle) => {
      delete resourceOf(bundle, 'ServiceRequest').performer;
      removeEntries(bundle, (r) => r.resourceType === 'Organization' && r.name === UNITS.ptMalmo.name);
    }),
  ),
  example(
    'invalid-qr-required',
    'QR-REQUIRED',
    'Obligatoriska svaret "bedomning" saknas. / Required answer "bedomning" missing.',
    edited((bundle) => {
      const answers = resourceOf(bundle, 'QuestionnaireResponse');
      answers.item = removeItem(answers.item, 'bedomning');
    }),
  ),
  example(
    'invalid-qr-answer-valueset',
    'QR-ANSWER-VALUESET',
    'Suicidrisknivå "extrem" finns inte i rb-suicide-risk. / Answer not in the answer value set.',
    edited((bundle) => {
      const item = findItem(resourceOf(bundle, 'QuestionnaireResponse').item, 'suicidrisk.niva');
      if (item) item.answer = [{ valueCoding: { system: SYSTEM.suicideRisk, code: 'extrem', display: 'Extrem' } }];
    }),
  ),
  example(
    'invalid-qr-enablewhen',
    'QR-ENABLEWHEN',
    'Språk för tolk besvarat fast tolkbehov = nej (enableWhen). / Interpreter language answered although no interpreter is needed.',
    edited((bundle) => {
      const item = findItem(resourceOf(bundle, 'QuestionnaireResponse').item, 'tolkbehov');
      if (item) item.answer = [{ valueBoolean: false, item: [{ linkId: 'tolkbehov.sprak', answer: [{ valueString: 'arabiska' }] }] }];
    }),
  ),
  example(
    'invalid-qr-unknown-linkid',
    'QR-UNKNOWN-LINKID',
    'Svar på en fråga som inte finns i mallen ("favoritfarg"). / Answer to an item the template does not have.',
    edited((bundle) => {
      resourceOf(bundle, 'QuestionnaireResponse').item?.push({ linkId: 'favoritfarg', answer: [{ valueString: 'blå' }] });
    }),
  ),
];

/** Profile each invalid example claims (all are referral bundles). */
export const INVALID_PROFILE = PROFILE.referralBundle;
