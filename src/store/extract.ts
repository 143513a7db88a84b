/**
 * What search needs from a resource, extracted into indexed columns. The per-type table INDEX_SPECS is data:
 * supporting a new type or reference parameter means adding a row, not a branch.
 */
import type { Reference, Resource } from '@medplum/fhirtypes';

/** HSA-id systems in circulation; both accepted, the first is canonical (docs/ig-design.md "Identifier systems"). */
export const HSA_SYSTEMS: readonly string[] = ['urn:oid:1.2.752.29.4.19', 'urn:oid:1.2.752.129.2.1.4.1'];

export interface TypeIndexSpec {
  /** Reference-valued fields naming the provider organisation; the first that yields a key wins. */
  readonly ownerOrg?: readonly string[];
  /** Reference-valued fields naming the referring organisation. */
  readonly requesterOrg?: readonly string[];
  /** Reference-valued fields naming the patient (search parameters `patient` and `subject`). */
  readonly patient?: readonly string[];
  /** Code-valued field behind the `status` parameter. */
  readonly status?: string;
  /** date/dateTime field behind the `authored` parameter and sort key. */
  readonly authored?: string;
  /** Reference search parameters (name → fields), stored in resource_refs; usable in `_include`. */
  readonly refs?: Readonly<Record<string, readonly string[]>>;
}

/**
 * Org keys a single resource can name itself. ServiceRequest.requester is a PractitionerRole, so its
 * vårdcentral (and the orgs of Patient, Communication, …) come from the caller's WriteContext.orgs.
 */
export const INDEX_SPECS: Readonly<Record<string, TypeIndexSpec>> = {
  ServiceRequest: {
    ownerOrg: ['performer'],
    requesterOrg: ['requester'],
    patient: ['subject'],
    status: 'status',
    authored: 'authoredOn',
    refs: { performer: ['performer'], 'based-on': ['basedOn'], 'supporting-info': ['supportingInfo'] },
  },
  Task: {
    ownerOrg: ['owner'],
    requesterOrg: ['requester'],
    patient: ['for'],
    status: 'status',
    authored: 'authoredOn',
    refs: { focus: ['focus'], 'based-on': ['basedOn'], 'part-of': ['partOf'] },
  },
  Communication: {
    patient: ['subject'],
    status: 'status',
    authored: 'sent',
    refs: { 'based-on': ['basedOn'], 'part-of': ['partOf'], about: ['about'], sender: ['sender'], recipient: ['recipient'] },
  },
  QuestionnaireResponse: { patient: ['subject'], status: 'status', authored: 'authored', refs: { 'based-on': ['basedOn'] } },
  Observation: { patient: ['subject'], status: 'status', authored: 'effectiveDateTime' },
  Procedure: { patient: ['subject'], status: 'status' },
  Condition: { patient: ['subject'], authored: 'recordedDate' },
  PractitionerRole: { refs: { organization: ['organization'], practitioner: ['practitioner'] } },
};

export interface OrgKeys {
  readonly ownerOrg?: string | undefined;
  readonly requesterOrg?: string | undefined;
}

export interface IndexRow {
  readonly ownerOrg: string | null;
  readonly requesterOrg: string | null;
  readonly patientRef: string | null;
  readonly status: string | null;
  /** ISO instant */
  readonly authored: string | null;
  readonly tokens: readonly { readonly system: string; readonly value: string }[];
  readonly refs: readonly { readonly param: string; readonly target: string }[];
}

export function specFor(resourceType: string): TypeIndexSpec {
  return INDEX_SPECS[resourceType] ?? {};
}

export function extractIndex(resource: Resource): IndexRow {
  const spec = specFor(resource.resourceType);
  const status = spec.status ? field(resource, spec.status) : undefined;
  const authored = spec.authored ? field(resource, spec.authored) : undefined;
  return {
    ownerOrg: firstKey(resource, spec.ownerOrg, orgKey),
    requesterOrg: firstKey(resource, spec.requesterOrg, orgKey),
    patientRef: firstKey(resource, spec.patient, (r) => r.reference),
    status: typeof status === 'string' ? status : null,
    authored: typeof authored === 'string' ? fhirDateToInstant(authored) : null,
    tokens: identifierTokens(resource),
    refs: Object.entries(spec.refs ?? {}).flatMap(([param, fields]) =>
      fields.flatMap((f) => references(field(resource, f))).flatMap((r) => (r.reference ? [{ param, target: r.reference }] : [])),
    ),
  };
}

/**
 * The key an organisation is scoped by: its HSA-id when the reference carries one (either HSA system),
 * otherwise the literal reference (`Organization/<id>`). References that say they point at something other
 * than an Organization (ServiceRequest.requester → PractitionerRole) name no organisation.
 */
export function orgKey(ref: Reference): string | undefined {
  const target = ref.type ?? ref.reference?.split('/')[0];
  if (target !== undefined && target !== 'Organization') {
    return undefined;
  }
  const id = ref.identifier;
  if (id?.value && id.system && HSA_SYSTEMS.includes(id.system)) {
    return id.value;
  }
  return ref.reference;
}

/** Normalises a search or scope value to an org key: `system|HSA-id` → HSA-id, else unchanged. */
export function orgKeyFromParam(value: string): string {
  const bar = value.indexOf('|');
  if (bar >= 0 && HSA_SYSTEMS.includes(value.slice(0, bar))) {
    return value.slice(bar + 1);
  }
  return value;
}

/**
 * A FHIR date/dateTime/instant as an ISO instant. Partial dates (`2025`, `2025-03`, `2025-03-14`) start at
 * midnight UTC; a dateTime without zone is not valid FHIR, we read it as UTC rather than reject stored data.
 */
export function fhirDateToInstant(value: string): string | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (m) {
    return `${m[1] ?? ''}-${m[2] ?? '01'}-${m[3] ?? '01'}T00:00:00.000Z`;
  }
  const withZone = /(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function identifierTokens(resource: Resource): { system: string; value: string }[] {
  const ids = field(resource, 'identifier');
  const list: unknown[] = Array.isArray(ids) ? ids : ids === undefined ? [] : [ids];
  return list.flatMap((i) => {
    if (typeof i !== 'object' || i === null) {
      return [];
    }
    const value: unknown = Reflect.get(i, 'value');
    const system: unknown = Reflect.get(i, 'system');
    return typeof value === 'string' ? [{ system: typeof system === 'string' ? system : '', value }] : [];
  });
}

function firstKey(resource: Resource, fields: readonly string[] | undefined, key: (r: Reference) => string | undefined): string | null {
  for (const f of fields ?? []) {
    for (const r of references(field(resource, f))) {
      const k = key(r);
      if (k) {
        return k;
      }
    }
  }
  return null;
}

function references(value: unknown): Reference[] {
  const list: unknown[] = Array.isArray(value) ? value : [value];
  return list.filter(isReference);
}

function isReference(value: unknown): value is Reference {
  return (
    typeof value === 'object' &&
    value !== null &&
    (typeof Reflect.get(value, 'reference') === 'string' || typeof Reflect.get(value, 'identifier') === 'object')
  );
}

/** A top-level field of a resource by name (the spec table names fields as data). */
function field(resource: Resource, name: string): unknown {
  const value: unknown = Reflect.get(resource, name);
  return value;
}
