/**
 * Index of a Bundle's entries for reference resolution inside the bundle: by fullUrl (`urn:uuid:…` or absolute)
 * and by `Type/id`. Paths are indexed FHIRPath from the bundle root (`Bundle.entry[3].resource`).
 */
import type { Bundle, Resource } from '@medplum/fhirtypes';

export interface Located<T extends Resource = Resource> {
  readonly resource: T;
  /** FHIRPath of the resource, e.g. `Bundle.entry[3].resource`. */
  readonly path: string;
  readonly fullUrl?: string;
}

export interface BundleIndex {
  readonly entries: readonly Located[];
  /** The entry a reference string points at, or undefined when it is not in the bundle. */
  resolve(reference: string | undefined): Located | undefined;
  /** The entries of one resource type, in document order (shared: do not modify). */
  ofType<T extends Resource>(resourceType: T['resourceType']): readonly Located<T>[];
}

/** True for references that must resolve inside a bundle: `urn:uuid:`/`urn:oid:` and relative `Type/id`. */
export function isLocalReference(reference: string): boolean {
  return reference.startsWith('urn:') || /^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}(\/_history\/[A-Za-z0-9\-.]{1,64})?$/.test(reference);
}

const TAIL = /([A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64})$/;
const HISTORY = /^(.*?\/[A-Za-z0-9\-.]{1,64})\/_history\/[A-Za-z0-9\-.]{1,64}$/;
const NO_TYPE: readonly Located[] = [];

export function indexBundle(bundle: Bundle, base: string): BundleIndex {
  const entries: Located[] = [];
  const byKey = new Map<string, Located>();
  const byType = new Map<string, Located[]>();
  (bundle.entry ?? []).forEach((entry, i) => {
    const resource = entry.resource;
    if (!resource) {
      return;
    }
    const fullUrl = entry.fullUrl;
    const path = `${base}.entry[${i}].resource`;
    const located: Located = fullUrl ? { resource, path, fullUrl } : { resource, path };
    entries.push(located);
    const sameType = byType.get(resource.resourceType);
    if (sameType) {
      sameType.push(located);
    } else {
      byType.set(resource.resourceType, [located]);
    }
    if (fullUrl && !byKey.has(fullUrl)) {
      byKey.set(fullUrl, located);
    }
    if (resource.id) {
      const key = `${resource.resourceType}/${resource.id}`;
      if (!byKey.has(key)) {
        byKey.set(key, located);
      }
    }
    // A tail `Type/id` needs a slash: skip the regex for urn:uuid/urn:oid fullUrls (the usual case).
    const url = fullUrl ?? '';
    const tail = typeof url === 'string' && !url.includes('/') ? null : TAIL.exec(url);
    if (tail?.[1] && !byKey.has(tail[1])) {
      byKey.set(tail[1], located);
    }
  });
  return {
    entries,
    resolve(reference) {
      if (!reference) {
        return undefined;
      }
      const found = byKey.get(reference);
      if (found) {
        return found;
      }
      const history = HISTORY.exec(reference);
      if (history?.[1]) {
        return byKey.get(history[1]) ?? byKey.get(history[1].replace(/^.*\/([A-Z][A-Za-z]+\/[^/]+)$/, '$1'));
      }
      const tail = TAIL.exec(reference);
      return tail?.[1] && reference.includes('://') ? byKey.get(tail[1]) : undefined;
    },
    ofType<T extends Resource>(resourceType: T['resourceType']) {
      // grouped by resource.resourceType above, so every entry of the list is a Located<T>
      return (byType.get(resourceType) ?? NO_TYPE) as readonly Located<T>[];
    },
  };
}
