/** read, vread and history-instance, for store types (org-scoped) and conformance types (IG package). */
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import type { Request, Response } from 'express';
import { badRequestOutcome, outcomeError } from '../fhir/outcomes.ts';
import type { HttpDeps } from './deps.ts';
import type { Audited } from './handler.ts';
import { readScope } from './handler.ts';
import { fhirBase, sendJson, versionHeaders } from './respond.ts';
import type { ResourceRoute } from './routes.ts';
import { isConformanceRoute } from './routes.ts';

const ID = /^[A-Za-z0-9\-.]{1,64}$/;

export function param(req: Request, name: string): string {
  const v = req.params[name];
  if (typeof v !== 'string' || !ID.test(v)) {
    throw outcomeError(
      badRequestOutcome({ id: 'HTTP-INVALID-ID', text: { sv: `Ogiltigt id: ${name}`, en: `Invalid id: ${name}` }, diagnostics: String(v).slice(0, 100) }),
    );
  }
  return v;
}

export function readHandler(deps: HttpDeps, route: ResourceRoute): Audited {
  return async (req, res, p) => {
    const id = param(req, 'id');
    const resource: Resource = isConformanceRoute(route)
      ? deps.conformance.read(route.type, id)
      : await deps.repo.read(route.type, id, readScope(deps, p));
    return {
      entities: [`${route.type}/${id}`],
      status: 200,
      send: () => {
        versionHeaders(res, resource);
        sendJson(res, 200, resource);
      },
    };
  };
}

export function vreadHandler(deps: HttpDeps, route: ResourceRoute): Audited {
  return async (req, res, p) => {
    const id = param(req, 'id');
    const vid = param(req, 'vid');
    const resource = await deps.repo.vread(route.type, id, vid, readScope(deps, p));
    return {
      entities: [`${route.type}/${id}/_history/${vid}`],
      status: 200,
      send: () => {
        versionHeaders(res, resource);
        sendJson(res, 200, resource);
      },
    };
  };
}

export function historyHandler(deps: HttpDeps, route: ResourceRoute): Audited {
  return async (req: Request, res: Response, p) => {
    const id = param(req, 'id');
    const versions = await deps.repo.history(route.type, id, readScope(deps, p));
    const base = fhirBase(req, deps.config.PUBLIC_URL);
    const entry: BundleEntry[] = versions.map(({ resource }) => ({
      fullUrl: `${base}/${route.type}/${id}`,
      resource,
      request: { method: resource.meta?.versionId === '1' ? 'POST' : 'PUT', url: resource.meta?.versionId === '1' ? route.type : `${route.type}/${id}` },
      response: {
        status: resource.meta?.versionId === '1' ? '201' : '200',
        ...(resource.meta?.versionId ? { etag: `W/"${resource.meta.versionId}"` } : {}),
        ...(resource.meta?.lastUpdated ? { lastModified: resource.meta.lastUpdated } : {}),
      },
    }));
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'history',
      total: entry.length,
      link: [{ relation: 'self', url: `${base}/${route.type}/${id}/_history` }],
      entry,
    };
    return { entities: [`${route.type}/${id}`], status: 200, send: () => { sendJson(res, 200, bundle); } };
  };
}
