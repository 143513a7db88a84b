/**
 * Request bodies for /fhir writes: media type checked before reading (415), size limited while reading (413),
 * then parsed with the hostile-input guard (400). The resource type must fit the URL (400).
 */
import type { ExtractResource, Resource, ResourceType } from '@medplum/fhirtypes';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import express from 'express';
import { badRequestOutcome, outcomeError } from '../fhir/outcomes.ts';
import type { JsonLimits } from './json-guard.ts';
import { parseJson } from './json-guard.ts';
import { isJsonBody, unsupportedBody } from './negotiate.ts';

export interface BodyOptions extends JsonLimits {
  readonly limitBytes: number;
}

/** Middleware pair: 415 check, then raw read with the size limit. The parsed JSON is read with `resourceBody`. */
export function rawBody(options: BodyOptions, mediaType: 'fhir' | 'json-patch' = 'fhir'): RequestHandler[] {
  const check = (req: Request, _res: Response, next: NextFunction): void => {
    const contentType = req.get('content-type');
    const ok = mediaType === 'fhir' ? isJsonBody(contentType) : contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json-patch+json';
    if (!ok) {
      next(unsupportedBody(req.get('content-type')));
      return;
    }
    next();
  };
  return [check, express.raw({ type: () => true, limit: options.limitBytes })];
}

function bodyText(req: Request): string {
  const body: unknown = req.body;
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw outcomeError(badRequestOutcome({ id: 'HTTP-BODY-MISSING', text: { sv: 'Meddelandet saknar innehåll', en: 'Request body is empty' } }));
  }
  return body.toString('utf8');
}

export function isResource(value: unknown): value is Resource {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof Reflect.get(value, 'resourceType') === 'string';
}

/** The body parsed with the hostile-input guard, whatever JSON it is (JSON Patch arrays). */
export function jsonBody(req: Request, limits: JsonLimits): unknown {
  return parseJson(bodyText(req), limits);
}

/** The parsed body as any resource (system-level operations), else 400. */
export function anyResourceBody(req: Request, limits: JsonLimits): Resource {
  const value = parseJson(bodyText(req), limits);
  if (!isResource(value)) {
    throw outcomeError(badRequestOutcome({ id: 'HTTP-NOT-A-RESOURCE', text: { sv: 'Meddelandet är inte en FHIR-resurs', en: 'Body is not a FHIR resource' } }));
  }
  return value;
}

function isOneOf<K extends ResourceType>(value: Resource, types: readonly K[]): value is ExtractResource<K> {
  return (types as readonly string[]).includes(value.resourceType);
}

/** The parsed body as a resource of one of `types` (the URL's type), else 400. */
export function resourceBody<K extends ResourceType>(req: Request, limits: JsonLimits, types: readonly K[]): ExtractResource<K> {
  const value = anyResourceBody(req, limits);
  if (!isOneOf(value, types)) {
    throw outcomeError(
      badRequestOutcome({
        id: 'HTTP-WRONG-RESOURCE-TYPE',
        text: {
          sv: `Fel resurstyp ${value.resourceType.slice(0, 64)}; väntade ${types.join(' eller ')}`,
          en: `Wrong resource type ${value.resourceType.slice(0, 64)}; expected ${types.join(' or ')}`,
        },
        expression: ['resourceType'],
      }),
    );
  }
  return value;
}
