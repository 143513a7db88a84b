/**
 * Typed fixtures for the delivery and job suites: a stored referral shaped like docs/ig-design.md (Patient with
 * personnummer, ServiceRequest, rb-referral-task Task owned by the provider, requested by the referrer role),
 * org-scoped like the workflow writes it.
 */
import type { Organization, Patient, PractitionerRole, ServiceRequest, Task, TaskOutput } from '@medplum/fhirtypes';
import type { Repository } from '../store/index.ts';

export const HSA_SYSTEM = 'urn:oid:1.2.752.29.4.19';
export const PERSONNUMMER_SYSTEM = 'http://electronichealth.se/identifier/personnummer';
export const TASK_OUTPUT_SYSTEM = 'https://remissbrygga.se/fhir/CodeSystem/rb-task-output';
export const BUSINESS_STATUS_SYSTEM = 'https://remissbrygga.se/fhir/CodeSystem/rb-task-business-status';
export const TREATMENT_FORM_SYSTEM = 'https://remissbrygga.se/fhir/CodeSystem/rb-treatment-form';
export const REJECTION_REASON_SYSTEM = 'https://remissbrygga.se/fhir/CodeSystem/rb-rejection-reason';
export const PROFESSION_SYSTEM = 'https://remissbrygga.se/fhir/CodeSystem/rb-referrer-profession';
export const ICD10_SYSTEM = 'urn:oid:1.2.752.116.1.1.1';

/** A personnummer that must never appear in logs or attempt excerpts (Skatteverket's test person). */
export const TEST_PERSONNUMMER = '191212121212';

export interface SeedOptions {
  readonly providerHsa: string;
  readonly referrerHsa: string;
  readonly taskStatus?: Task['status'];
  /** When the referral reached the provider (Task.authoredOn). */
  readonly receivedAt?: Date;
  readonly diagnosis?: string;
  readonly treatmentForm?: string;
  readonly profession?: string;
  readonly rejectionReason?: string;
  readonly firstSessionDate?: string;
  readonly startRating?: boolean;
  readonly endRating?: boolean;
  readonly businessStatus?: string;
}

export interface SeededReferral {
  readonly patient: Patient;
  readonly serviceRequest: ServiceRequest;
  readonly task: Task;
  readonly referrerRole: PractitionerRole;
}

export async function seedReferral(repo: Repository, o: SeedOptions): Promise<SeededReferral> {
  const orgs = { ownerOrg: o.providerHsa, requesterOrg: o.referrerHsa };
  const ctx = { orgs, actor: { org: o.referrerHsa, user: 'test' } };
  const provider = await repo.create<Organization>(
    { resourceType: 'Organization', identifier: [{ system: HSA_SYSTEM, value: o.providerHsa }], name: 'Psykoterapimottagningen' },
    ctx,
  );
  const vc = await repo.create<Organization>({ resourceType: 'Organization', identifier: [{ system: HSA_SYSTEM, value: o.referrerHsa }], name: 'Vårdcentralen' }, ctx);
  const patient = await repo.create<Patient>(
    {
      resourceType: 'Patient',
      identifier: [{ system: PERSONNUMMER_SYSTEM, value: TEST_PERSONNUMMER }],
      name: [{ family: 'Testsson', given: ['Tolvan'] }],
      birthDate: '1912-12-12',
    },
    ctx,
  );
  const referrerRole = await repo.create<PractitionerRole>(
    {
      resourceType: 'PractitionerRole',
      organization: { reference: `Organization/${vc.id ?? ''}`, identifier: { system: HSA_SYSTEM, value: o.referrerHsa } },
      code: [{ coding: [{ system: PROFESSION_SYSTEM, code: o.profession ?? 'psykolog' }] }],
      telecom: [{ system: 'phone', value: '040-123456', use: 'work' }],
    },
    ctx,
  );
  const serviceRequest = await repo.create<ServiceRequest>(
    {
      resourceType: 'ServiceRequest',
      status: 'active',
      intent: 'order',
      subject: { reference: `Patient/${patient.id ?? ''}` },
      requester: { reference: `PractitionerRole/${referrerRole.id ?? ''}` },
      performer: [{ reference: `Organization/${provider.id ?? ''}`, identifier: { system: HSA_SYSTEM, value: o.providerHsa } }],
      orderDetail: [{ coding: [{ system: TREATMENT_FORM_SYSTEM, code: o.treatmentForm ?? 'kbt' }] }],
      reasonCode: [{ coding: [{ system: ICD10_SYSTEM, code: o.diagnosis ?? 'F41.1' }] }],
      authoredOn: (o.receivedAt ?? new Date()).toISOString(),
    },
    ctx,
  );
  const output: TaskOutput[] = [];
  if (o.firstSessionDate) {
    output.push({ type: { coding: [{ system: TASK_OUTPUT_SYSTEM, code: 'first-session-date' }] }, valueDate: o.firstSessionDate });
  }
  if (o.startRating) {
    output.push({ type: { coding: [{ system: TASK_OUTPUT_SYSTEM, code: 'start-rating' }] }, valueReference: { reference: 'Observation/start' } });
  }
  if (o.endRating) {
    output.push({ type: { coding: [{ system: TASK_OUTPUT_SYSTEM, code: 'end-rating' }] }, valueReference: { reference: 'Observation/end' } });
  }
  const task = await repo.create<Task>(
    {
      resourceType: 'Task',
      status: o.taskStatus ?? 'requested',
      intent: 'order',
      focus: { reference: `ServiceRequest/${serviceRequest.id ?? ''}` },
      for: { reference: `Patient/${patient.id ?? ''}` },
      owner: { reference: `Organization/${provider.id ?? ''}`, identifier: { system: HSA_SYSTEM, value: o.providerHsa } },
      requester: { reference: `PractitionerRole/${referrerRole.id ?? ''}` },
      authoredOn: (o.receivedAt ?? new Date()).toISOString(),
      ...(o.rejectionReason ? { statusReason: { coding: [{ system: REJECTION_REASON_SYSTEM, code: o.rejectionReason }] } } : {}),
      ...(o.businessStatus ? { businessStatus: { coding: [{ system: BUSINESS_STATUS_SYSTEM, code: o.businessStatus }] } } : {}),
      ...(output.length > 0 ? { output } : {}),
    },
    ctx,
  );
  return { patient, serviceRequest, task, referrerRole };
}
