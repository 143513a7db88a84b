/**
 * The HTTP edge of OperationOutcome (STYLE.md point 3): `sendOutcome` writes one with the status its id maps to,
 * and `errorHandler` is the ONE final handler. Client mistakes become 4xx outcomes; anything unknown becomes a
 * 500 with generic text and the request's correlation id, and is logged without the message's data.
 */
import type { OperationOutcome } from '@medplum/fhirtypes';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import {
  badRequestOutcome,
  getStatus,
  isOperationOutcome,
  issue,
  localizeOutcome,
  OperationOutcomeError,
  tooLargeOutcome,
  unsupportedMediaTypeOutcome,
} from '../fhir/outcomes.ts';
import { requestLang } from './lang.ts';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** medplum's getStatus plus the two statuses only the HTTP edge produces (406, 405). */
export function httpStatus(outcome: OperationOutcome): number {
  if (outcome.id === 'not-acceptable') {
    return 406;
  }
  return outcome.id === 'method-not-allowed' ? 405 : getStatus(outcome);
}

export function methodNotAllowedOutcome(method: string, path: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    id: 'method-not-allowed',
    issue: [
      issue('not-supported', {
        id: 'HTTP-METHOD-NOT-ALLOWED',
        text: { sv: `${method} stöds inte för ${path}`, en: `${method} is not supported for ${path}` },
      }),
    ],
  };
}

export function sendOutcome(req: Request, res: Response, outcome: OperationOutcome, status = httpStatus(outcome)): void {
  res.status(status).type(FHIR_JSON).send(JSON.stringify(localizeOutcome(outcome, requestLang(req))));
}

export function internalErrorOutcome(requestId: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    id: 'server-error',
    issue: [
      issue('exception', {
        id: 'HTTP-INTERNAL',
        text: { sv: `Internt fel. Ange referens ${requestId} vid kontakt med support.`, en: `Internal error. Quote reference ${requestId} when contacting support.` },
        diagnostics: `x-request-id: ${requestId}`,
      }),
    ],
  };
}

/** Errors raised by express's own body parsers carry `type` and `status`; map the client ones to outcomes. */
function parserOutcome(err: unknown): OperationOutcome | undefined {
  if (typeof err !== 'object' || err === null) {
    return undefined;
  }
  const type: unknown = Reflect.get(err, 'type');
  if (typeof type !== 'string') {
    return undefined;
  }
  switch (type) {
    case 'entity.too.large':
      return tooLargeOutcome({ id: 'HTTP-BODY-TOO-LARGE', text: { sv: 'Meddelandet är för stort', en: 'Request body too large' } });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return unsupportedMediaTypeOutcome({ id: 'HTTP-CHARSET', text: { sv: 'Teckenkodningen stöds inte', en: 'Unsupported charset' } });
    case 'request.aborted':
    case 'request.size.invalid':
    case 'entity.verify.failed':
    case 'entity.parse.failed':
      return badRequestOutcome({ id: 'HTTP-BODY-INVALID', text: { sv: 'Meddelandet kunde inte läsas', en: 'Request body could not be read' } });
    default:
      return undefined;
  }
}

export function errorHandler(logger: Logger, requestId: (req: Request) => string) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    if (err instanceof OperationOutcomeError) {
      sendOutcome(req, res, err.outcome);
      return;
    }
    if (isOperationOutcome(err)) {
      sendOutcome(req, res, err);
      return;
    }
    const parsed = parserOutcome(err);
    if (parsed) {
      sendOutcome(req, res, parsed);
      return;
    }
    // Name and stack only: an error message may quote data (SQL values, resource content).
    const e = err instanceof Error ? { name: err.name, stack: err.stack?.split('\n').slice(1, 8).join('\n') } : { name: typeof err };
    logger.error({ requestId: requestId(req), err: e }, 'unhandled error');
    sendOutcome(req, res, internalErrorOutcome(requestId(req)), 500);
  };
}
