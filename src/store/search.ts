/**
 * FHIR search parameters → one SQL condition over `resources r`, plus paging, sort and _include.
 * The parameter table PARAMS is data; reference parameters come from the type's INDEX_SPECS row.
 * Search semantics: https://hl7.org/fhir/R4/search.html (AND across repeats, OR across commas, date prefixes).
 */
import { badRequestOutcome, outcomeError } from '../fhir/outcomes.ts';
import type { TypeIndexSpec } from './extract.ts';
import { orgKeyFromParam, specFor } from './extract.ts';

export type SearchParams = URLSearchParams | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Rows a caller may see: owner_org = ownerOrg OR requester_org = requesterOrg. `{}` matches nothing. */
export interface OrgScope {
  readonly ownerOrg?: string | undefined;
  readonly requesterOrg?: string | undefined;
}

export interface SqlBuilder {
  readonly values: unknown[];
  bind(value: unknown): string;
}

export function sqlBuilder(): SqlBuilder {
  const values: unknown[] = [];
  return {
    values,
    bind(value: unknown): string {
      values.push(value);
      return `$${values.length}`;
    },
  };
}

export interface ParsedSearch {
  /** SQL condition over alias `r`; its parameters are in the builder passed to parseSearch. */
  readonly where: string;
  readonly orderBy: string;
  readonly count: number;
  readonly offset: number;
  /** Reference search parameters to follow for `_include`. */
  readonly includes: readonly string[];
}

export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 1000;

interface ParamContext {
  readonly spec: TypeIndexSpec;
  readonly sql: SqlBuilder;
}

interface ParamDef {
  readonly supported: (spec: TypeIndexSpec) => boolean;
  /** SQL condition for one comma-separated alternative. */
  readonly condition: (value: string, ctx: ParamContext, name: string) => string;
}

const always = (): boolean => true;
const hasPatient = (spec: TypeIndexSpec): boolean => spec.patient !== undefined;

const patientRef = (value: string): string => (value.includes('/') ? value : `Patient/${value}`);

const PARAMS: Readonly<Record<string, ParamDef>> = {
  _id: { supported: always, condition: (v, { sql }) => `r.id = ${sql.bind(v)}` },
  identifier: { supported: always, condition: (v, { sql }) => `EXISTS (SELECT 1 FROM resource_tokens t WHERE t.resource_type = r.resource_type AND t.id = r.id AND ${tokenCondition(v, sql)})` },
  status: { supported: (s) => s.status !== undefined, condition: (v, { sql }) => `r.status = ${sql.bind(v)}` },
  owner: { supported: always, condition: (v, { sql }) => `r.owner_org = ${sql.bind(orgKeyFromParam(v))}` },
  requester: { supported: always, condition: (v, { sql }) => `r.requester_org = ${sql.bind(orgKeyFromParam(v))}` },
  patient: { supported: hasPatient, condition: (v, { sql }) => `r.patient_ref = ${sql.bind(patientRef(v))}` },
  subject: { supported: hasPatient, condition: (v, { sql }) => `r.patient_ref = ${sql.bind(patientRef(v))}` },
  'patient.identifier': { supported: hasPatient, condition: chainedPatientIdentifier },
  'subject.identifier': { supported: hasPatient, condition: chainedPatientIdentifier },
  authored: { supported: (s) => s.authored !== undefined, condition: (v, { sql }, name) => dateCondition('r.authored', v, sql, name) },
  _lastUpdated: { supported: always, condition: (v, { sql }, name) => dateCondition('r.last_updated', v, sql, name) },
};

const REF_PARAM: ParamDef = {
  supported: always,
  condition: (v, { sql }, name) =>
    `EXISTS (SELECT 1 FROM resource_refs x WHERE x.resource_type = r.resource_type AND x.id = r.id AND x.param = ${sql.bind(name)} AND x.target = ${sql.bind(v)})`,
};

const SORT_COLUMNS: Readonly<Record<string, string>> = {
  _lastUpdated: 'r.last_updated',
  _id: 'r.id',
  authored: 'r.authored',
  status: 'r.status',
};

export function parseSearch(resourceType: string, params: SearchParams, sql: SqlBuilder, orgScope?: OrgScope): ParsedSearch {
  const spec = specFor(resourceType);
  const ctx: ParamContext = { spec, sql };
  const conditions = [`r.resource_type = ${sql.bind(resourceType)}`, 'NOT r.deleted'];
  if (orgScope) {
    conditions.push(scopeCondition(orgScope, sql));
  }
  let count = DEFAULT_COUNT;
  let offset = 0;
  let orderBy = 'r.last_updated DESC, r.id';
  const includes: string[] = [];

  for (const [name, value] of entries(params)) {
    switch (name) {
      case '_count':
        count = nonNegativeInt(name, value, MAX_COUNT);
        continue;
      case '_offset':
        offset = nonNegativeInt(name, value, Number.MAX_SAFE_INTEGER);
        continue;
      case '_sort':
        orderBy = sortClause(value);
        continue;
      case '_include':
        includes.push(includeParam(resourceType, spec, value));
        continue;
      default: {
        const def = PARAMS[name] ?? (spec.refs?.[name] ? REF_PARAM : undefined);
        if (!def?.supported(spec)) {
          throw invalidParam(name, value, `Sökparametern stöds inte för ${resourceType}`, `Search parameter not supported for ${resourceType}`);
        }
        const alternatives = value.split(',').map((v) => def.condition(v, ctx, name));
        conditions.push(alternatives.length === 1 ? (alternatives[0] ?? 'false') : `(${alternatives.join(' OR ')})`);
      }
    }
  }
  return { where: conditions.join(' AND '), orderBy, count, offset, includes };
}

