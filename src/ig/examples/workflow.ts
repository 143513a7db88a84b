/**
 * Workflow examples outside the referral bundle: the provider's Task (with the treatment summary), a message,
 * and rating-scale observations (domain.md §3 "rating scales at start and end", §4 feedback; standards.md §5).
 * References point at resources a server would hold (`ServiceRequest/ex-referral-anna` etc.).
 */
import type { Communication, Observation, Resource, Task } from '@medplum/fhirtypes';
import { PROFILE, SYSTEM } from '../canonical.ts';
import { PATIENTS, REFERRERS, UNITS } from './people.ts';

export interface WorkflowExample {
  resource: Resource;
  valid: boolean;
  rule: string | null;
  also: string[];
  description: string;
}

const patient = { reference: 'Patient/ex-anna', display: `${PATIENTS.anna.given} ${PATIENTS.anna.family}` };
const referral = {
  reference: 'ServiceRequest/ex-referral-anna',
  identifier: { system: SYSTEM.referralId, value: `${UNITS.vcLimhamn.hsaId}#R2025-0915-001` },
};
const provider = { reference: 'Organization/ex-kbt-malmo', display: UNITS.ptMalmo.name };
const referrer = { reference: 'PractitionerRole/ex-referrer-hanna', display: `${REFERRERS.psykolog.given} ${REFERRERS.psykolog.family}` };

type Instrument = 'PHQ-9' | 'GAD-7' | 'MADRS-S';
const INSTRUMENT: Record<Instrument, { system: string; code: string; display: string }> = {
  'PHQ-9': { system: SYSTEM.loinc, code: '44261-6', display: 'PHQ-9 total score' },
  'GAD-7': { system: SYSTEM.loinc, code: '70274-6', display: 'GAD-7 total score' },
  'MADRS-S': { system: SYSTEM.instrument, code: 'MADRS-S', display: 'MADRS-S' },
};

function rating(id: string, instrument: Instrument, value: number, date: string): Observation {
  return {
    resourceType: 'Observation',
    id,
    meta: { profile: [PROFILE.ratingObservation] },
    status: 'final',
    category: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey' }] },
    ],
    code: { coding: [INSTRUMENT[instrument]] },
    subject: patient,
    effectiveDateTime: date,
    performer: [provider],
    valueInteger: value,
  };
}

function task(id: string, fields: Partial<Task> & Pick<Task, 'status'>): Task {
  return {
    resourceType: 'Task',
    id,
    meta: { profile: [PROFILE.referralTask] },
    intent: 'order',
    focus: referral,
    for: patient,
    owner: provider,
    requester: referrer,
    authoredOn: '2025-09-16T09:12:00+02:00',
    ...fields,
  };
}

const output = (code: string) => ({ coding: [{ system: SYSTEM.taskOutput, code }] });

const completed = task('ex-task-completed', {
  status: 'completed',
  lastModified: '2026-01-20T15:00:00+01:00',
  output: [
    { type: output('first-session-date'), valueDate: '2025-10-06' },
    { type: output('sessions-used'), valueUnsignedInt: 14 },
    { type: output('start-rating'), valueReference: { reference: 'Observation/ex-rating-phq9-start' } },
    { type: output('end-rating'), valueReference: { reference: 'Observation/ex-rating-phq9-end' } },
    { type: output('summary'), valueString: 'KBT 14 sessioner. PHQ-9 från 18 till 7. Återgång i arbete planerad.' },
  ],
});

const rejected = task('ex-task-rejected', {
  status: 'rejected',
  statusReason: {
    coding: [{ system: SYSTEM.rejectionReason, code: 'ingen-kapacitet', display: 'Ingen kapacitet' }],
    text: 'Kan inte erbjuda start inom 30 dagar.',
  },
});

const informationRequested = task('ex-task-information-requested', {
  status: 'received',
  businessStatus: {
    coding: [{ system: SYSTEM.taskBusinessStatus, code: 'information-requested', display: 'Komplettering begärd' }],
  },
});

const returned = task('ex-task-returned-to-referrer', {
  status: 'failed',
  statusReason: { coding: [{ system: SYSTEM.rejectionReason, code: 'ej-lamplig', display: 'Ej lämplig för psykoterapi' }] },
  businessStatus: {
    coding: [{ system: SYSTEM.taskBusinessStatus, code: 'returned-to-referrer', display: 'Återremitterad' }],
  },
});

const question: Communication = {
  resourceType: 'Communication',
  id: 'ex-communication-question',
  meta: { profile: [PROFILE.referralCommunication] },
  basedOn: [referral],
  status: 'completed',
  category: [{ coding: [{ system: SYSTEM.communicationCategory, code: 'question', display: 'Fråga' }] }],
  subject: patient,
  sent: '2025-09-17T11:05:00+02:00',
  sender: provider,
  recipient: [referrer],
  payload: [{ contentString: 'Har patienten provat någon SSRI tidigare? Vi ringer gärna på direktnumret i morgon.' }],
};

const rejectedWithoutReason = task('ex-invalid-task-rejected-without-reason', { status: 'rejected' });

export const WORKFLOW_EXAMPLES: readonly WorkflowExample[] = [
  { resource: completed, valid: true, rule: null, also: [], description: 'Avslutad behandling med sammanfattning. / Completed, with treatment summary.' },
  { resource: rejected, valid: true, rule: null, also: [], description: 'Avvisad: ingen kapacitet. / Rejected: no capacity.' },
  { resource: informationRequested, valid: true, rule: null, also: [], description: 'Komplettering begärd. / More information requested.' },
  { resource: returned, valid: true, rule: null, also: [], description: 'Återremiss till vårdcentralen. / Returned to the vårdcentral.' },
  { resource: question, valid: true, rule: null, also: [], description: 'Fråga från mottagningen till remittenten. / Question from provider to referrer.' },
  { resource: rating('ex-rating-phq9-start', 'PHQ-9', 18, '2025-10-06'), valid: true, rule: null, also: [], description: 'PHQ-9 vid start. / PHQ-9 at start.' },
  { resource: rating('ex-rating-phq9-end', 'PHQ-9', 7, '2026-01-19'), valid: true, rule: null, also: [], description: 'PHQ-9 vid avslut. / PHQ-9 at end.' },
  { resource: rating('ex-rating-gad7-start', 'GAD-7', 15, '2025-10-06'), valid: true, rule: null, also: [], description: 'GAD-7 vid start. / GAD-7 at start.' },
  { resource: rating('ex-rating-madrs-s-start', 'MADRS-S', 24, '2025-10-06'), valid: true, rule: null, also: [], description: 'MADRS-S vid start. / MADRS-S at start.' },
  {
    resource: rejectedWithoutReason,
    valid: false,
    rule: 'FHIR-INVARIANT-rb-task-1',
    also: [],
    description: 'Avvisad utan kodad orsak. / Rejected without a coded reason.',
  },
  {
    resource: rating('ex-invalid-rating-phq9-range', 'PHQ-9', 30, '2025-10-06'),
    valid: false,
    rule: 'FHIR-INVARIANT-rb-rating-1',
    also: [],
    description: 'PHQ-9 30 ligger utanför 0–27. / PHQ-9 score 30 out of range.',
  },
];
