/**
 * Which profiles apply to a resource (issue 3, layer 2): its `meta.profile` claims, the caller's `--profile`,
 * and its role in a referral bundle (docs/ig-design.md "Profiles": every entry of an rb-referral-bundle gets its
 * profile by resource type, Observations by instrument).
 */
import type { Resource } from '@medplum/fhirtypes';

export const RB_SD = 'https://remissbrygga.se/fhir/StructureDefinition/';
export const REFERRAL_BUNDLE = `${RB_SD}rb-referral-bundle`;
const REMISS_ID = 'https://remissbrygga.se/fhir/sid/remiss-id';

const ROLE_BY_TYPE: ReadonlyMap<string, string> = new Map([
  ['ServiceRequest', `${RB_SD}rb-referral`],
  ['QuestionnaireResponse', `${RB_SD}rb-template-response`],
  ['Patient', `${RB_SD}rb-patient`],
  ['PractitionerRole', `${RB_SD}rb-referrer-role`],
  ['Practitioner', `${RB_SD}rb-practitioner`],
  ['Organization', `${RB_SD}rb-organization`],
  ['Condition', `${RB_SD}rb-diagnosis`],
  ['Procedure', `${RB_SD}rb-prior-treatment`],
]);

/** Rating instruments (docs/ig-design.md: PHQ-9 44261-6, GAD-7 70274-6, MADRS-S); everything else screening. */
const RATING_CODES: ReadonlySet<string> = new Set(['44261-6', '70274-6', 'MADRS-S']);

export function roleProfile(resource: Resource): string | undefined {
  if (resource.resourceType === 'Observation') {
    const coding: unknown = (resource.code as { coding?: unknown } | undefined)?.coding;
    const codes = Array.isArray(coding) ? coding.map((c: { code?: unknown } | null) => c?.code) : [];
    return codes.some((c) => typeof c === 'string' && RATING_CODES.has(c))
      ? `${RB_SD}rb-rating-observation`
      : `${RB_SD}rb-screening-observation`;
  }
  return ROLE_BY_TYPE.get(resource.resourceType);
}

/**
 * Is this bundle a referral? It claims rb-referral-bundle (or the caller asks for it), or it carries a
 * ServiceRequest with our referral id system or claiming rb-referral.
 */
export function isReferralBundle(resource: Resource, profiles: readonly string[]): boolean {
  if (resource.resourceType !== 'Bundle') {
    return false;
  }
  if (profiles.some((p) => p.split('|')[0] === REFERRAL_BUNDLE)) {
    return true;
  }
  const entries: unknown = resource.entry;
  return (
    Array.isArray(entries) &&
    entries.some((e: { resource?: unknown } | null) => {
      const r = e?.resource as { resourceType?: unknown; identifier?: unknown } | undefined;
      if (r?.resourceType !== 'ServiceRequest') {
        return false;
      }
      const ids: unknown = r.identifier;
      return (
        (Array.isArray(ids) && ids.some((i: { system?: unknown } | null) => i?.system === REMISS_ID)) ||
        claimedProfiles(r as Resource).some((p) => p.startsWith(`${RB_SD}rb-referral`))
      );
    })
  );
}

const NONE: readonly string[] = Object.freeze([]);

export function claimedProfiles(resource: Resource): readonly string[] {
  const meta: unknown = resource.meta;
  const p: unknown = typeof meta === 'object' && meta !== null ? (meta as { profile?: unknown }).profile : undefined;
  return Array.isArray(p) ? p.filter((x): x is string => typeof x === 'string') : NONE;
}
