/**
 * What the workflow needs from a referral bundle before storing it: the one ServiceRequest, its referral
 * identifier (remiss-id), the referring vårdcentral and the provider that will own the Task. Every problem is
 * collected (STYLE.md point 4) and thrown as one 422; the validator checks the full profile before this.
 */
import type { Bundle, OperationOutcomeIssue, Organization, Patient, PractitionerRole, Resource, ServiceRequest } from '@medplum/fhirtypes';
import { issue, outcomeError, unprocessableIssues } from '../fhir/outcomes.ts';
import { hsaIdentifier, hsaOf } from './access.ts';
import { entryFor } from './bundle.ts';
import { CS, EXT, REMISS_ID_SYSTEM } from './codes.ts';
import { nearestProvider } from './nearest.ts';
import type { Directory } from './types.ts';

export interface ReferralFacts {
  /** Index of the ServiceRequest in Bundle.entry. */
  readonly serviceRequestIndex: number;
  readonly remissId: string;
  /** HSA-id of the referring vårdcentral (the requester PractitionerRole's organization). */
  readonly requesterOrg: string;
  /** HSA-id of the provider: the performer, or the nearest offering the treatment form. */
  readonly ownerOrg: string;
  readonly ownerName: string | undefined;
  /** True when the provider was picked from the directory (provider choice `nearest`). */
  readonly ownerFromDirectory: boolean;
}

export function analyseReferral(bundle: Bundle, directory: Directory): ReferralFacts {
  const issues: OperationOutcomeIssue[] = [];
  const problem = (id: string, sv: string, en: string, expression: string): void => {
    issues.push(issue(id.endsWith('MISSING') ? 'required' : 'business-rule', { id, text: { sv, en }, expression: [expression] }));
  };
  if (bundle.type !== 'transaction') {
    problem('WF-BUNDLE-TYPE', 'Remissen ska skickas som en Bundle av typen transaction', 'The referral must be a Bundle of type transaction', 'Bundle.type');
  }
  (bundle.entry ?? []).forEach((e, i) => {
    if (e.request && e.request.method !== 'POST') {
      problem('WF-BUNDLE-METHOD', 'Endast POST stöds i remissens transaktion', 'Only POST is supported in the referral transaction', `Bundle.entry[${i}].request.method`);
    }
    if (!e.resource) {
      problem('WF-BUNDLE-ENTRY-MISSING', 'Posten saknar resurs', 'The entry has no resource', `Bundle.entry[${i}].resource`);
    }
  });
  const srIndexes = (bundle.entry ?? []).flatMap((e, i) => (e.resource?.resourceType === 'ServiceRequest' ? [i] : []));
  const srIndex = srIndexes[0];
  const sr = srIndex === undefined ? undefined : bundle.entry?.[srIndex]?.resource;
  if (srIndexes.length !== 1 || srIndex === undefined || sr?.resourceType !== 'ServiceRequest') {
    problem(
      'WF-REFERRAL-COUNT',
      `Bundlen ska innehålla exakt en ServiceRequest (remissen), fann ${srIndexes.length}`,
      `The bundle must hold exactly one ServiceRequest (the referral), found ${srIndexes.length}`,
      'Bundle.entry',
    );
    throw outcomeError(unprocessableIssues(issues));
  }
  const at = `Bundle.entry[${srIndex}].resource`;
  const remissId = sr.identifier?.find((i) => i.system === REMISS_ID_SYSTEM)?.value;
  if (!remissId) {
    problem('WF-REMISS-ID-MISSING', 'Remissen saknar remiss-id', 'The referral has no remiss-id identifier', `${at}.identifier`);
  }
  const requesterOrg = requesterOrgOf(bundle, sr);
  if (!requesterOrg) {
    problem(
      'WF-REQUESTER-ORG-MISSING',
      'Remittentens vårdcentral (PractitionerRole.organization med HSA-id) saknas i bundlen',
      "The referrer's vårdcentral (PractitionerRole.organization with an HSA-id) is missing from the bundle",
      `${at}.requester`,
    );
  }
  const owner = ownerOf(bundle, sr, directory, at, problem);
  if (issues.length > 0 || !remissId || !requesterOrg || !owner) {
    throw outcomeError(unprocessableIssues(issues));
  }
  return { serviceRequestIndex: srIndex, remissId, requesterOrg, ownerOrg: owner.hsaId, ownerName: owner.name, ownerFromDirectory: owner.fromDirectory };
}

function requesterOrgOf(bundle: Bundle, sr: ServiceRequest): string | undefined {
  const role = entryFor(bundle, sr.requester?.reference);
  if (!isType<PractitionerRole>(role, 'PractitionerRole')) {
    return undefined;
  }
  return hsaOf(role.organization) ?? orgHsa(entryFor(bundle, role.organization?.reference));
}

function ownerOf(
  bundle: Bundle,
  sr: ServiceRequest,
  directory: Directory,
  at: string,
  problem: (id: string, sv: string, en: string, expression: string) => void,
): { hsaId: string; name: string | undefined; fromDirectory: boolean } | undefined {
  const performer = sr.performer?.[0];
  if (performer) {
    const org = entryFor(bundle, performer.reference);
    const hsaId = hsaOf(performer) ?? orgHsa(org);
    if (!hsaId) {
      problem('WF-PERFORMER-HSA-MISSING', 'Mottagande enhet saknar HSA-id', 'The performer organisation has no HSA-id', `${at}.performer[0]`);
      return undefined;
    }
    return { hsaId, name: (isType<Organization>(org, 'Organization') ? org.name : undefined) ?? performer.display, fromDirectory: false };
  }
  const choice = sr.extension?.find((e) => e.url === EXT.providerChoice)?.valueCoding;
  if (choice?.code !== 'nearest') {
    problem(
      'WF-PERFORMER-MISSING',
      'Mottagare saknas: ange performer eller vårdgivarval "nearest"',
      'No provider: give a performer or provider choice "nearest"',
      `${at}.performer`,
    );
    return undefined;
  }
  const form = sr.orderDetail?.flatMap((d) => d.coding ?? []).find((c) => c.system === CS.treatmentForm)?.code;
  if (!form) {
    problem('WF-TREATMENT-FORM-MISSING', 'Behandlingsform saknas (orderDetail)', 'Treatment form missing (orderDetail)', `${at}.orderDetail`);
    return undefined;
  }
  const patient = entryFor(bundle, sr.subject.reference);
  const address = isType<Patient>(patient, 'Patient') ? (patient.address?.find((a) => a.use === 'home') ?? patient.address?.[0]) : undefined;
  const nearest = nearestProvider(directory, form, { postalCode: address?.postalCode, municipality: address?.city ?? address?.district });
  if (!nearest) {
    problem(
      'WF-NO-PROVIDER',
      `Ingen mottagning i katalogen erbjuder behandlingsformen ${form}`,
      `No provider in the directory offers the treatment form ${form}`,
      `${at}.orderDetail`,
    );
    return undefined;
  }
  return { hsaId: nearest.hsaId, name: nearest.name, fromDirectory: true };
}

function orgHsa(resource: Resource | undefined): string | undefined {
  return isType<Organization>(resource, 'Organization') ? hsaIdentifier(resource.identifier) : undefined;
}

function isType<T extends Resource>(resource: Resource | undefined, type: T['resourceType']): resource is T {
  return resource?.resourceType === type;
}
