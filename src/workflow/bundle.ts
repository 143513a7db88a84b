/**
 * Transaction bundle → resources ready to store: every entry gets a server id, and every reference to an
 * entry's fullUrl (`urn:uuid:…`) is rewritten to `Type/id` (FHIR R4 transaction processing,
 * https://hl7.org/fhir/R4/http.html#trules). Pure: ids come from the caller.
 */
import type { Bundle, Resource } from '@medplum/fhirtypes';

export interface ResolvedEntry {
  /** Position in Bundle.entry (for responses and FHIRPath expressions). */
  readonly index: number;
  readonly fullUrl: string | undefined;
  /** The resource with `id` set and its references rewritten. */
  readonly resource: Resource;
}

/**
 * `newId(entry, index)` returns the id to store the entry under (a fresh uuid, or the id of the stored
 * version it replaces). Entries without a resource are skipped.
 */
export function resolveBundle(bundle: Bundle, newId: (resource: Resource, index: number) => string): ResolvedEntry[] {
  const prepared = (bundle.entry ?? []).flatMap((entry, index) => {
    const resource = entry.resource;
    return resource ? [{ index, fullUrl: entry.fullUrl, resource, id: newId(resource, index) }] : [];
  });
  const targets = new Map<string, string>();
  for (const p of prepared) {
    if (p.fullUrl) {
      targets.set(p.fullUrl, `${p.resource.resourceType}/${p.id}`);
    }
  }
  return prepared.map((p) => ({
    index: p.index,
    fullUrl: p.fullUrl,
    resource: { ...rewriteResource(p.resource, targets), id: p.id },
  }));
}

/** The entry whose fullUrl (or `Type/id`) a reference names, among the bundle's own entries. */
export function entryFor(bundle: Bundle, reference: string | undefined): Resource | undefined {
  if (!reference) {
    return undefined;
  }
  return bundle.entry?.find(
    (e) => e.fullUrl === reference || (e.resource?.id !== undefined && `${e.resource.resourceType}/${e.resource.id}` === reference),
  )?.resource;
}

function rewriteResource<T extends Resource>(resource: T, targets: ReadonlyMap<string, string>): T {
  const rewritten = rewrite(resource, targets);
  if (!isSameType(rewritten, resource)) {
    throw new Error('reference rewrite changed the resource type');
  }
  return rewritten;
}

function isSameType<T extends Resource>(value: unknown, original: T): value is T {
  return typeof value === 'object' && value !== null && Reflect.get(value, 'resourceType') === original.resourceType;
}

/** Deep copy that rewrites every `reference` string naming a bundle entry; contained resources included. */
function rewrite(value: unknown, targets: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) {
    return value.map((v: unknown) => rewrite(v, targets));
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  // Object.fromEntries defines data properties: a hostile `__proto__` key stays a plain key, not a prototype.
  return Object.fromEntries(
    Object.entries(value).map(([key, v]: [string, unknown]) => [key, key === 'reference' && typeof v === 'string' ? (targets.get(v) ?? v) : rewrite(v, targets)]),
  );
}
