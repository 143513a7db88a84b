/** Small typed edits on example bundles, used to derive the invalid examples from valid ones. */
import type { Bundle, QuestionnaireResponseItem, Resource } from '@medplum/fhirtypes';

type ResourceOf<K extends Resource['resourceType']> = Extract<Resource, { resourceType: K }>;

function isType<K extends Resource['resourceType']>(resource: Resource | undefined, type: K): resource is ResourceOf<K> {
  return resource?.resourceType === type;
}

/** All resources of one type in the bundle, in entry order. */
export function resourcesOf<K extends Resource['resourceType']>(bundle: Bundle, type: K): ResourceOf<K>[] {
  return (bundle.entry ?? []).flatMap((entry) => (isType(entry.resource, type) ? [entry.resource] : []));
}

/** The first resource of a type; throws when there is none (a bug in an example definition). */
export function resourceOf<K extends Resource['resourceType']>(bundle: Bundle, type: K): ResourceOf<K> {
  const found = resourcesOf(bundle, type)[0];
  if (found === undefined) throw new Error(`example ${bundle.id ?? ''}: no ${type} entry`);
  return found;
}

/** Removes the entries matching `drop` and every ServiceRequest.supportingInfo pointing at them. */
export function removeEntries(bundle: Bundle, drop: (resource: Resource) => boolean): void {
  const removed = new Set<string>();
  bundle.entry = (bundle.entry ?? []).filter((entry) => {
    if (entry.resource && drop(entry.resource)) {
      if (entry.fullUrl !== undefined) removed.add(entry.fullUrl);
      return false;
    }
    return true;
  });
  for (const request of resourcesOf(bundle, 'ServiceRequest')) {
    request.supportingInfo = request.supportingInfo?.filter((ref) => !removed.has(ref.reference ?? ''));
  }
}

/** Finds a template answer item by linkId anywhere in the item tree (also under answers). */
export function findItem(items: QuestionnaireResponseItem[] | undefined, linkId: string): QuestionnaireResponseItem | undefined {
  for (const item of items ?? []) {
    if (item.linkId === linkId) return item;
    const nested = findItem(item.item, linkId) ?? findItem(item.answer?.flatMap((a) => a.item ?? []), linkId);
    if (nested) return nested;
  }
  return undefined;
}

/** Removes every item with the linkId anywhere in the tree. */
export function removeItem(items: QuestionnaireResponseItem[] | undefined, linkId: string): QuestionnaireResponseItem[] | undefined {
  if (items === undefined) return undefined;
  return items
    .filter((item) => item.linkId !== linkId)
    .map((item) => {
      const copy: QuestionnaireResponseItem = { ...item };
      if (item.item) copy.item = removeItem(item.item, linkId);
      if (item.answer) {
        copy.answer = item.answer.map((answer) => {
          const children = removeItem(answer.item, linkId);
          const { item: _dropped, ...rest } = answer;
          return children && children.length > 0 ? { ...rest, item: children } : rest;
        });
      }
      return copy;
    });
}
