/**
 * The referral as the rules see it: the pieces of an rb-referral-bundle (docs/ig-design.md "rb-referral-bundle")
 * found once, with their FHIRPaths, so each rule kind reads what it needs without walking the bundle again.
 */
import type {
  Bundle,
  Coding,
  CodeableConcept,
  Condition,
  Observation,
  Organization,
  Patient,
  Practitioner,
  PractitionerRole,
  Procedure,
  QuestionnaireResponse,
  Resource,
  ServiceRequest,
  Task,
} from '@medplum/fhirtypes';
import type { Answers } from './answers.ts';
import { indexAnswers } from './answers.ts';
import type { BundleIndex, Located } from './bundle-index.ts';
import { indexBundle } from './bundle-index.ts';
import { present } from './optional.ts';
import { CODE_PSYCHOTHERAPY, normalizeSystem, PROFILE_REFERRAL, SYSTEM_SNOMED } from './constants.ts';

export interface CodeAt {
  readonly code: string;
  readonly system?: string;
  /** FHIRPath of the Coding. */
  readonly path: string;
}

export interface ReferralModel {
  readonly base: string;
  readonly bundle: Bundle;
  readonly index: BundleIndex;
  readonly request: Located<ServiceRequest>;
  readonly patient?: Located<Patient>;
  readonly role?: Located<PractitionerRole>;
  readonly practitioner?: Located<Practitioner>;
  readonly requesterOrg?: Located<Organization>;
  readonly condition?: Located<Condition>;
  readonly observations: readonly Located<Observation>[];
  readonly procedures: readonly Located<Procedure>[];
  readonly tasks: readonly Located<Task>[];
  readonly response?: Located<QuestionnaireResponse>;
  /** ServiceRequest.authoredOn as YYYY-MM-DD. */
  readonly referralDate?: string;
  /** Condition.code (first coding), else ServiceRequest.reasonCode. */
  readonly diagnosis?: CodeAt;
  /** ServiceRequest.orderDetail (first coding). */
  readonly treatment?: CodeAt;
  /** Every answer in the QuestionnaireResponse by linkId, in document order. */
  readonly answers: Answers;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function isReferralRequest(sr: ServiceRequest): boolean {
  return (
    (sr.meta?.profile ?? []).some((p) => p.split('|')[0] === PROFILE_REFERRAL) ||
    (sr.code?.coding ?? []).some((c) => c.system === SYSTEM_SNOMED && c.code === CODE_PSYCHOTHERAPY)
  );
}

export function firstCoding(cc: CodeableConcept | undefined, path: string): CodeAt | undefined {
  const i = (cc?.coding ?? []).findIndex((c) => c.code !== undefined);
  const c: Coding | undefined = cc?.coding?.[i];
  if (!c?.code) {
    return undefined;
  }
  const system = normalizeSystem(c.system);
  return { code: c.code, ...(system ? { system } : {}), path: `${path}.coding[${i}]` };
}

function isLocatedOf<T extends Resource>(l: Located, type: T['resourceType']): l is Located<T> {
  return l.resource.resourceType === type;
}

/** The located resource when it has the expected type. */
export function locatedAs<T extends Resource>(l: Located | undefined, type: T['resourceType']): Located<T> | undefined {
  return l && isLocatedOf<T>(l, type) ? l : undefined;
}

/** Builds the model when the bundle carries a referral (a ServiceRequest claiming rb-referral or coded psychotherapy). */
export function referralModel(bundle: Bundle, base: string): ReferralModel | undefined {
  const index = indexBundle(bundle, base);
  const request = index.ofType<ServiceRequest>('ServiceRequest').find((e) => isReferralRequest(e.resource));
  if (!request) {
    return undefined;
  }
  const sr = request.resource;
  const patient = locatedAs<Patient>(index.resolve(present(sr.subject)?.reference), 'Patient') ?? index.ofType<Patient>('Patient')[0];
  const role = locatedAs<PractitionerRole>(index.resolve(sr.requester?.reference), 'PractitionerRole');
  const practitioner = locatedAs<Practitioner>(index.resolve(role?.resource.practitioner?.reference), 'Practitioner');
  const requesterOrg = locatedAs<Organization>(index.resolve(role?.resource.organization?.reference), 'Organization');
  const condition =
    locatedAs<Condition>(index.resolve(sr.reasonReference?.[0]?.reference), 'Condition') ?? index.ofType<Condition>('Condition')[0];
  const responses = index.ofType<QuestionnaireResponse>('QuestionnaireResponse');
  const supporting = (sr.supportingInfo ?? []).map((r) => index.resolve(r.reference));
  const response = responses.find((r) => supporting.includes(r)) ?? responses[0];
  const diagnosis =
    firstCoding(condition?.resource.code, `${condition?.path ?? ''}.code`) ??
    (sr.reasonCode ?? []).map((rc, i) => firstCoding(rc, `${request.path}.reasonCode[${i}]`)).find((c) => c !== undefined);
  const treatment = (sr.orderDetail ?? []).map((od, i) => firstCoding(od, `${request.path}.orderDetail[${i}]`)).find((c) => c !== undefined);
  const referralDate = sr.authoredOn?.slice(0, 10);
  const tasks = index.ofType<Task>('Task').filter((t) => index.resolve(t.resource.focus?.reference) === request);
  const answers = indexAnswers(response?.resource.item, response?.path ?? base);
  // Optional parts assigned one by one rather than spread in (each conditional spread copies an object).
  const model: Mutable<ReferralModel> = { base, bundle, index, request, observations: index.ofType<Observation>('Observation'), procedures: index.ofType<Procedure>('Procedure'), tasks, answers };
  if (patient) {
    model.patient = patient;
  }
  if (role) {
    model.role = role;
  }
  if (practitioner) {
    model.practitioner = practitioner;
  }
  if (requesterOrg) {
    model.requesterOrg = requesterOrg;
  }
  if (condition) {
    model.condition = condition;
  }
  if (response) {
    model.response = response;
  }
  if (referralDate) {
    model.referralDate = referralDate;
  }
  if (diagnosis) {
    model.diagnosis = diagnosis;
  }
  if (treatment) {
    model.treatment = treatment;
  }
  return model;
}
