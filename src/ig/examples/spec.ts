/** What an example referral says, before it is turned into FHIR (referral.ts, answers.ts). */
import type { TestPatient, TestReferrer, TestUnit } from './people.ts';

export type TreatmentForm = 'kbt' | 'kbt-trauma' | 'ipt' | 'pdt';
export type PriorTreatmentType =
  | 'ikbt'
  | 'kbt-individuell'
  | 'kbt-grupp'
  | 'psykoedukation'
  | 'samtalsstod'
  | 'lakemedel'
  | 'annan';

export interface PriorTreatmentSpec {
  type: PriorTreatmentType;
  start: string;
  end: string;
  outcome: string;
}

export interface ReferralSpec {
  /** Slug for ids and uuids, e.g. `valid-f32-1-kbt`. */
  name: string;
  localId: string;
  authoredOn: string;
  patient: TestPatient;
  vardcentral: TestUnit;
  /** The chosen provider; absent when the patient made no choice (nearest provider, 000:63–67). */
  provider?: TestUnit;
  referrer: TestReferrer;
  diagnosis: { code: string; display: string };
  treatment: TreatmentForm;
  sessions: number;
  extendedSessions?: boolean;
  /** Interpreter need: BCP-47 code for the extension, Swedish name for the template answer. */
  interpreter?: { code: string; name: string };
  parallelCareReason?: string;
  assessment: string;
  suicideRisk: 'lag' | 'mattlig' | 'hog';
  audit: number;
  dudit: number;
  priorTreatments: PriorTreatmentSpec[];
  medication?: string;
  sickLeave?: string;
  other?: string;
}

export const TREATMENT_DISPLAY: Record<TreatmentForm, string> = {
  kbt: 'KBT',
  'kbt-trauma': 'Traumafokuserad KBT',
  ipt: 'IPT',
  pdt: 'PDT',
};

export const PRIOR_TREATMENT_DISPLAY: Record<PriorTreatmentType, string> = {
  ikbt: 'Internet-KBT',
  'kbt-individuell': 'KBT individuell',
  'kbt-grupp': 'KBT i grupp',
  psykoedukation: 'Psykoedukation',
  samtalsstod: 'Samtalsstöd',
  lakemedel: 'Läkemedelsbehandling',
  annan: 'Annan insats',
};

export const SUICIDE_RISK_DISPLAY = { lag: 'Låg', mattlig: 'Måttlig', hog: 'Hög' } as const;
