/**
 * Compiles StructureDefinition snapshots into element trees and, lazily, per-object plans (JSON key → element),
 * so the walk never re-reads a definition: PREPARE ONCE, VALIDATE FAST (issue 3). One compiler per validator;
 * its caches live in the compiler object, not at module level.
 */
import { parseFhirPath } from '@medplum/core';
import type { FhirPathAtom } from '@medplum/core';
import type { ElementDefinition, ElementDefinitionType, StructureDefinition } from '@medplum/fhirtypes';
import type { FastFn } from './fastpath-values.ts';
import { PRIMITIVE_JS_TYPE, typeRef } from './compiled.ts';
import type { CompiledConstraint, CompiledSd, Node, ObjectPlan, Prop, TypeRef } from './compiled.ts';
import { compileFast } from './fastpath.ts';
import { NATIVE_INVARIANTS } from './natives.ts';
import type { Definitions } from './types.ts';

const FHIR_TYPE_EXT = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';
const SYSTEM_TYPES: ReadonlyMap<string, string> = new Map([
  ['http://hl7.org/fhirpath/System.String', 'string'],
  ['http://hl7.org/fhirpath/System.Boolean', 'boolean'],
  ['http://hl7.org/fhirpath/System.Integer', 'integer'],
  ['http://hl7.org/fhirpath/System.Decimal', 'decimal'],
  ['http://hl7.org/fhirpath/System.Date', 'date'],
  ['http://hl7.org/fhirpath/System.DateTime', 'dateTime'],
  ['http://hl7.org/fhirpath/System.Time', 'time'],
]);

/** Invariants medplum skips too (they need descendants() over the whole resource or are back-compat only). */
const SKIPPED_CONSTRAINTS: ReadonlySet<string> = new Set(['ele-1', 'dom-3', 'org-1', 'sdf-19']);

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function typeCode(t: ElementDefinitionType): string {
  const sys = SYSTEM_TYPES.get(t.code);
  if (sys === undefined) {
    return t.code;
  }
  const ext = t.extension?.find((e) => e.url === FHIR_TYPE_EXT);
  return ext?.valueUrl ?? ext?.valueUri ?? sys;
}

function parseMax(max: string | undefined): number {
  return max === undefined || max === '*' ? Infinity : Number(max);
}

function prefixed(e: ElementDefinition, prefix: 'fixed' | 'pattern'): unknown {
  for (const [k, v] of Object.entries(e)) {
    if (k.startsWith(prefix) && k.length > prefix.length && /[A-Z]/.test(k.charAt(prefix.length))) {
      return v;
    }
  }
  return undefined;
}

export interface Compiler {
  /** The compiled definition for a canonical URL (profile, extension, base type), or undefined. */
  sd(url: string): CompiledSd | undefined;
  /** Base definition of a FHIR type by code. */
  type(code: string): CompiledSd | undefined;
  /** The object plan of values of `node` whose type is `type`. */
  plan(node: Node, type: TypeRef): ObjectPlan;
  /** The plan of a definition's root (a resource or an extension as a whole). */
  rootPlan(sd: CompiledSd): ObjectPlan;
  isPrimitive(code: string): boolean;
  /** `Resource` or a resource type (Bundle.entry.resource, contained, ...). */
  isResourceType(code: string): boolean;
  /** The same for a TypeRef of this compiler, remembered in the TypeRef. */
  isResourceRef(t: TypeRef): boolean;
  /** Entries in the caches keyed by input (URLs, type codes): bounded by the definitions, not by what callers send. */
  cacheSize(): number;
}