/** SQL condition restricting `r` to an organisation scope. */
export function scopeCondition(scope: OrgScope, sql: SqlBuilder): string {
  const parts: string[] = [];
  if (scope.ownerOrg) {
    parts.push(`r.owner_org = ${sql.bind(orgKeyFromParam(scope.ownerOrg))}`);
  }
  if (scope.requesterOrg) {
    parts.push(`r.requester_org = ${sql.bind(orgKeyFromParam(scope.requesterOrg))}`);
  }
  return parts.length > 0 ? `(${parts.join(' OR ')})` : 'false';
}

function entries(params: SearchParams): [string, string][] {
  if (params instanceof URLSearchParams) {
    return [...params.entries()];
  }
  return Object.entries(params).flatMap(([k, v]): [string, string][] =>
    v === undefined ? [] : typeof v === 'string' ? [[k, v]] : v.map((x): [string, string] => [k, x]),
  );
}

/** `system|value`, `|value` (no system), `system|` (any value), `value` (any system). */
function tokenCondition(token: string, sql: SqlBuilder): string {
  const bar = token.indexOf('|');
  if (bar < 0) {
    return `t.value = ${sql.bind(token)}`;
  }
  const system = token.slice(0, bar);
  const value = token.slice(bar + 1);
  const parts = [`t.system = ${sql.bind(system)}`];
  if (value !== '') {
    parts.push(`t.value = ${sql.bind(value)}`);
  }
  return parts.join(' AND ');
}

function chainedPatientIdentifier(value: string, { sql }: ParamContext): string {
  return `r.patient_ref IN (SELECT 'Patient/' || t.id FROM resource_tokens t WHERE t.resource_type = 'Patient' AND ${tokenCondition(value, sql)})`;
}

const DATE =
  /^(eq|ne|gt|lt|ge|le)?(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** The instant range [lo, hi) a FHIR date search value stands for, at its own precision. */
export function dateRange(value: string): { prefix: string; lo: Date; hi: Date } | undefined {
  const m = DATE.exec(value);
  if (!m) {
    return undefined;
  }
  const [, prefix = 'eq', y, mo, d, h, mi, s, frac, zone] = m;
  const p = [Number(y), mo ? Number(mo) - 1 : 0, d ? Number(d) : 1, h ? Number(h) : 0, mi ? Number(mi) : 0, s ? Number(s) : 0, frac ? Math.floor(Number(`0${frac}`) * 1000) : 0];
  if ((p[1] ?? 0) > 11 || (p[2] ?? 1) > 31 || (p[3] ?? 0) > 23 || (p[4] ?? 0) > 59 || (p[5] ?? 0) > 59) {
    return undefined;
  }
  // Index of the least significant component given: its unit is the width of the range.
  const precision = frac ? 6 : s ? 5 : mi ? 4 : d ? 2 : mo ? 1 : 0;
  const offsetMs = zone && zone !== 'Z' ? (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000 : 0;
  const utc = (q: number[]): number => Date.UTC(q[0] ?? 0, q[1] ?? 0, q[2] ?? 1, q[3] ?? 0, q[4] ?? 0, q[5] ?? 0, q[6] ?? 0) - offsetMs;
  const upper = p.map((v, i) => (i === precision ? v + 1 : v));
  return { prefix, lo: new Date(utc(p)), hi: new Date(utc(upper)) };
}

function dateCondition(column: string, value: string, sql: SqlBuilder, name: string): string {
  const range = dateRange(value);
  if (!range) {
    throw invalidParam(name, value, 'Ogiltigt datum i sökparameter', 'Invalid date in search parameter');
  }
  const lo = (): string => `${sql.bind(range.lo.toISOString())}::timestamptz`;
  const hi = (): string => `${sql.bind(range.hi.toISOString())}::timestamptz`;
  switch (range.prefix) {
    case 'gt':
      return `${column} >= ${hi()}`;
    case 'ge':
      return `${column} >= ${lo()}`;
    case 'lt':
      return `${column} < ${lo()}`;
    case 'le':
      return `${column} < ${hi()}`;
    case 'ne':
      return `NOT (${column} >= ${lo()} AND ${column} < ${hi()})`;
    default:
      return `(${column} >= ${lo()} AND ${column} < ${hi()})`;
  }
}

function sortClause(value: string): string {
  const keys = value.split(',').map((key) => {
    const desc = key.startsWith('-');
    const column = SORT_COLUMNS[desc ? key.slice(1) : key];
    if (!column) {
      throw invalidParam('_sort', value, 'Sortering stöds inte', 'Sort key not supported');
    }
    return { column, sql: `${column} ${desc ? 'DESC' : 'ASC'} NULLS LAST` };
  });
  const tiebreak = keys.some((k) => k.column === 'r.id') ? [] : ['r.id'];
  return [...keys.map((k) => k.sql), ...tiebreak].join(', ');
}

function includeParam(resourceType: string, spec: TypeIndexSpec, value: string): string {
  const [source, param] = value.split(':');
  const ok = source === resourceType && param !== undefined && (spec.refs?.[param] !== undefined || ((param === 'patient' || param === 'subject') && hasPatient(spec)));
  if (!ok) {
    throw invalidParam('_include', value, '_include stöds inte', '_include not supported');
  }
  return param;
}

function nonNegativeInt(name: string, value: string, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) {
    throw invalidParam(name, value, 'Värdet måste vara ett icke-negativt heltal', 'Value must be a non-negative integer');
  }
  return Math.min(n, max);
}

function invalidParam(name: string, value: string, sv: string, en: string): Error {
  return outcomeError(
    badRequestOutcome({
      id: 'STORE-SEARCH-PARAM',
      text: { sv: `${sv}: ${name}`, en: `${en}: ${name}` },
      diagnostics: `${name}=${value}`,
    }),
  );
}
