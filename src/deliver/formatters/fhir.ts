/**
 * FHIR payload: a transaction Bundle with one PUT per resource (`Type/id`), so a FHIR server that receives the
 * same event twice ends with the same state (idempotent by construction, on top of the Idempotency-Key header).
 * The event type rides in Bundle.meta.tag; Bundle.id names the outbox event.
 */
import type { Bundle, BundleEntry } from '@medplum/fhirtypes';
import type { Formatter } from './formatter.ts';

export const EVENT_TAG_SYSTEM = 'https://remissbrygga.se/fhir/CodeSystem/rb-event-type';

export const fhirFormatter: Formatter = {
  format: 'fhir',
  render({ event, resources }) {
    const entry: BundleEntry[] = resources.map((resource) => ({
      fullUrl: `${resource.resourceType}/${resource.id ?? ''}`,
      resource,
      request: { method: 'PUT', url: `${resource.resourceType}/${resource.id ?? ''}` },
    }));
    const bundle: Bundle = {
      resourceType: 'Bundle',
      id: `rb-outbox-${String(event.id)}`,
      meta: { tag: [{ system: EVENT_TAG_SYSTEM, code: event.eventType }] },
      type: 'transaction',
      timestamp: event.created.toISOString(),
      entry,
    };
    return { body: JSON.stringify(bundle), contentType: 'application/fhir+json' };
  },
};
