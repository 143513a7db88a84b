/**
 * The walk (issue 3, layers 1–3 in one pass): every JSON key is looked up in the compiled object plan, so
 * unknown elements, cardinality, types, choice types, primitive formats, empty values, fixed/pattern, slicing,
 * reference targets, invariants and bindings are checked together. All problems are collected.
 */
import type { OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import { checkBinding } from './binding.ts';
import type { Walk } from './context.ts';
import { deepEquals, deepIncludes } from './deep.ts';
import { checkConstraints } from './invariants.ts';
import { msg } from './messages.ts';
import type { CompiledSd, Node, ObjectPlan, Prop, TypeRef } from './compiled.ts';
import { checkPrimitive } from './primitives.ts';
import { claimedProfiles } from './profiles.ts';
import { checkReference } from './references.ts';
import { matchSlice } from './slicing.ts';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `[0]` … `[63]` made once: an index costs one string join, not three. */
const INDEX_SUFFIXES: readonly string[] = Array.from({ length: 64 }, (_, i) => `[${i}]`);

function indexSuffix(i: number): string {
  return INDEX_SUFFIXES[i] ?? `[${i}]`;
}

function isEmptyObject(v: Record<string, unknown>): boolean {
  for (const _ in v) {
    return false;
  }
  return true;
}

interface Chosen {
  readonly urls: string[];
  readonly sds: CompiledSd[];
}

/** Adds the definition `url` names to those a resource is walked against, or reports why it cannot. */
function consider(w: Walk, resource: Resource, base: CompiledSd, chosen: Chosen, url: string, at: string): void {
  if (chosen.urls.includes(url)) {
    return;
  }
  chosen.urls.push(url);
  const sd = w.call.engine.compiler.sd(url);
  if (!sd) {
    w.out.push(msg.profileUnknown(url, at));
  } else if (sd.type !== resource.resourceType) {
    w.out.push(msg.profileType(url, sd.type, at));
  } else if (sd !== base) {
    chosen.sds.push(sd);
  }
}

/** Validates a resource found at `path` (the root, a bundle entry, a contained resource). */
export function walkResource(w: Walk, value: unknown, path: string, typeProfiles: readonly string[]): void {
  if (!isPlainObject(value) || typeof value.resourceType !== 'string') {
    w.out.push(msg.notAResource(path));
    return;
  }
  const resource = value as unknown as Resource;
  const compiler = w.call.engine.compiler;
  const base = compiler.type(resource.resourceType);
  if (base?.kind !== 'resource') {
    w.out.push(msg.unknownResourceType(resource.resourceType, `${path}.resourceType`));
    return;
  }
  // The definitions that apply, in order, without duplicates: its claims, the caller's, its role in the bundle.
  const chosen: Chosen = { urls: [], sds: [] };
  const claimed = claimedProfiles(resource);
  for (let i = 0; i < claimed.length; i++) {
    consider(w, resource, base, chosen, claimed[i] as string, `${path}.meta.profile[${i}]`);
  }
  for (const url of typeProfiles) {
    consider(w, resource, base, chosen, url, path);
  }
  for (const url of w.call.extraProfiles.get(resource) ?? []) {
    consider(w, resource, base, chosen, url, path);
  }
  const sds = chosen.sds;
  if (sds.length === 0) {
    sds.push(base);
  }
  let applied = w.call.applied.get(resource);
  if (!applied) {
    applied = [];
    w.call.applied.set(resource, applied);
  }
  for (const sd of sds) {
    if (!applied.includes(sd.url)) {
      applied.push(sd.url);
    }
  }
  let seen: Set<string> | undefined; // made only when there are issues (a valid resource has none)
  for (const sd of sds) {
    for (const i of profileIssues(w, resource, sd, path)) {
      seen ??= new Set<string>();
      const key = `${i.severity}|${i.details?.coding?.[0]?.code ?? ''}|${i.expression?.[0] ?? ''}|${i.details?.text ?? ''}`;
      if (!seen.has(key)) {
        seen.add(key);
        w.out.push(i);
      }
    }
  }
}

/** The issues of one resource against one definition, computed once per call. */
function profileIssues(w: Walk, resource: Resource, sd: CompiledSd, path: string): readonly OperationOutcomeIssue[] {
  let byUrl = w.call.memo.get(resource);
  if (!byUrl) {
    byUrl = new Map();
    w.call.memo.set(resource, byUrl);
  }
  const cached = byUrl.get(sd.url);
  if (cached) {
    return cached;
  }
  byUrl.set(sd.url, []); // a reference cycle back to this resource sees "no issues" rather than recursing
  const out: OperationOutcomeIssue[] = [];
  const inner: Walk = { call: w.call, out };
  const typed = { type: resource.resourceType, value: resource };
  w.call.resourceStack.push({ resource, typed, path });
  try {
    walkObject(inner, resource as unknown as Record<string, unknown>, w.call.engine.compiler.rootPlan(sd), path, true);
    checkConstraints(inner, sd.root.constraints, typed, path);
  } finally {
    w.call.resourceStack.pop();
  }
  byUrl.set(sd.url, out);
  return out;
}

export function conforms(w: Walk, resource: Resource, url: string, path: string): boolean {
  const sd = w.call.engine.compiler.sd(url);
  if (sd?.type !== resource.resourceType) {
    return false;
  }
  return !profileIssues(w, resource, sd, path).some((i) => i.severity === 'error' || i.severity === 'fatal');
}

function walkObject(w: Walk, obj: Record<string, unknown>, plan: ObjectPlan, path: string, isResource: boolean): void {
  let choiceSeen: Set<Node> | undefined;
  const keys = plan.keys;
  for (const key in obj) {
    const value = obj[key];
    if (value === undefined) {
      continue; // JavaScript objects may carry undefined; JSON cannot
    }
    const prop = keys.get(key);
    if (prop === undefined) {
      if (!(isResource && key === 'resourceType')) {
        w.out.push(msg.unknownElement(key, `${path}.${key}`));
      }
      continue;
    }
    if (prop.choice && !prop.underscore) {
      choiceSeen ??= new Set();
      if (choiceSeen.has(prop.node)) {
        w.out.push(msg.choiceConflict(prop.fhirName, `${path}.${key}`));
      }
      choiceSeen.add(prop.node);
    }
    walkProp(w, obj, key, value, prop, path + prop.suffix);
  }
  const required = plan.required;
  for (let i = 0; i < required.length; i++) {
    const r = required[i] as (typeof required)[number];
    if (!anyPresent(obj, r.keys)) {
      w.out.push(
        r.slice
          ? msg.cardinality(r.slice.sliceName ?? r.name, r.slice.min, r.slice.max, 0, `${path}.${r.name}`)
          : msg.missing(r.name, r.node.min, r.node.max, `${path}.${r.name}`),
      );
    }
  }
}

function anyPresent(obj: Record<string, unknown>, keys: readonly string[]): boolean {
  for (const k of keys) {
    if (obj[k] !== undefined) {
      return true;
    }
  }
  return false;
}

function elementPlan(w: Walk): ObjectPlan {
  const c = w.call.engine.compiler;
  const element = c.type('Element');
  return element ? c.rootPlan(element) : { keys: new Map(), required: [], choices: [] };
}

function walkProp(w: Walk, obj: Record<string, unknown>, key: string, value: unknown, prop: Prop, path: string): void {
  const node = prop.node;
  if (prop.underscore) {
    // `_name`: the id and extensions of a primitive (or of each repetition, null where there are none).
    for (const [i, v] of (Array.isArray(value) ? value : [value]).entries()) {
      if (isPlainObject(v)) {
        walkObject(w, v, elementPlan(w), Array.isArray(value) ? `${path}[${i}]` : path, false);
      } else if (v !== null || !Array.isArray(value)) {
        w.out.push(msg.expectedObject('Element', path));
      }
    }
    return;
  }
  // One value is walked as itself: no one-element array per value.
  let count = 1;
  if (node.isArray) {
    if (!Array.isArray(value)) {
      w.out.push(msg.expectedArray(prop.fhirName, path));
      return;
    }
    if (value.length === 0) {
      w.out.push(msg.empty(path));
      return;
    }
    count = value.length;
  } else if (Array.isArray(value)) {
    w.out.push(msg.expectedSingle(prop.fhirName, path));
    return;
  }
  if (count > node.max || count < node.min) {
    w.out.push(msg.cardinality(prop.fhirName, node.min, node.max, count, path));
  }
  const slicing = node.slicing && node.slices.length > 0 ? node.slicing : undefined;
  const counts = slicing ? new Array<number>(node.slices.length).fill(0) : undefined; // per slice, in order
  for (let i = 0; i < count; i++) {
    const item: unknown = node.isArray ? (value as unknown[])[i] : value;
    const at = node.isArray ? path + indexSuffix(i) : path;
    if (item === null || item === undefined) {
      // looked up only here: building `_key` and reading it for every value cost a quarter of the walk
      const partner = prop.primitive ? obj[`_${key}`] : undefined;
      const hasExtension = Array.isArray(partner) ? isPlainObject(partner[i]) : isPlainObject(partner);
      if (!hasExtension) {
        w.out.push(msg.empty(at));
      }
      continue;
    }
    if (slicing && counts) {
      const slice = matchSlice(w, item, node, slicing, at, conforms);
      if (slice) {
        const s = node.slices.indexOf(slice);
        counts[s] = (counts[s] ?? 0) + 1;
        walkItem(w, item, slice, typeOf(slice, prop.type), at);
        continue;
      }
      if (slicing.rules === 'closed') {
        w.out.push(msg.sliceClosed(at));
      }
    }
    walkItem(w, item, node, prop.type, at);
  }
  if (slicing && counts) {
    for (let k = 0; k < node.slices.length; k++) {
      const s = node.slices[k] as Node;
      const n = counts[k] ?? 0;
      if (n < s.min || n > s.max) {
        w.out.push(msg.cardinality(s.sliceName ?? s.name, s.min, s.max, n, path));
      }
    }
  }
}

/** The slice's own TypeRef for the element's type (its profiles), or the element's. */
function typeOf(slice: Node, type: TypeRef): TypeRef {
  for (const t of slice.types) {
    if (t.code === type.code) {
      return t;
    }
  }
  return type;
}

function walkItem(w: Walk, item: unknown, node: Node, type: TypeRef, at: string): void {
  const compiler = w.call.engine.compiler;
  const code = type.code;
  if (type.primitive) {
    const problem = checkPrimitive(item, code);
    if (problem) {
      w.out.push(msg.primitive(problem, code, at));
      return;
    }
  } else if (compiler.isResourceRef(type)) {
    walkResource(w, item, at, type.profiles);
    return;
  } else {
    if (!isPlainObject(item)) {
      w.out.push(msg.expectedObject(code, at));
      return;
    }
    if (isEmptyObject(item)) {
      w.out.push(msg.empty(at));
      return;
    }
    const profiled = profileOf(w, node, type, item);
    walkObject(w, item, profiled ? w.call.engine.compiler.rootPlan(profiled) : compiler.plan(node, type), at, false);
    if (profiled && profiled.root.constraints.length > 0) {
      // the invariants on the root of a datatype or extension profile (e.g. rb-parallel-1)
      checkConstraints(w, profiled.root.constraints, { type: code, value: item }, at);
    }
  }
  if (node.fixed !== undefined && !deepEquals(item, node.fixed)) {
    w.out.push(msg.fixed(at));
  } else if (node.pattern !== undefined && !deepIncludes(item, node.pattern)) {
    w.out.push(msg.pattern(at));
  }
  if (node.binding) {
    checkBinding(w, node, code, item, at);
  }
  if (code === 'Reference') {
    checkReference(w, type, item, at, conforms);
  }
  if (node.constraints.length > 0) {
    checkConstraints(w, node.constraints, { type: code, value: item }, at);
  }
}

/**
 * The datatype or extension profile a complex value is checked against as a whole: the element's type profile
 * when the element adds nothing of its own, or, for an extension without one, the definition its url names
 * (when we hold it). Undefined: use the element's plan.
 */
function profileOf(w: Walk, node: Node, type: TypeRef, item: Record<string, unknown>): CompiledSd | undefined {
  if (node.children.length > 0) {
    return undefined;
  }
  const compiler = w.call.engine.compiler;
  const url = type.profiles[0] ?? (type.code === 'Extension' && typeof item.url === 'string' ? item.url : undefined);
  const sd = url ? compiler.sd(url) : undefined;
  return sd?.type === type.code ? sd : undefined;
}