export function createCompiler(defs: Definitions, isBase: (sd: StructureDefinition) => boolean): Compiler {
  const sds = new Map<string, CompiledSd | undefined>();
  const atoms = new Map<string, FhirPathAtom | undefined>();
  const plans = new Map<Node, Map<TypeRef, ObjectPlan>>();

  const atom = (expression: string): FhirPathAtom | undefined => {
    if (!atoms.has(expression)) {
      try {
        atoms.set(expression, parseFhirPath(expression));
      } catch {
        atoms.set(expression, undefined);
      }
    }
    return atoms.get(expression);
  };

  const fasts = new Map<string, FastFn | undefined>();
  const fast = (expression: string, parsed: FhirPathAtom): FastFn | undefined => {
    if (!fasts.has(expression)) {
      fasts.set(expression, compileFast(parsed));
    }
    return fasts.get(expression);
  };

  const compileSd = (sd: StructureDefinition): CompiledSd | undefined => {
    const elements = sd.snapshot?.element;
    if (!elements?.length) {
      return undefined;
    }
    const fromBase = isBase(sd);
    const byId = new Map<string, Node>();
    const out: { url: string; type: string; kind: string; root?: Node; byId: Map<string, Node> } = {
      url: sd.url,
      type: sd.type,
      kind: sd.kind,
      byId,
    };
    const compiled = out as CompiledSd;
    for (const e of elements) {
      const id = e.id ?? (e.sliceName ? `${e.path}:${e.sliceName}` : e.path);
      const dot = e.path.lastIndexOf('.');
      const name = e.path.slice(dot + 1);
      const isRoot = dot < 0;
      const baseMax = e.base?.max ?? e.max;
      const constraints: CompiledConstraint[] = [];
      for (const c of e.constraint ?? []) {
        if (!c.expression || SKIPPED_CONSTRAINTS.has(c.key)) {
          continue;
        }
        const severity = c.severity === 'warning' ? 'warning' : 'error';
        // Base-spec warnings (e.g. dom-6 "should have a narrative") are best-practice advice, not conformance;
        // a profile inherits them unchanged, so they are skipped there too.
        const inherited = c.source?.startsWith('http://hl7.org/fhir/StructureDefinition/') ?? false;
        if ((fromBase || inherited) && severity === 'warning') {
          continue;
        }
        const native = NATIVE_INVARIANTS.get(c.expression);
        const parsed = native ? undefined : atom(c.expression);
        constraints.push({
          key: c.key,
          severity,
          human: c.human,
          expression: c.expression,
          atom: parsed,
          native,
          fast: parsed ? fast(c.expression, parsed) : undefined,
        });
      }
      const node: Node = {
        id,
        path: e.path,
        name,
        min: e.min ?? 0,
        max: parseMax(e.max),
        isArray: !isRoot && baseMax !== '1' && baseMax !== '0',
        types: (e.type ?? []).map((t) => typeRef(typeCode(t), t.profile, t.targetProfile)),
        fixed: prefixed(e, 'fixed'),
        pattern: prefixed(e, 'pattern'),
        binding: e.binding?.valueSet ? { strength: e.binding.strength, valueSet: e.binding.valueSet } : undefined,
        constraints,
        slicing: e.slicing
          ? {
              discriminators: (e.slicing.discriminator ?? []).map((d) => ({ type: d.type, path: d.path })),
              rules: e.slicing.rules,
            }
          : undefined,
        slices: [],
        children: [],
        contentReference: e.contentReference,
        sliceName: e.sliceName,
        fromBase,
        sd: compiled,
        memo: {},
      };
      byId.set(id, node);
      if (isRoot) {
        out.root = node;
        continue;
      }
      // Parent: the id minus its last segment; a slice hangs off the element it slices.
      const lastDot = id.lastIndexOf('.');
      const lastSeg = id.slice(lastDot + 1);
      const colon = lastSeg.lastIndexOf(':');
      if (colon >= 0 && e.sliceName) {
        byId.get(id.slice(0, lastDot + 1 + colon))?.slices.push(node);
      } else {
        byId.get(id.slice(0, lastDot))?.children.push(node);
      }
    }
    return out.root ? compiled : undefined;
  };

  const sd = (url: string): CompiledSd | undefined => {
    const hit = sds.get(url);
    if (hit !== undefined || sds.has(url)) {
      return hit;
    }
    const def = defs.resolve<StructureDefinition>(url);
    if (def?.resourceType !== 'StructureDefinition') {
      // Not remembered: URLs come from the input (meta.profile), so caching misses would let callers grow the
      // cache without bound. A miss is one lookup in the definitions.
      return undefined;
    }
    const compiled = compileSd(def);
    sds.set(url, compiled);
    return compiled;
  };
  // by type code: building the base URL and hashing the new string on every call showed in profiles
  const byCode = new Map<string, CompiledSd | undefined>();
  const type = (code: string): CompiledSd | undefined => {
    const hit = byCode.get(code);
    if (hit !== undefined || byCode.has(code)) {
      return hit;
    }
    const compiled = sd(code.includes('/') ? code : `http://hl7.org/fhir/StructureDefinition/${code}`);
    if (compiled) {
      byCode.set(code, compiled); // only known types: codes come from the input (resourceType)
    }
    return compiled;
  };

  const isPrimitive = (code: string): boolean => PRIMITIVE_JS_TYPE.has(code);

  const build = (children: readonly Node[], isResourceRoot: boolean): ObjectPlan => {
    const keys = new Map<string, Prop>();
    const required: { node: Node; keys: string[]; name: string; slice?: Node }[] = [];
    const choices: Node[] = [];
    for (const child of children) {
      const choice = child.name.endsWith('[x]');
      const stem = choice ? child.name.slice(0, -3) : child.name;
      const names: string[] = [];
      const types = child.types.length ? child.types : [typeRef('Element')];
      for (const t of choice ? types : types.slice(0, 1)) {
        // Resource.id is typed as a FHIRPath String in R4 snapshots; its format is the `id` type's.
        const code = isResourceRoot && child.name === 'id' ? 'id' : t.code;
        const tr = code === t.code ? t : typeRef(code, t.profiles, t.targetProfiles);
        const key = choice ? stem + upperFirst(t.code) : stem;
        const primitive = isPrimitive(code);
        keys.set(key, { node: child, type: tr, primitive, underscore: false, fhirName: stem, choice, suffix: `.${key}` });
        names.push(key);
        if (primitive) {
          keys.set(`_${key}`, { node: child, type: tr, primitive, underscore: true, fhirName: stem, choice, suffix: `._${key}` });
          names.push(`_${key}`);
        }
      }
      if (choice) {
        choices.push(child);
      }
      if (child.min > 0) {
        required.push({ node: child, keys: names, name: stem });
      } else {
        for (const slice of child.slices) {
          if (slice.min > 0) {
            required.push({ node: child, keys: names, name: stem, slice });
          }
        }
      }
    }
    return { keys, required, choices };
  };

  const childrenFor = (node: Node, t: TypeRef): readonly Node[] => {
    if (node.contentReference) {
      const target = node.sd.byId.get(node.contentReference.replace(/^.*#/, ''));
      return target ? childrenFor(target, t) : [];
    }
    const isRoot = node === node.sd.root;
    if (isRoot || t.code === 'BackboneElement' || t.code === 'Element') {
      if (node.children.length || isRoot) {
        return node.children;
      }
    }
    const profile = t.profiles[0];
    const typeSd = (profile ? sd(profile) : undefined) ?? type(t.code);
    const baseChildren = typeSd?.root.children ?? [];
    if (!node.children.length) {
      return baseChildren;
    }
    const own = new Map(node.children.map((c) => [c.name, c]));
    return baseChildren.map((c) => own.get(c.name) ?? c);
  };

  // Keyed by the TypeRef object: TypeRefs live in the compiled nodes and plans, so identity is stable.
  const plan = (node: Node, t: TypeRef): ObjectPlan => {
    if (node.memo.type === t && node.memo.plan) {
      return node.memo.plan;
    }
    let byType = plans.get(node);
    if (!byType) {
      byType = new Map();
      plans.set(node, byType);
    }
    let p = byType.get(t);
    if (!p) {
      const isResourceRoot = node === node.sd.root && node.sd.kind === 'resource';
      p = build(childrenFor(node, t), isResourceRoot);
      byType.set(t, p);
    }
    node.memo.type = t;
    node.memo.plan = p;
    return p;
  };

  const rootTypes = new Map<CompiledSd, TypeRef>();
  const rootPlan = (c: CompiledSd): ObjectPlan => {
    let t = rootTypes.get(c);
    if (!t) {
      t = typeRef(c.type);
      rootTypes.set(c, t);
    }
    return plan(c.root, t);
  };

  const resourceCodes = new Map<string, boolean>();
  const isResourceType = (code: string): boolean => {
    let r = resourceCodes.get(code);
    if (r === undefined) {
      const known = type(code);
      r = code === 'Resource' || known?.kind === 'resource';
      if (known || r) {
        resourceCodes.set(code, r); // only known codes, as above
      }
    }
    return r;
  };

  const isResourceRef = (t: TypeRef): boolean => (t.memo.resource ??= isResourceType(t.code));

  return { sd, type, plan, rootPlan, isPrimitive, isResourceType, isResourceRef, cacheSize: () => sds.size + byCode.size + resourceCodes.size };
}
