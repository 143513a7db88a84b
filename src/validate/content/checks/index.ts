/** Every rule kind the rule sets may name. Adding a kind = one file in this folder + one line here. */
import { diagnosisInValueSet } from './diagnosis-in-valueset.ts';
import { directPhone } from './direct-phone.ts';
import { individual } from './individual.ts';
import { kbtFirst } from './kbt-first.ts';
import type { AnyRuleKind } from './kind.ts';
import { minAge } from './min-age.ts';
import { parallelCareReason } from './parallel-care-reason.ts';
import { patientListed } from './patient-listed.ts';
import { phoneFormat } from './phone-format.ts';
import { pnrCheckDigit } from './pnr-checkdigit.ts';
import { priorTreatment } from './prior-treatment.ts';
import { ptsdTraumaKbt } from './ptsd-trauma-kbt.ts';
import { referrerLicensed } from './referrer-licensed.ts';
import { screening } from './screening.ts';
import { screeningRange } from './screening-range.ts';
import { sessionCap } from './session-cap.ts';
import { treatmentByConceptMap } from './treatment-by-conceptmap.ts';

export const RULE_KINDS: readonly AnyRuleKind[] = [
  minAge,
  diagnosisInValueSet,
  treatmentByConceptMap,
  ptsdTraumaKbt,
  sessionCap,
  referrerLicensed,
  directPhone,
  phoneFormat,
  priorTreatment,
  screening,
  screeningRange,
  pnrCheckDigit,
  patientListed,
  parallelCareReason,
  individual,
  kbtFirst,
];
