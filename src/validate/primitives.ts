/**
 * Primitive values (issue 3, layer 1): JSON type, the R4 regexes (medplum's `validationRegexes`), calendar
 * validity, integer ranges, empty strings. Returns the problem, or undefined when the value is fine.
 * See https://hl7.org/fhir/R4/datatypes.html#primitive
 */
import { validationRegexes } from '@medplum/core';
import { PRIMITIVE_JS_TYPE } from './compiled.ts';

export type PrimitiveProblem =
  | { readonly kind: 'type'; readonly expected: string; readonly got: string }
  | { readonly kind: 'empty' }
  | { readonly kind: 'format'; readonly type: string }
  | { readonly kind: 'range'; readonly type: string };

const INT_MIN = -2_147_483_648;
const INT_MAX = 2_147_483_647;
const MAX_STRING = 1024 * 1024;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two ASCII digits at `i` as a number (the format regex has already checked they are digits). */
function digits2(s: string, i: number): number {
  return (s.charCodeAt(i) - 48) * 10 + (s.charCodeAt(i + 1) - 48);
}

/** The day exists in its month (the regex allows 2025-02-31); arithmetic, no Date object per value. */
function validCalendarDate(s: string): boolean {
  if (s.length < 10) {
    return true;
  }
  const y = digits2(s, 0) * 100 + digits2(s, 2);
  const m = digits2(s, 5);
  const d = digits2(s, 8);
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 && leap ? 29 : (DAYS_IN_MONTH[m - 1] ?? 31));
}

/** Only whitespace (what `trim()` removes); the first character decides for almost every real value. */
function blank(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c > 32 && c < 127) {
    return false;
  }
  return s.trim() === '';
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
    if (blank(value)) {
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
