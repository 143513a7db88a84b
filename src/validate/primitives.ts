/**
 * Primitive values (issue 3, layer 1): JSON type, the R4 regexes (medplum's `validationRegexes`), calendar
 * validity, integer ranges, empty strings. Returns the problem, or undefined when the value is fine.
 * See https://hl7.org/fhir/R4/datatypes.html#primitive
 */
import { validationRegexes } from '@medplum/core';
import { PRIMITIVE_JS_TYPE } from './plan.ts';

export type PrimitiveProblem =
  | { readonly kind: 'type'; readonly expected: string; readonly got: string }
  | { readonly kind: 'empty' }
  | { readonly kind: 'format'; readonly type: string }
  | { readonly kind: 'range'; readonly type: string };

const INT_MIN = -2_147_483_648;
const INT_MAX = 2_147_483_647;
const MAX_STRING = 1024 * 1024;

function validCalendarDate(s: string): boolean {
  if (s.length < 10) {
    return true;
  }
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function validBase64(s: string): boolean {
  const compact = s.replace(/\s+/g, '');
  return compact.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(compact);
}

export function checkPrimitive(value: unknown, type: string): PrimitiveProblem | undefined {
  const js = PRIMITIVE_JS_TYPE.get(type);
  if (js === undefined) {
    return undefined;
  }
  if (typeof value !== js) {
    return { kind: 'type', expected: js, got: Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value };
  }
  if (typeof value === 'string') {
    if (type === 'base64Binary') {
      return validBase64(value) && value.length > 0 ? undefined : { kind: 'format', type };
    }
    if (value.trim() === '') {
      return { kind: 'empty' };
    }
    if (value.length > MAX_STRING) {
      return { kind: 'range', type };
    }
    const re = validationRegexes[type];
    if (re && !re.test(value)) {
      return { kind: 'format', type };
    }
    if ((type === 'date' || type === 'dateTime' || type === 'instant') && !validCalendarDate(value)) {
      return { kind: 'format', type };
    }
    return undefined;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      return { kind: 'format', type };
    }
    if (type === 'integer' || type === 'positiveInt' || type === 'unsignedInt') {
      if (!Number.isInteger(value)) {
        return { kind: 'format', type };
      }
      const min = type === 'integer' ? INT_MIN : type === 'positiveInt' ? 1 : 0;
      if (value < min || value > INT_MAX) {
        return { kind: 'range', type };
      }
    }
  }
  return undefined;
}
