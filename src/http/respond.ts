/** Resource responses: ETag `W/"<versionId>"`, Last-Modified, Location, and `Prefer: return=`. */
import type { OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { Request, Response } from 'express';
import { issue, localizeOutcome } from '../fhir/outcomes.ts';
import { requestLang } from './lang.ts';
import { FHIR_JSON } from './outcome.ts';

export type PreferReturn = 'minimal' | 'representation' | 'OperationOutcome';

/** `Prefer: return=minimal|representation|OperationOutcome` (default representation). */
export function preferReturn(req: Request): PreferReturn {
  const m = /return=(minimal|representation|OperationOutcome)/i.exec(req.get('prefer') ?? '');
  switch (m?.[1]?.toLowerCase() ?? 'representation') {
    case 'minimal':
      return 'minimal';
    case 'operationoutcome':
      return 'OperationOutcome';
    default:
      return 'representation';
  }
}

export function fhirBase(req: Request, publicUrl: string | undefined): string {
  const origin = publicUrl ? publicUrl.replace(/\/$/, '') : `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  return `${origin}/fhir`;
}

export function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status).type(FHIR_JSON).send(JSON.stringify(body));
}

export function versionHeaders(res: Response, resource: Resource): void {
  if (resource.meta?.versionId) {
    res.set('ETag', `W/"${resource.meta.versionId}"`);
  }
  if (resource.meta?.lastUpdated) {
    res.set('Last-Modified', new Date(resource.meta.lastUpdated).toUTCString());
  }
}

/** An informational outcome for `return=OperationOutcome` when there is nothing to report. */
export function allOk(sv: string, en: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [issue('informational', { id: 'HTTP-OK', severity: 'information', text: { sv, en } })],
  };
}

export interface WriteResponse {
  readonly status: number;
  readonly resource: Resource;
  readonly location?: string;
  /** Warnings (or the all-OK note) for `return=OperationOutcome`. */
  readonly outcome?: OperationOutcome;
}

/** Writes a resource (or per Prefer: nothing, or the outcome) with version headers and Location. */
export function sendWrite(req: Request, res: Response, w: WriteResponse): void {
  versionHeaders(res, w.resource);
  if (w.location) {
    res.set('Location', w.location);
  }
  switch (preferReturn(req)) {
    case 'minimal':
      res.status(w.status).end();
      return;
    case 'OperationOutcome':
      sendJson(res, w.status, localizeOutcome(w.outcome ?? allOk('Klart', 'Done'), requestLang(req)));
      return;
    case 'representation':
      sendJson(res, w.status, w.resource);
      return;
  }
}
