/**
 * The named transforms a mapping file may use (`"transform": "phone"` or a chain `["trim", "phone"]`).
 * Each is a pure function of the value and a read-only context; adding one means adding an entry here.
 */
import { hash } from 'node:crypto';
import type { OffsetOf } from './datetime.ts';
import { compactToFhirDateTime, fhirDateTimeToHl7, fhirDateTimeToRiv, fhirDateTimeToUtcMs, fhirDateToCompact, toFhirDate, utcMsToFhirStockholm } from './datetime.ts';
import { lookupCode, reverseCode } from './codes.ts';
import type { CodeTables } from './codes.ts';
import { normaliseIcd10 } from './icd10.ts';
import { joinName, splitName } from './name.ts';
import { normalisePersonId, PERSONNUMMER_OID, SAMORDNINGSNUMMER_OID } from './personnummer.ts';
import { normalisePhone } from './phone.ts';
import { fail, ok } from './result.ts';
import type { TransformResult } from './result.ts';

export type Scalar = string | number | boolean;

/** Joins the values of a multi-field rule (`fields`) before its transform. */
export const FIELD_SEPARATOR = '\u001f';

export interface TransformContext {
  readonly codes: CodeTables;
  /** FHIR date the century of 10-digit personnummer is chosen against (the referral date, else today). */
  readonly referenceDate: string;
  /** The Stockholm offset, memoised per mapper (datetime.ts createStockholmOffsets); default: looked up each time. */
  readonly offsetOf?: OffsetOf;
}

export type Transform = (value: Scalar, ctx: TransformContext) => TransformResult<Scalar>;

const str = (v: Scalar): string => (typeof v === 'string' ? v : String(v));

function parseBoolean(v: Scalar): TransformResult<Scalar> {
  if (typeof v === 'boolean') {
    return ok(v);
  }
  const t = str(v).trim().toLowerCase();
  if (['ja', 'j', 'yes', 'y', 'true', '1', 'sant'].includes(t)) {
    return ok(true);
  }
  if (['nej', 'n', 'no', 'false', '0', 'falskt'].includes(t)) {
    return ok(false);
  }
  return fail('MAP-BOOLEAN-FORMAT', `"${str(v)}" är inte ja eller nej.`, `"${str(v)}" is not yes or no.`);
}

function parseInteger(v: Scalar): TransformResult<Scalar> {
  if (typeof v === 'number' && Number.isInteger(v)) {
    return ok(v);
  }
  const t = str(v).trim();
  return /^-?\d{1,9}$/.test(t)
    ? ok(Number(t))
    : fail('MAP-INTEGER-FORMAT', `"${t}" är inte ett heltal.`, `"${t}" is not an integer.`);
}

/** Structured text lines hold one value per line: newlines and backslashes are escaped. */
export function escapeLine(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('\r', '\\r').replaceAll('\n', '\\n');
}

export function unescapeLine(text: string): string {
  return text.replace(/\\([\\nr])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : '\\'));
}

const FIXED: Readonly<Record<string, Transform>> = {
  trim: (v) => ok(typeof v === 'string' ? v.trim() : v),
  string: (v) => ok(str(v)),
  datetime: (v, ctx) => compactOrFhir(str(v), ctx.offsetOf),
  date: (v) => toFhirDate(str(v)),
  'datetime-riv': (v) => fhirDateTimeToRiv(str(v)),
  'datetime-hl7': (v) => fhirDateTimeToHl7(str(v)),
  'date-compact': (v) => fhirDateToCompact(str(v)),
  personnummer: (v, ctx) => {
    const r = normalisePersonId(str(v), ctx.referenceDate);
    return r.ok ? ok(r.value.value) : r;
  },
  icd10: (v, ctx) => {
    const r = normaliseIcd10(str(v));
    if (!r.ok) {
      return r;
    }
    return ctx.codes.icd10se[r.value] === undefined
      ? fail('MAP-ICD-UNKNOWN', `Okänd ICD-10-SE-kod "${r.value}".`, `Unknown ICD-10-SE code "${r.value}".`)
      : r;
  },
  phone: (v) => normalisePhone(str(v)),
  /** HL7 MSH-10 (at most 20 characters): a stable id derived from the referral id. */
  'control-id': (v) => ok(`RB${hash('sha1', str(v), 'hex').slice(0, 18).toUpperCase()}`),
  /** 12-digit person id → the OID RIV-TA and HL7 v2 use as its root (samordningsnummer: day + 60). */
  'person-oid': (v) => ok(Number(str(v).slice(6, 8)) > 60 ? SAMORDNINGSNUMMER_OID : PERSONNUMMER_OID),
  'name-family': (v) => {
    const r = splitName(str(v));
    return r.ok ? ok(r.value.family) : r;
  },
  'name-given': (v) => {
    const r = splitName(str(v));
    return r.ok ? ok(r.value.given) : r;
  },
  'name-join': (v) => {
    const [family = '', given = ''] = str(v).split(FIELD_SEPARATOR);
    return ok(joinName(family, given));
  },
  integer: parseInteger,
  boolean: parseBoolean,
  'bool-sv': (v) => {
    const b = parseBoolean(v);
    return b.ok ? ok(b.value === true ? 'ja' : 'nej') : b;
  },
  'bool-yn': (v) => {
    const b = parseBoolean(v);
    return b.ok ? ok(b.value === true ? 'Y' : 'N') : b;
  },
  'escape-line': (v) => ok(escapeLine(str(v))),
  'unescape-line': (v) => ok(unescapeLine(str(v))),
};

/** RIV-TA `YYYYMMDDhhmmss`, HL7 `YYYYMMDDHHMMSS+ZZZZ` or an already-FHIR dateTime (flat JSON) → FHIR dateTime. */
function compactOrFhir(text: string, offsetOf: OffsetOf | undefined): TransformResult<Scalar> {
  if (/^\d{4}-\d{2}-\d{2}T/.test(text.trim())) {
    return reexpressFhirDateTime(text.trim(), offsetOf);
  }
  return compactToFhirDateTime(text, offsetOf);
}

function reexpressFhirDateTime(text: string, offsetOf: OffsetOf | undefined): TransformResult<Scalar> {
  // Re-express the instant (whole seconds) in Stockholm time so every format yields the same spelling; directly,
  // not through the RIV and HL7 spellings (five time-zone look-ups instead of one).
  const ms = fhirDateTimeToUtcMs(text, offsetOf);
  return ms.ok ? ok(utcMsToFhirStockholm(ms.value, offsetOf)) : ms;
}

/** Resolves a transform name; `code:<table>` and `code-out:<table>` are parameterised. */
export function getTransform(name: string): Transform | undefined {
  const fixed = FIXED[name];
  if (fixed) {
    return fixed;
  }
  const m = /^(code|code-out):(.+)$/.exec(name);
  if (!m) {
    return undefined;
  }
  const table = m[2] ?? '';
  return m[1] === 'code' ? (v, ctx) => lookupCode(ctx.codes, table, str(v)) : (v, ctx) => reverseCode(ctx.codes, table, str(v));
}

export function transformNames(): readonly string[] {
  return Object.keys(FIXED);
}
