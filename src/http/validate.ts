/**
 * `$validate` (https://hl7.org/fhir/R4/resource-operation-validate.html): the body is the resource or a
 * Parameters with `resource` (and optional `profile`). Answers 200 with the validator's OperationOutcome in the
 * caller's language; nothing is stored.
 */
import type { OperationOutcome, Parameters, Resource, ResourceType } from '@medplum/fhirtypes';
import type { Request, Response } from 'express';
import { badRequestOutcome, localizeOutcome, outcomeError } from '../fhir/outcomes.ts';
import { anyResourceBody, isResource, resourceBody } from './body.ts';
import type { HttpDeps } from './deps.ts';
import type { Audited } from './handler.ts';
import { requestLang } from './lang.ts';
import { allOk, sendJson } from './respond.ts';

function unpack(body: Resource): { resource: Resource; profile?: string[] } {
  if (body.resourceType !== 'Parameters') {
    return { resource: body };
  }
  const params: Parameters = body;
  const resource = params.parameter?.find((x) => x.name === 'resource')?.resource;
  if (!isResource(resource)) {
    throw outcomeError(
      badRequestOutcome({
        id: 'HTTP-VALIDATE-NO-RESOURCE',
        text: { sv: 'Parameters saknar parametern resource', en: 'Parameters lacks the resource parameter' },
        expression: ['Parameters.parameter'],
      }),
    );
  }
  const profile = (params.parameter ?? []).filter((x) => x.name === 'profile').flatMap((x) => [x.valueUri, x.valueCanonical].filter((v): v is string => !!v));
  return profile.length > 0 ? { resource, profile } : { resource };
}

/** `type` undefined: system-level `/$validate` (any resource). */
export function validateHandler(deps: HttpDeps, type: ResourceType | undefined): Audited {
  return async (req: Request, res: Response) => {
    const limits = { maxDepth: deps.config.JSON_MAX_DEPTH, maxArray: deps.config.JSON_MAX_ARRAY };
    const body: Resource = type ? resourceBody(req, limits, [type, 'Parameters']) : anyResourceBody(req, limits);
    const { resource, profile } = unpack(body);
    if (type && resource.resourceType !== type) {
      throw outcomeError(
        badRequestOutcome({
          id: 'HTTP-WRONG-RESOURCE-TYPE',
          text: { sv: `Fel resurstyp; väntade ${type}`, en: `Wrong resource type; expected ${type}` },
          expression: ['resourceType'],
        }),
      );
    }
    const lang = requestLang(req);
    const outcome: OperationOutcome = await deps.validator.validate(resource, { ...(profile ? { profile } : {}), lang });
    deps.metrics.recordValidation(outcome);
    const answer = outcome.issue.length > 0 ? outcome : allOk('Inga fel hittades', 'No issues found');
    // The outcome's id would map to an error status; $validate answers 200 whatever it found.
    const { id: _id, ...withoutId } = answer;
    return { entities: [], status: 200, send: () => { sendJson(res, 200, localizeOutcome(withoutId, lang)); } };
  };
}

