/**
 * Writes, each delegated to the workflow (no clinical rules here): the referral transaction, Task transitions,
 * ServiceRequest updates (withdrawal) and Communications. The workflow throws OperationOutcomeErrors that the
 * one error handler turns into 4xx; validation issues are counted in the metrics either way.
 */
import type { Bundle, BundleEntry, OperationOutcome } from '@medplum/fhirtypes';
import type { Request } from 'express';
import { badRequestOutcome, getStatus, localizeOutcome, OperationOutcomeError, outcomeError } from '../fhir/outcomes.ts';
import type { JsonLimits } from './json-guard.ts';
import type { HttpDeps } from './deps.ts';
import type { Audited } from './handler.ts';
import { resourceBody } from './body.ts';
import { requestLang } from './lang.ts';
import { param } from './read.ts';
import { allOk, fhirBase, preferReturn, sendJson, sendWrite } from './respond.ts';
import type { WriteKind } from './routes.ts';
import { createSubscriptionHandler, updateSubscriptionHandler } from './subscription.ts';

function limits(deps: HttpDeps): JsonLimits {
  return { maxDepth: deps.config.JSON_MAX_DEPTH, maxArray: deps.config.JSON_MAX_ARRAY };
}

/** Counts validation issues of a 422 from the workflow, then rethrows. */
async function countingValidation<T>(deps: HttpDeps, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof OperationOutcomeError && getStatus(err.outcome) === 422) {
      deps.metrics.recordValidation(err.outcome);
    }
    throw err;
  }
}

function ifMatch(req: Request): string | undefined {
  return req.get('if-match') ?? undefined;
}

function requireMatchingId(resource: { id?: string }, id: string, type: string): void {
  if (resource.id !== id) {
    throw outcomeError(
      badRequestOutcome({
        id: 'HTTP-ID-MISMATCH',
        text: { sv: `Resursens id måste vara ${id} (som i adressen)`, en: `Resource id must be ${id} (as in the URL)` },
        expression: [`${type}.id`],
      }),
    );
  }
}

/** Attaches the warnings to the ServiceRequest's entry (entry.response.outcome) when there are any. */
function withWarnings(response: Bundle, warnings: OperationOutcome, lang: 'sv' | 'en'): Bundle {
  if (warnings.issue.length === 0 || !response.entry) {
    return response;
  }
  const index = Math.max(
    0,
    response.entry.findIndex((e) => e.response?.location?.startsWith('ServiceRequest/')),
  );
  const entry: BundleEntry[] = response.entry.map((e, i) =>
    i === index && e.response ? { ...e, response: { ...e.response, outcome: localizeOutcome(warnings, lang) } } : e,
  );
  return { ...response, entry };
}

/** `POST /fhir` with the referral transaction Bundle → 201 (200 for a repeat) with the transaction-response. */
export function transactionHandler(deps: HttpDeps): Audited {
  return async (req, res, p) => {
    const bundle = resourceBody(req, limits(deps), ['Bundle']);
    if (bundle.type !== 'transaction') {
      throw outcomeError(
        badRequestOutcome({
          id: 'HTTP-BUNDLE-TYPE',
          text: { sv: 'Endast transaktions-Bundle kan skickas hit', en: 'Only a transaction Bundle can be posted here' },
          expression: ['Bundle.type'],
        }),
      );
    }
    const result = await countingValidation(deps, () => deps.workflow.submitReferral(deps.workflowDeps, bundle, p.actor));
    deps.metrics.recordValidation(result.outcome);
    const status = result.created ? 201 : 200;
    const lang = requestLang(req);
    const entities = (result.response.entry ?? []).flatMap((e) => (e.response?.location ? [e.response.location.replace(/\/_history\/.*$/, '')] : []));
    return {
      entities: entities.length > 0 ? entities : [`ServiceRequest/${result.serviceRequest.id ?? ''}`, `Task/${result.task.id ?? ''}`],
      status,
      send: () => {
        switch (preferReturn(req)) {
          case 'minimal':
            res.status(status).end();
            return;
          case 'OperationOutcome':
            sendJson(res, status, localizeOutcome(result.outcome.issue.length > 0 ? result.outcome : allOk('Remissen är mottagen', 'Referral received'), lang));
            return;
          case 'representation':
            sendJson(res, status, withWarnings(result.response, result.outcome, lang));
            return;
        }
      },
    };
  };
}

export function writeHandler(deps: HttpDeps, kind: WriteKind): Audited {
  switch (kind) {
    case 'transitionTask':
      return async (req, res, p) => {
        const id = param(req, 'id');
        const proposed = resourceBody(req, limits(deps), ['Task']);
        requireMatchingId(proposed, id, 'Task');
        const task = await countingValidation(deps, () => deps.workflow.transitionTask(deps.workflowDeps, id, proposed, p.actor, ifMatch(req)));
        return { entities: [`Task/${id}`], status: 200, send: () => { sendWrite(req, res, { status: 200, resource: task }); } };
      };
    case 'updateServiceRequest':
      return async (req, res, p) => {
        const id = param(req, 'id');
        const proposed = resourceBody(req, limits(deps), ['ServiceRequest']);
        requireMatchingId(proposed, id, 'ServiceRequest');
        const sr = await countingValidation(deps, () => deps.workflow.updateServiceRequest(deps.workflowDeps, proposed, p.actor, ifMatch(req)));
        return { entities: [`ServiceRequest/${id}`], status: 200, send: () => { sendWrite(req, res, { status: 200, resource: sr }); } };
      };
    case 'postCommunication':
      return async (req, res, p) => {
        const proposed = resourceBody(req, limits(deps), ['Communication']);
        const created = await countingValidation(deps, () => deps.workflow.postCommunication(deps.workflowDeps, proposed, p.actor));
        const location = `${fhirBase(req, deps.config.PUBLIC_URL)}/Communication/${created.id ?? ''}/_history/${created.meta?.versionId ?? '1'}`;
        return {
          entities: [`Communication/${created.id ?? ''}`],
          status: 201,
          send: () => { sendWrite(req, res, { status: 201, resource: created, location }); },
        };
      };
    case 'createSubscription':
      return createSubscriptionHandler(deps);
    case 'updateSubscription':
      return updateSubscriptionHandler(deps);
  }
}
