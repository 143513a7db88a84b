/**
 * rb-referral-bundle → canonical record, with the FHIRPath `read` expressions of mappings/fhir.json.
 *
 * Nearly every expression starts `Bundle.entry.resource.ofType(T).`: that part is evaluated once per bundle and
 * type, and only the rest of the expression runs per field. FHIRPath's `.` applies its right side to the whole
 * collection its left side yields (`(A.B).C` is `C` over the result of `A.B`), so evaluating the rest on the
 * cached collection gives what the whole expression gives; the rest is split off only when it has no operator
 * outside parentheses (`a.b | c` would not compose that way), else the whole expression is evaluated as written.
 */
import { evalFhirPath, evalFhirPathTyped, parseFhirPath, toTypedValue } from '@medplum/core';
import type { FhirPathAtom, TypedValue } from '@medplum/core';
import type { Bundle } from '@medplum/fhirtypes';
import type { FieldDef } from '../load.ts';
import { fieldKey } from '../engine.ts';
import type { ReferralRecord } from '../record.ts';
import type { Scalar } from '../transforms/registry.ts';

function scalar(def: FieldDef, v: unknown): Scalar | undefined {
  if (typeof v === 'string') {
    return def.type === 'date' ? v.slice(0, 10) : v;
  }
  if (typeof v === 'number' || typeof v === 'boolean') {
    return v;
  }
  return undefined;
}

const RESOURCES = 'Bundle.entry.resource';
const OF_TYPE = /^Bundle\.entry\.resource\.ofType\(([A-Za-z]+)\)(?:\.(.+))?$/;

/** True when `rest` is a plain chain of steps and calls (`a.where(b = 'c').d[0]`): no operator outside brackets. */
export function isPlainChain(rest: string): boolean {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charAt(i);
    if (quoted) {
      if (c === '\\') {
        i++;
      } else if (c === "'") {
        quoted = false;
      }
    } else if (c === "'") {
      quoted = true;
    } else if (c === '(' || c === '[') {
      depth++;
    } else if (c === ')' || c === ']') {
      depth--;
    } else if (depth === 0 && !/[A-Za-z0-9_.]/.test(c)) {
      return false;
    }
  }
  return depth === 0 && !quoted;
}

/** An expression as evaluated: on the resources of one type (`rest`, undefined for all of them), or whole. */
type Plan = { readonly type: string; readonly rest: FhirPathAtom | undefined } | { readonly whole: FhirPathAtom | string };

function plan(expr: string, atoms: ReadonlyMap<string, FhirPathAtom>): Plan {
  const m = OF_TYPE.exec(expr);
  const type = m?.[1];
  const rest = m?.[2];
  if (type !== undefined && (rest === undefined || isPlainChain(rest))) {
    try {
      return { type, rest: rest === undefined ? undefined : parseFhirPath(rest) };
    } catch {
      // not parseable on its own: evaluate the whole expression
    }
  }
  return { whole: atoms.get(expr) ?? expr };
}

/** Prepares the `read`/`each` expressions of `fields` once; the reader maps many bundles. */
export function compileBundleReader(fields: readonly FieldDef[], atoms: ReadonlyMap<string, FhirPathAtom> = new Map()): (bundle: Bundle) => ReferralRecord {
  const resourcesAtom = parseFhirPath(RESOURCES);
  const ofTypeAtoms = new Map<string, FhirPathAtom>();
  const compiled = fields.map((def) => {
    const read = plan(def.read, atoms);
    const each = def.each === undefined ? undefined : plan(def.each, atoms);
    for (const p of [read, each]) {
      if (p && 'type' in p && !ofTypeAtoms.has(p.type)) {
        ofTypeAtoms.set(p.type, parseFhirPath(`ofType(${p.type})`));
      }
    }
    return { def, read, each, readAtom: atoms.get(def.read) ?? def.read };
  });
  return (bundle) => {
    let resources: TypedValue[] | undefined;
    const byType = new Map<string, TypedValue[]>();
    const ofType = (type: string): TypedValue[] => {
      let list = byType.get(type);
      if (!list) {
        resources ??= evalFhirPathTyped(resourcesAtom, [toTypedValue(bundle)]);
        list = evalFhirPathTyped(ofTypeAtoms.get(type) ?? `ofType(${type})`, resources);
        byType.set(type, list);
      }
      return list;
    };
    const evaluate = (p: Plan): unknown[] => {
      if ('whole' in p) {
        return evalFhirPath(p.whole, bundle);
      }
      const list = ofType(p.type);
      return (p.rest === undefined ? list : evalFhirPathTyped(p.rest, list)).map((v): unknown => v.value);
    };
    const record: Record<string, Scalar> = {};
    for (const { def, read, each, readAtom } of compiled) {
      if (each !== undefined) {
        evaluate(each).forEach((resource, i) => {
          const v = scalar(def, evalFhirPath(readAtom, resource)[0]);
          if (v !== undefined) {
            record[fieldKey(def.field, i)] = v;
          }
        });
      } else {
        const v = scalar(def, evaluate(read)[0]);
        if (v !== undefined) {
          record[def.field] = v;
        }
      }
    }
    return record;
  };
}

export function readBundle(bundle: Bundle, fields: readonly FieldDef[], atoms: ReadonlyMap<string, FhirPathAtom> = new Map()): ReferralRecord {
  return compileBundleReader(fields, atoms)(bundle);
}
