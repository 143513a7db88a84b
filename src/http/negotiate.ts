/**
 * Content negotiation for /fhir: JSON only. `_format` (json, application/fhir+json, application/json) wins over
 * Accept; a request for anything else is 406, a body in anything else is 415. Both as OperationOutcome.
 */
import type { NextFunction, Request, Response } from 'express';
import { outcomeError, unsupportedMediaTypeOutcome } from '../fhir/outcomes.ts';

const JSON_FORMATS = new Set(['json', 'application/json', 'application/fhir+json', 'application/json+fhir']);
const ACCEPTABLE = ['application/fhir+json', 'application/json', 'application/json+fhir'];

function notAcceptable(what: string): Error {
  const o = unsupportedMediaTypeOutcome({
    id: 'HTTP-NOT-ACCEPTABLE',
    text: { sv: `Svarsformatet stöds inte (endast JSON): ${what}`, en: `Response format not supported (JSON only): ${what}` },
  });
  return outcomeError({ ...o, id: 'not-acceptable' });
}

/** Rejects requests whose `_format` or Accept asks for something other than JSON. */
export function negotiate(req: Request, _res: Response, next: NextFunction): void {
  const format = req.query._format;
  if (format !== undefined) {
    const value = typeof format === 'string' ? format.split(';')[0]?.trim().toLowerCase() : undefined;
    if (value === undefined || !JSON_FORMATS.has(value)) {
      next(notAcceptable(`_format=${typeof format === 'string' ? format.slice(0, 50) : '?'}`));
      return;
    }
    next();
    return;
  }
  if (req.headers.accept && !req.accepts(ACCEPTABLE)) {
    next(notAcceptable(req.headers.accept.slice(0, 100)));
    return;
  }
  next();
}

/** Media types a FHIR body may come in. */
export function isJsonBody(contentType: string | undefined): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type !== undefined && ACCEPTABLE.includes(type);
}

export function unsupportedBody(contentType: string | undefined): Error {
  return outcomeError(
    unsupportedMediaTypeOutcome({
      id: 'HTTP-UNSUPPORTED-MEDIA-TYPE',
      text: {
        sv: `Innehållstypen stöds inte: ${contentType?.slice(0, 100) ?? '(saknas)'}; använd application/fhir+json`,
        en: `Unsupported content type: ${contentType?.slice(0, 100) ?? '(missing)'}; use application/fhir+json`,
      },
    }),
  );
}
