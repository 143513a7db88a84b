/** `GET /fhir/metadata`: the CapabilityStatement, generated from the route table (routes.ts). */
import type { CapabilityStatement, CapabilityStatementRestResource } from '@medplum/fhirtypes';
import { AUDIT_SEARCH_PARAMS } from './audit-search.ts';
import { includesFor, OPERATION_ONLY_ROUTES, RESOURCE_ROUTES, searchParamsFor } from './routes.ts';

const VALIDATE_OPERATION = { name: 'validate', definition: 'http://hl7.org/fhir/OperationDefinition/Resource-validate' };

export function capabilityStatement(options: { readonly baseUrl: string; readonly version: string; readonly authMode: 'dev' | 'smart' }): CapabilityStatement {
  const resources: CapabilityStatementRestResource[] = RESOURCE_ROUTES.map((route) => {
    const interactions: CapabilityStatementRestResource['interaction'] = [{ code: 'read' }, { code: 'search-type' }];
    if (route.source === 'store') {
      interactions.push({ code: 'vread' }, { code: 'history-instance' });
    }
    if (route.create) {
      interactions.push({ code: 'create' });
    }
    if (route.update) {
      interactions.push({ code: 'update' });
    }
    if (route.patch) {
      interactions.push({ code: 'patch' });
    }
    const [profile, ...more] = route.profiles;
    return {
      type: route.type,
      ...(profile ? { profile } : {}),
      ...(more.length > 0 ? { supportedProfile: [...route.profiles] } : {}),
      interaction: interactions,
      versioning: route.source === 'store' ? 'versioned-update' : 'no-version',
      readHistory: route.source === 'store',
      updateCreate: false,
      conditionalCreate: false,
      conditionalUpdate: false,
      conditionalDelete: 'not-supported',
      searchInclude: includesFor(route),
      searchParam: searchParamsFor(route).map((s) => ({ name: s.name, type: s.type })),
      ...(route.validate ? { operation: [VALIDATE_OPERATION] } : {}),
    };
  });
  // The audit trail: search only, for the region and administrators (audit-search.ts).
  resources.push({
    type: 'AuditEvent',
    interaction: [{ code: 'search-type' }],
    searchParam: AUDIT_SEARCH_PARAMS.map((name) => ({ name, type: name === 'date' ? 'date' : name === 'agent' || name === 'entity' ? 'reference' : 'token' })),
    documentation: 'The audit trail of every read and write of patient data; readable by the region and admin roles only. Newest first.',
  });
  for (const route of OPERATION_ONLY_ROUTES) {
    resources.push({ type: route.type, ...(route.profiles[0] ? { profile: route.profiles[0] } : {}), operation: [VALIDATE_OPERATION] });
  }
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString(),
    kind: 'instance',
    name: 'Remissbrygga',
    title: 'Remissbrygga FHIR server',
    publisher: 'Remissbrygga',
    software: { name: 'remissbrygga', version: options.version },
    implementation: { description: 'Remissbrygga: psychotherapy referrals, Region Skåne', url: options.baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    implementationGuide: ['https://remissbrygga.se/fhir/ImplementationGuide/remissbrygga'],
    rest: [
      {
        mode: 'server',
        security: {
          cors: false,
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] }],
          description:
            options.authMode === 'dev'
              ? 'DEVELOPMENT MODE: identity from X-Org-Id, X-User-Id, X-Roles headers; Bearer tokens from /auth/token also accepted.'
              : 'SMART Backend Services: Bearer token from /auth/token (client_credentials, private_key_jwt).',
        },
        resource: resources,
        interaction: [{ code: 'transaction' }],
        operation: [VALIDATE_OPERATION],
      },
    ],
  };
}
