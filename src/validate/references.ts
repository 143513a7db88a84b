/**
 * Reference targets (issue 3, layer 2): the target's type must be one the element allows; when the target is
 * in the same bundle (or contained) and the allowed targets are profiles, it must conform to one of them.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { Located, Walk } from './context.ts';
import { msg } from './messages.ts';
import type { TypeRef } from './compiled.ts';

const LITERAL = /(?:^|\/)([A-Z][A-Za-z]+)\/[A-Za-z0-9\-.]{1,64}(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

export function locateReference(w: Walk, ref: string): Located | undefined {
  if (ref.startsWith('#')) {
    const current = w.call.resourceStack.at(-1);
    const contained = current && 'contained' in current.resource ? current.resource.contained : undefined;
    const i = Array.isArray(contained) ? contained.findIndex((c: Resource) => c.id === ref.slice(1)) : -1;
    const found = i >= 0 ? contained?.[i] : undefined;
    return found && current ? { resource: found, path: `${current.path}.contained[${i}]` } : undefined;
  }
  const direct = w.call.bundleIndex.get(ref);
  if (direct) {
    return direct;
  }
  const m = LITERAL.exec(ref);
  return m ? w.call.bundleIndex.get(m[0].replace(/^\//, '').replace(/\/_history\/.*$/, '')) : undefined;
}

/** walk.ts's `conforms`, passed in to keep the module graph acyclic. */
export type ConformsFn = (w: Walk, resource: Resource, profile: string, path: string) => boolean;

export function checkReference(w: Walk, t: TypeRef, value: unknown, at: string, conforms: ConformsFn): void {
  if (t.targetProfiles.length === 0 || typeof value !== 'object' || value === null) {
    return;
  }
  const ref = (value as { reference?: unknown }).reference;
  if (typeof ref !== 'string') {
    return;
  }
  const target = locateReference(w, ref);
  const targetType = target?.resource.resourceType ?? LITERAL.exec(ref)?.[1];
  if (!targetType) {
    return;
  }
  const compiler = w.call.engine.compiler;
  // the same for every value of this element: resolved once per TypeRef
  const allowed = (t.memo.targets ??= t.targetProfiles.map((url) => {
    const sd = compiler.sd(url);
    return { url, type: sd?.type ?? url.slice(url.lastIndexOf('/') + 1), base: sd?.root.fromBase ?? true };
  }));
  let allowedType = false;
  let baseAllowed = false;
  for (const a of allowed) {
    if (a.type === targetType || a.type === 'Resource') {
      allowedType = true;
      baseAllowed ||= a.base;
    }
  }
  if (!allowedType) {
    w.out.push(msg.referenceType(targetType, allowed.map((a) => a.type), `${at}.reference`));
    return;
  }
  if (!target || baseAllowed) {
    return;
  }
  const matching = allowed.filter((a) => a.type === targetType || a.type === 'Resource');
  // After the walk: a target that was itself validated against an allowed profile has its own issues reported
  // there; repeating them at every reference would only be noise. Otherwise check conformance here.
  const call = w.call;
  call.deferred.push(() => {
    const applied = call.applied.get(target.resource);
    if (matching.some((a) => applied?.includes(a.url))) {
      return;
    }
    if (!matching.some((a) => conforms(w, target.resource, a.url, target.path))) {
      call.late.push(msg.referenceProfile(matching.map((a) => a.url), `${at}.reference`));
    }
  });
}
