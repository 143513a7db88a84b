/**
 * search-type: `GET /fhir/<Type>?…` → Bundle searchset with total and self/next/previous links. Store types pass
 * their parameters through to repo.search (org-scoped); conformance types search the IG package in memory.
 * Paging is `_count` + `_offset` (the store's); the links carry the client's own parameters.
 */
import type { Bundle, BundleEntry, BundleLink, Resource } from '@medplum/fhirtypes';
import type { Request } from 'express';
import { DEFAULT_COUNT, MAX_COUNT } from '../store/search.ts';
import type { HttpDeps } from './deps.ts';
import type { Audited } from './handler.ts';
import { readScope } from './handler.ts';
import { fhirBase, sendJson } from './respond.ts';
import type { ResourceRoute } from './routes.ts';
import { isConformanceRoute } from './routes.ts';

/** Parameters of the HTTP layer, not of the search. */
const HTTP_PARAMS = new Set(['_format', '_lang', '_pretty']);

export function searchParams(req: Request): URLSearchParams {
  const raw = new URL(req.originalUrl, 'http://local').searchParams;
  const out = new URLSearchParams();
  for (const [k, v] of raw) {
    if (!HTTP_PARAMS.has(k)) {
      out.append(k, v);
    }
  }
  return out;
}

function intOr(value: string | null, fallback: number, max: number): number {
  return value !== null && /^\d{1,9}$/.test(value) ? Math.min(Number(value), max) : fallback;
}

export function pagingLinks(url: string, params: URLSearchParams, total: number): BundleLink[] {
  const count = intOr(params.get('_count'), DEFAULT_COUNT, MAX_COUNT);
  const offset = intOr(params.get('_offset'), 0, Number.MAX_SAFE_INTEGER);
  const at = (o: number): string => {
    const q = new URLSearchParams(params);
    q.set('_count', String(count));
    q.set('_offset', String(o));
    return `${url}?${q.toString()}`;
  };
  const links: BundleLink[] = [{ relation: 'self', url: params.size > 0 ? `${url}?${params.toString()}` : url }];
  if (count > 0) {
    links.push({ relation: 'first', url: at(0) });
    if (offset + count < total) {
      links.push({ relation: 'next', url: at(offset + count) });
    }
    if (offset > 0) {
      links.push({ relation: 'previous', url: at(Math.max(0, offset - count)) });
    }
  }
  return links;
}

export function searchHandler(deps: HttpDeps, route: ResourceRoute): Audited {
  return async (req, res, p) => {
    const params = searchParams(req);
    let resources: Resource[];
    let included: Resource[] = [];
    let total: number;
    if (isConformanceRoute(route)) {
      ({ resources, total } = deps.conformance.search(route.type, params));
    } else {
      const result = await deps.repo.search(route.type, params, readScope(deps, p));
      resources = result.resources;
      included = result.included;
      total = result.total;
    }
    const base = fhirBase(req, deps.config.PUBLIC_URL);
    const entry = (r: Resource, mode: 'match' | 'include'): BundleEntry => ({
      fullUrl: `${base}/${r.resourceType}/${r.id ?? ''}`,
      resource: r,
      search: { mode },
    });
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      total,
      link: pagingLinks(`${base}/${route.type}`, params, total),
      entry: [...resources.map((r) => entry(r, 'match')), ...included.map((r) => entry(r, 'include'))],
    };
    return {
      entities: [...resources, ...included].map((r) => `${r.resourceType}/${r.id ?? ''}`),
      status: 200,
      send: () => { sendJson(res, 200, bundle); },
    };
  };
}
