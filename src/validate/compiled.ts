/**
 * The compiled forms the validator walks with (issue 3): element-tree nodes with their types, constraints and
 * slicing, compiled definitions, and per-object plans (JSON key → element). Built by plan.ts, read by the walk.
 */
import type { FhirPathAtom } from '@medplum/core';
import type { FastFn } from './fastpath-values.ts';
import type { NativeCheck } from './natives.ts';

export const PRIMITIVE_JS_TYPE: ReadonlyMap<string, 'string' | 'number' | 'boolean'> = new Map([
  ['base64Binary', 'string'],
  ['boolean', 'boolean'],
  ['canonical', 'string'],
  ['code', 'string'],
  ['date', 'string'],
  ['dateTime', 'string'],
  ['decimal', 'number'],
  ['id', 'string'],
  ['instant', 'string'],
  ['integer', 'number'],
  ['markdown', 'string'],
  ['oid', 'string'],
  ['positiveInt', 'number'],
  ['string', 'string'],
  ['time', 'string'],
  ['unsignedInt', 'number'],
  ['uri', 'string'],
  ['url', 'string'],
  ['uuid', 'string'],
  ['xhtml', 'string'],
]);

/** A reference target a TypeRef allows: the profile, the resource type it constrains, whether it is base R4. */
export interface AllowedTarget {
  readonly url: string;
  readonly type: string;
  readonly base: boolean;
}

export interface TypeRef {
  readonly code: string;
  readonly profiles: readonly string[];
  readonly targetProfiles: readonly string[];
  /** `code` is a FHIR primitive (decided once here, not looked up for every value). */
  readonly primitive: boolean;
  /**
   * Filled on first use by the validator that owns this TypeRef: `code` is `Resource` or a resource type; the
   * reference targets its targetProfiles allow (references.ts).
   */
  readonly memo: { resource?: boolean; targets?: readonly AllowedTarget[] };
}

export function typeRef(code: string, profiles: readonly string[] = [], targetProfiles: readonly string[] = []): TypeRef {
  return { code, profiles, targetProfiles, primitive: PRIMITIVE_JS_TYPE.has(code), memo: {} };
}

export interface CompiledConstraint {
  readonly key: string;
  readonly severity: 'error' | 'warning';
  readonly human: string;
  readonly expression: string;
  readonly atom: FhirPathAtom | undefined;
  /** The same check in TypeScript for the hot base R4 invariants (natives.ts). */
  readonly native: NativeCheck | undefined;
  /** The FHIRPath compiled to closures over JSON when it stays inside fastpath.ts's subset. */
  readonly fast: FastFn | undefined;
}

export interface Slicing {
  readonly discriminators: readonly { readonly type: string; readonly path: string }[];
  readonly rules: 'open' | 'closed' | 'openAtEnd';
}

export interface Node {
  readonly id: string;
  readonly path: string;
  /** Last path segment, e.g. `identifier` or `value[x]`. */
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** JSON shape: array when the base element repeats, whatever the profile's max. */
  readonly isArray: boolean;
  readonly types: readonly TypeRef[];
  readonly fixed: unknown;
  readonly pattern: unknown;
  readonly binding: { readonly strength: string; readonly valueSet: string } | undefined;
  readonly constraints: readonly CompiledConstraint[];
  readonly slicing: Slicing | undefined;
  readonly slices: Node[];
  readonly children: Node[];
  readonly contentReference: string | undefined;
  readonly sliceName: string | undefined;
  /** From a base FHIR R4 definition (extensible bindings and warning invariants are only checked in profiles). */
  readonly fromBase: boolean;
  readonly sd: CompiledSd;
  /** The compiler's last plan for this node (almost every node is walked with one type): one identity test. */
  readonly memo: { type?: TypeRef; plan?: ObjectPlan };
}

export interface CompiledSd {
  readonly url: string;
  readonly type: string;
  readonly kind: string;
  readonly root: Node;
  readonly byId: ReadonlyMap<string, Node>;
}

export interface Prop {
  readonly node: Node;
  readonly type: TypeRef;
  readonly primitive: boolean;
  /** The `_name` sibling that carries a primitive's id/extensions. */
  readonly underscore: boolean;
  /** The FHIRPath name (`value` for `valueString`, the key otherwise). */
  readonly fhirName: string;
  /** A choice element (`value[x]`): at most one of its keys may be present. */
  readonly choice: boolean;
  /** `.key`, appended to the parent's path (one string join per value instead of two). */
  readonly suffix: string;
}

export interface ObjectPlan {
  readonly keys: ReadonlyMap<string, Prop>;
  /** Elements (or, with `slice`, slices of an element) that must be present at least once. */
  readonly required: readonly {
    readonly node: Node;
    readonly keys: readonly string[];
    readonly name: string;
    readonly slice?: Node;
  }[];
  readonly choices: readonly Node[];
}
