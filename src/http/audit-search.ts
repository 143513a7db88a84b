/**
 * `GET /fhir/AuditEvent?…`: the audit trail for the region's follow-up and for administrators (issue 4 "Access
 * and audit": every read and write of patient data, queryable by the region role). AuditEvents name who, what
 * (`Type/id`), when and the outcome; they carry no personal identity numbers or clinical text, so the region may
 * read them although it may not read the resources they point at.
 *
 * Parameters: `agent` (organisation HSA-id, or `system|HSA-id`), `action` (C R U D E), `outcome` (0 4 8 12),
 * `entity` (`Type/id`), `date` (repeatable, with prefix ge/gt/le/lt/eq; a day, or an instant), `_count`, `_offset`.
 * Newest first. Any other parameter is a 400, not silently ignored.
 */
import type { Bundle } from '@medplum/fhirtypes';
import { badRequestOutcome, forbiddenOutcome, outcomeError } from '../fhir/outcomes.ts';
import type { AuditQuery } from '../store/index.ts';
import { DEFAULT_COUNT, MAX_COUNT } from '../store/search.ts';
import type { Actor } from '../workflow/types.ts';
import type { HttpDeps } from './deps.ts';
import type { Audited } from './handler.ts';
import { fhirBase, sendJson } from './respond.ts';
import { pagingLinks, searchParams } from './search.ts';

export const AUDIT_SEARCH_PARAMS = ['agent', 'action', 'outcome', 'entity', 'date'] as const;

const ACTIONS = new Set(['C', 'R', 'U', 'D', 'E']);
const OUTCOMES = new Set(['0', '4', '8', '12']);
const ENTITY = /^[A-Z][A-Za-z]{1,63}\/[A-Za-z0-9\-.]{1,64}$/;
const DATE = /^(eq|ge|gt|le|lt)?(\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?)$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The roles that may read the audit trail. */
export function mayReadAudit(actor: Actor): boolean {
  return actor.roles.includes('region') || actor.roles.includes('admin');
}

export function auditSearchHandler(deps: HttpDeps): Audited {
  return async (req, res, p) => {
    if (!mayReadAudit(p.actor)) {
      throw outcomeError(
        forbiddenOutcome({
          id: 'AUTH-AUDIT-ROLE',
          text: { sv: 'Granskningsloggen kan bara läsas av regionen och administratörer', en: 'The audit trail is readable by the region and administrators only' },
        }),
      );
    }
    const params = searchParams(req);
    const query = auditQuery(params);
    const { events, total } = await deps.repo.searchAudit(query);
    const base = fhirBase(req, deps.config.PUBLIC_URL);
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      total,
      link: pagingLinks(`${base}/AuditEvent`, params, total),
      entry: events.map((e) => ({ fullUrl: `${base}/AuditEvent/${e.id ?? ''}`, resource: e, search: { mode: 'match' } })),
    };
    // The search itself is audited by the wrapper; the events read are not patient data, so no entity list.
    return { entities: [], status: 200, send: () => { sendJson(res, 200, bundle); } };
  };
}

export function auditQuery(params: URLSearchParams): AuditQuery {
  const q: { -readonly [K in keyof AuditQuery]: AuditQuery[K] } = {};
  for (const [name, value] of params) {
    switch (name) {
      case 'agent':
        q.agentOrg = value;
        break;
      case 'action':
        q.action = oneOf(name, value, ACTIONS);
        break;
      case 'outcome':
        q.outcome = oneOf(name, value, OUTCOMES);
        break;
      case 'entity':
        if (!ENTITY.test(value)) {
          throw invalid(name, value, 'entity ska vara Typ/id', 'entity must be Type/id');
        }
        q.entity = value;
        break;
      case 'date':
        applyDate(q, value);
        break;
      case '_count':
        q.count = int(name, value, MAX_COUNT);
        break;
      case '_offset':
        q.offset = int(name, value, Number.MAX_SAFE_INTEGER);
        break;
      default:
        throw invalid(name, value, `Sökparametern ${name.slice(0, 40)} stöds inte för AuditEvent`, `Search parameter ${name.slice(0, 40)} is not supported for AuditEvent`);
    }
  }
  q.count ??= DEFAULT_COUNT;
  return q;
}

/** `date=ge2026-11-01` → since; `lt…`/`le…` → until; a bare day (or eq) is that whole day. */
function applyDate(q: { since?: Date; until?: Date }, value: string): void {
  const m = DATE.exec(value);
  const prefix = m?.[1] ?? 'eq';
  const text = m?.[2];
  const start = text === undefined ? NaN : Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  if (text === undefined || Number.isNaN(start)) {
    throw invalid('date', value, 'date ska vara ett datum eller en tidpunkt med prefix ge, gt, le, lt eller eq', 'date must be a date or instant with prefix ge, gt, le, lt or eq');
  }
  // A day covers the whole day; an instant is a point (gt/le step one millisecond past it).
  const end = text.length === 10 ? start + DAY_MS : start + 1;
  switch (prefix) {
    case 'ge':
      q.since = new Date(start);
      break;
    case 'gt':
      q.since = new Date(end);
      break;
    case 'lt':
      q.until = new Date(start);
      break;
    case 'le':
      q.until = new Date(end);
      break;
    default:
      q.since = new Date(start);
      q.until = new Date(end);
  }
}

function oneOf(name: string, value: string, allowed: ReadonlySet<string>): string {
  if (!allowed.has(value)) {
    throw invalid(name, value, `${name} ska vara en av ${[...allowed].join(', ')}`, `${name} must be one of ${[...allowed].join(', ')}`);
  }
  return value;
}

function int(name: string, value: string, max: number): number {
  if (!/^\d{1,9}$/.test(value)) {
    throw invalid(name, value, `${name} ska vara ett heltal`, `${name} must be a whole number`);
  }
  return Math.min(Number(value), max);
}

function invalid(name: string, value: string, sv: string, en: string): Error {
  return outcomeError(badRequestOutcome({ id: 'STORE-SEARCH-PARAM', text: { sv, en }, diagnostics: `${name}=${value.slice(0, 100)}` }));
}
