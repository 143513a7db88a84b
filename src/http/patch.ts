/**
 * `PATCH /fhir/Task/:id` with a JSON Patch (RFC 6902, `application/json-patch+json`): applied to the current
 * version the caller may see, then handed to the same workflow call as PUT, with the version it was applied to
 * as If-Match (or the client's own If-Match), so a concurrent change is a 412 and never lost.
 * https://hl7.org/fhir/R4/http.html#patch
 */
import { applyPatch } from '@medplum/core';
import type { Resource, Task } from '@medplum/fhirtypes';
import { z } from 'zod';
import { badRequestOutcome, outcomeError, unprocessableOutcome } from '../fhir/outcomes.ts';
import { jsonBody } from './body.ts';
import type { HttpDeps } from './deps.ts';
import type { Audited } from './handler.ts';
import { readScope } from './handler.ts';
import { param } from './read.ts';
import { sendWrite } from './respond.ts';
import type { ResourceRoute, WriteKind } from './routes.ts';

const pointer = z
  .string()
  .regex(/^(\/[^/]*)*$/)
  .refine((p) => !p.split('/').some((seg) => ['__proto__', 'constructor', 'prototype'].includes(seg)), { message: 'forbidden segment' });

const operationSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add'), path: pointer, value: z.unknown() }),
  z.object({ op: z.literal('replace'), path: pointer, value: z.unknown() }),
  z.object({ op: z.literal('test'), path: pointer, value: z.unknown() }),
  z.object({ op: z.literal('remove'), path: pointer }),
  z.object({ op: z.literal('move'), path: pointer, from: pointer }),
  z.object({ op: z.literal('copy'), path: pointer, from: pointer }),
]);
const patchSchema = z.array(operationSchema).min(1);

function isTask(v: unknown): v is Task {
  return typeof v === 'object' && v !== null && Reflect.get(v, 'resourceType') === 'Task';
}

const PROTECTED = /^\/(id|resourceType|meta)(\/|$)/;

export function patchHandler(deps: HttpDeps, route: ResourceRoute, kind: WriteKind): Audited {
  return async (req, res, p) => {
    const id = param(req, 'id');
    const parsed = patchSchema.safeParse(jsonBody(req, { maxDepth: deps.config.JSON_MAX_DEPTH, maxArray: deps.config.JSON_MAX_ARRAY }));
    if (!parsed.success) {
      throw outcomeError(
        badRequestOutcome({
          id: 'HTTP-PATCH-INVALID',
          text: { sv: 'Ogiltig JSON Patch', en: 'Invalid JSON Patch' },
          diagnostics: parsed.error.issues.map((i) => `[${i.path.join('.')}] ${i.message}`).join('; ').slice(0, 300),
        }),
      );
    }
    const ops = parsed.data;
    const blocked = ops.findIndex((o) => PROTECTED.test(o.path) || ('from' in o && PROTECTED.test(o.from)));
    if (blocked >= 0) {
      throw outcomeError(
        badRequestOutcome({ id: 'HTTP-PATCH-PROTECTED', text: { sv: 'id, resourceType och meta kan inte ändras', en: 'id, resourceType and meta cannot be patched' }, diagnostics: `operation ${blocked}` }),
      );
    }
    const current: Resource = await deps.repo.read(route.type, id, readScope(deps, p));
    const patched: unknown = structuredClone(current);
    const failed = applyPatch(patched, ops).findIndex((r) => r !== null);
    if (failed >= 0) {
      throw outcomeError(
        unprocessableOutcome({
          id: 'HTTP-PATCH-FAILED',
          text: { sv: `JSON Patch-operation ${failed} kunde inte tillämpas`, en: `JSON Patch operation ${failed} could not be applied` },
          diagnostics: ops[failed]?.path,
        }),
      );
    }
    const ifMatch = req.get('if-match') ?? `W/"${current.meta?.versionId ?? ''}"`;
    switch (kind) {
      case 'transitionTask': {
        if (!isTask(patched)) {
          throw outcomeError(badRequestOutcome({ id: 'HTTP-PATCH-TYPE', text: { sv: 'Fel resurstyp', en: 'Wrong resource type' } }));
        }
        const task = await deps.workflow.transitionTask(deps.workflowDeps, id, patched, p.actor, ifMatch);
        return { entities: [`Task/${id}`], status: 200, send: () => { sendWrite(req, res, { status: 200, resource: task }); } };
      }
      case 'updateServiceRequest':
      case 'postCommunication':
      case 'createSubscription':
      case 'updateSubscription':
        throw outcomeError(badRequestOutcome({ id: 'HTTP-PATCH-UNSUPPORTED', text: { sv: 'PATCH stöds inte här', en: 'PATCH is not supported here' } }));
    }
  };
}
