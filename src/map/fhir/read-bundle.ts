/** rb-referral-bundle → canonical record, with the FHIRPath `read` expressions of mappings/fhir.json. */
import { evalFhirPath } from '@medplum/core';
import type { FhirPathAtom } from '@medplum/core';
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

export function readBundle(bundle: Bundle, fields: readonly FieldDef[], atoms: ReadonlyMap<string, FhirPathAtom> = new Map()): ReferralRecord {
  const path = (expr: string): FhirPathAtom | string => atoms.get(expr) ?? expr;
  const record: Record<string, Scalar> = {};
  for (const def of fields) {
    if (def.each !== undefined) {
      evalFhirPath(path(def.each), bundle).forEach((resource, i) => {
        const v = scalar(def, evalFhirPath(path(def.read), resource)[0]);
        if (v !== undefined) {
          record[fieldKey(def.field, i)] = v;
        }
      });
    } else {
      const v = scalar(def, evalFhirPath(path(def.read), bundle)[0]);
      if (v !== undefined) {
        record[def.field] = v;
      }
    }
  }
  return record;
}
