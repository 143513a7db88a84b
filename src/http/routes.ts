/**
 * THE route table: what /fhir serves. The router registers from it and the CapabilityStatement is generated from
 * it, so the two cannot drift. Adding a type or a write means adding a row here and, for a write, a handler in
 * writes.ts.
 */
import type { ResourceType } from '@medplum/fhirtypes';
import { INDEX_SPECS } from '../store/index.ts';
import type { ConformanceType } from './conformance.ts';
import { CONFORMANCE_SEARCH_PARAMS } from './conformance.ts';

const PROFILE_BASE = 'https://remissbrygga.se/fhir/StructureDefinition/';

/** Write handlers (see writes.ts): the workflow's, and the Subscription writes (subscription.ts). */
export type WriteKind = 'transitionTask' | 'updateServiceRequest' | 'postCommunication' | 'createSubscription' | 'updateSubscription';

export interface ResourceRoute {
  readonly type: ResourceType;
  /** `store`: the database, org-scoped; `conformance`: the IG package in memory. */
  readonly source: 'store' | 'conformance';
  readonly profiles: readonly string[];
  readonly create?: WriteKind;
  readonly update?: WriteKind;
  /** JSON Patch (RFC 6902) applied to the current version, then the same workflow call as update. */
  readonly patch?: WriteKind;
  /** Type-level `$validate`. */
  readonly validate?: boolean;
}

const p = (...ids: string[]): string[] => ids.map((id) => PROFILE_BASE + id);

export const RESOURCE_ROUTES: readonly ResourceRoute[] = [
  { type: 'ServiceRequest', source: 'store', profiles: p('rb-referral'), update: 'updateServiceRequest', validate: true },
  { type: 'Task', source: 'store', profiles: p('rb-referral-task'), update: 'transitionTask', patch: 'transitionTask' },
  { type: 'QuestionnaireResponse', source: 'store', profiles: p('rb-template-response'), validate: true },
  { type: 'Patient', source: 'store', profiles: p('rb-patient') },
  { type: 'Practitioner', source: 'store', profiles: p('rb-practitioner') },
  { type: 'PractitionerRole', source: 'store', profiles: p('rb-referrer-role') },
  { type: 'Organization', source: 'store', profiles: p('rb-organization') },
  { type: 'Condition', source: 'store', profiles: p('rb-diagnosis') },
  { type: 'Observation', source: 'store', profiles: p('rb-screening-observation', 'rb-rating-observation') },
  { type: 'Procedure', source: 'store', profiles: p('rb-prior-treatment') },
  { type: 'Communication', source: 'store', profiles: p('rb-referral-communication'), create: 'postCommunication' },
  // An organisation's rest-hook Subscription = its delivery destination (src/http/subscription.ts, src/deliver).
  { type: 'Subscription', source: 'store', profiles: [], create: 'createSubscription', update: 'updateSubscription' },
  { type: 'Questionnaire', source: 'conformance', profiles: p('rb-template-questionnaire') },
  { type: 'StructureDefinition', source: 'conformance', profiles: [] },
  { type: 'ValueSet', source: 'conformance', profiles: [] },
  { type: 'CodeSystem', source: 'conformance', profiles: [] },
  { type: 'ConceptMap', source: 'conformance', profiles: [] },
];

/** Types with only operations (no REST interactions). */
export const OPERATION_ONLY_ROUTES: readonly { readonly type: ResourceType; readonly profiles: readonly string[] }[] = [
  { type: 'Bundle', profiles: p('rb-referral-bundle') },
];

export type SearchParamType = 'token' | 'reference' | 'date' | 'uri' | 'string';

export interface SearchParamDef {
  readonly name: string;
  readonly type: SearchParamType;
}

/** The search parameters the store supports for a type (mirrors src/store/search.ts PARAMS and INDEX_SPECS). */
export function searchParamsFor(route: ResourceRoute): SearchParamDef[] {
  if (route.source === 'conformance') {
    return CONFORMANCE_SEARCH_PARAMS.map((name) => ({ name, type: name === 'url' ? 'uri' : name === 'name' ? 'string' : 'token' }));
  }
  const spec = INDEX_SPECS[route.type] ?? {};
  const params: SearchParamDef[] = [
    { name: '_id', type: 'token' },
    { name: '_lastUpdated', type: 'date' },
    { name: 'identifier', type: 'token' },
    { name: 'owner', type: 'reference' },
    { name: 'requester', type: 'reference' },
  ];
  if (spec.status !== undefined) {
    params.push({ name: 'status', type: 'token' });
  }
  if (spec.patient !== undefined) {
    params.push({ name: 'patient', type: 'reference' }, { name: 'subject', type: 'reference' }, { name: 'patient.identifier', type: 'token' });
  }
  if (spec.authored !== undefined) {
    params.push({ name: 'authored', type: 'date' });
  }
  for (const name of Object.keys(spec.refs ?? {})) {
    params.push({ name, type: 'reference' });
  }
  return params;
}

/** `_include` values the store follows for a type. */
export function includesFor(route: ResourceRoute): string[] {
  if (route.source === 'conformance') {
    return [];
  }
  const spec = INDEX_SPECS[route.type] ?? {};
  const refs = Object.keys(spec.refs ?? {});
  const patient = spec.patient ? ['patient', 'subject'] : [];
  return [...refs, ...patient].map((param) => `${route.type}:${param}`);
}

export function isConformanceRoute(route: ResourceRoute): route is ResourceRoute & { readonly type: ConformanceType } {
  return route.source === 'conformance';
}
