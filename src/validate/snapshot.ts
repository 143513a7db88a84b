/**
 * Snapshot generation for differential-only StructureDefinitions (issue 3, layer 2): the differential is merged
 * onto the base's snapshot by element id, unrolling a complex type's children from its own definition when the
 * differential constrains inside it, and copying the sliced element (with its children) for each new slice.
 * Enough for constraint profiles and extensions written by hand or by SUSHI; not a full FHIR snapshot generator
 * (no re-slicing, no contentReference unrolling).
 */
import type { ElementDefinition, StructureDefinition } from '@medplum/fhirtypes';

type TypeLookup = (code: string) => StructureDefinition | undefined;

/** The id a differential element has, or would have if it declared none. */
function elementId(e: ElementDefinition): string {
  if (e.id) {
    return e.id;
  }
  return e.sliceName ? `${e.path}:${e.sliceName}` : e.path;
}

function lastSegmentStart(id: string): number {
  return id.lastIndexOf('.');
}

function mergeElement(into: ElementDefinition, diff: ElementDefinition): ElementDefinition {
  const { id: _id, path: _path, constraint, ...rest } = diff;
  const out: ElementDefinition = { ...into, ...rest };
  if (constraint) {
    const known = new Set((into.constraint ?? []).map((c) => c.key));
    out.constraint = [...(into.constraint ?? []), ...constraint.filter((c) => !known.has(c.key))];
  }
  return out;
}

function rebase(e: ElementDefinition, fromId: string, toId: string, fromPath: string, toPath: string): ElementDefinition {
  const id = elementId(e);
  return {
    ...e,
    id: toId + id.slice(fromId.length),
    path: toPath + e.path.slice(fromPath.length),
  };
}

export function generateSnapshot(sd: StructureDefinition, base: StructureDefinition, typeSd: TypeLookup): ElementDefinition[] {
  const els: ElementDefinition[] = (base.snapshot?.element ?? []).map((e) => ({ ...e, id: elementId(e) }));
  const indexOf = (id: string): number => els.findIndex((e) => e.id === id);
  const groupEnd = (idx: number): number => {
    const id = els[idx]?.id ?? '';
    let j = idx + 1;
    while (j < els.length && (els[j]?.id?.startsWith(`${id}.`) || els[j]?.id?.startsWith(`${id}:`))) {
      j++;
    }
    return j;
  };

  const createSlice = (id: string, sliceName: string, slicedId: string): number => {
    const sIdx = find(slicedId);
    const sliced = els[sIdx];
    if (sIdx < 0 || !sliced) {
      return -1;
    }
    const children: ElementDefinition[] = [];
    for (let j = sIdx + 1; j < els.length && els[j]?.id?.startsWith(`${slicedId}.`); j++) {
      const child = els[j];
      if (child && !child.id?.slice(slicedId.length + 1).includes(':')) {
        children.push(rebase(child, slicedId, id, sliced.path, sliced.path));
      }
    }
    const { slicing: _slicing, ...rest } = sliced;
    const at = groupEnd(sIdx);
    els.splice(at, 0, { ...rest, id, sliceName }, ...children);
    return at;
  };

  const unroll = (parentIdx: number): boolean => {
    const parent = els[parentIdx];
    const type = parent?.type?.length === 1 ? parent.type[0] : undefined;
    const tsd = type ? (type.profile?.[0] ? typeSd(type.profile[0]) : undefined) ?? typeSd(type.code) : undefined;
    const telements = tsd?.snapshot?.element;
    const parentId = parent?.id;
    if (!parent || !parentId || !tsd || !telements) {
      return false;
    }
    const root = telements[0];
    const rootId = root ? elementId(root) : tsd.type;
    const children = telements.slice(1).map((e) => rebase(e, rootId, parentId, root?.path ?? tsd.type, parent.path));
    els.splice(parentIdx + 1, 0, ...children);
    return true;
  };

  /** Index of the element with this id, creating it (slice or unrolled child) when the base lacks it. */
  const find = (id: string): number => {
    const idx = indexOf(id);
    if (idx >= 0) {
      return idx;
    }
    const dot = lastSegmentStart(id);
    const last = id.slice(dot + 1);
    const colon = last.indexOf(':');
    if (colon >= 0) {
      return createSlice(id, last.slice(colon + 1), id.slice(0, dot + 1 + colon));
    }
    if (dot < 0) {
      return -1;
    }
    const parentId = id.slice(0, dot);
    const pIdx = find(parentId);
    if (pIdx < 0) {
      return -1;
    }
    const hasChildren = els[pIdx + 1]?.id?.startsWith(`${parentId}.`) ?? false;
    if (!hasChildren && unroll(pIdx)) {
      const again = indexOf(id);
      if (again >= 0) {
        return again;
      }
    }
    // A renamed choice (`valueQuantity` for `value[x]`) constrains the choice element itself.
    const choice = els.findIndex((e) => {
      const eid = e.id ?? '';
      if (!eid.startsWith(`${parentId}.`) || !eid.endsWith('[x]')) {
        return false;
      }
      const stem = eid.slice(parentId.length + 1, -3);
      return !stem.includes('.') && last.startsWith(stem) && last.length > stem.length;
    });
    return choice;
  };

  for (const d of sd.differential?.element ?? []) {
    const id = elementId(d);
    const idx = find(id);
    const target = els[idx];
    if (idx >= 0 && target) {
      els[idx] = mergeElement(target, d);
    }
  }
  return els;
}
