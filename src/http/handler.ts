/**
 * The wrapper every /fhir interaction runs in: authenticated principal in, AuditEvent out (also when the handler
 * fails with a client error: denied and not-found attempts are audited), errors passed to the one error handler.
 */
import type { ResourceType } from '@medplum/fhirtypes';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Principal } from '../auth/principal.ts';
import type { ScopeLetter } from '../auth/scopes.ts';
import { forbiddenOutcome, OperationOutcomeError, outcomeError } from '../fhir/outcomes.ts';
import type { ReadOptions } from '../store/index.ts';
import type { Interaction } from './audit.ts';
import { recordAuditEvent } from './audit.ts';
import type { RequestState } from './context.ts';
import { requireScope } from './context.ts';
import type { HttpDeps } from './deps.ts';
import { httpStatus } from './outcome.ts';

export interface AuditResult {
  /** `Type/id` of what was read or written. */
  readonly entities: readonly string[];
  readonly status: number;
  /** Writes the response; called after the AuditEvent is stored, so nothing leaves unaudited. */
  readonly send: () => void;
}

export type Audited = (req: Request, res: Response, principal: Principal) => Promise<AuditResult>;

export interface AuditSpec {
  readonly interaction: Interaction;
  readonly resourceType?: ResourceType;
  /** Scope letter required on resourceType (none for operations that store nothing). */
  readonly scope?: ScopeLetter;
  /** Entity for a failed attempt, from the URL. */
  readonly target?: (req: Request) => string | undefined;
  /**
   * Writes through the workflow record their AuditEvent in the same transaction as the change (src/workflow), so
   * here only failed attempts are recorded (their transaction, and its audit, rolled back).
   */
  readonly successAuditedByWorkflow?: boolean;
}

/** Reads are scoped with workflow.scopeFor(actor): out of scope reads as not found. */
export function readScope(deps: HttpDeps, p: Principal): ReadOptions {
  if (!deps.workflow.mayReadPatientData(p.actor)) {
    throw outcomeError(
      forbiddenOutcome({
        id: 'AUTH-NO-PATIENT-DATA',
        text: {
          sv: 'Rollen ger inte tillgång till patientuppgifter (regionen läser statistik och granskningslogg)',
          en: 'This role gives no access to patient data (the region reads statistics and the audit trail)',
        },
      }),
    );
  }
  const scope = deps.workflow.scopeFor(p.actor);
  return scope ? { orgScope: scope } : {};
}

export function audited(deps: HttpDeps, state: RequestState, spec: AuditSpec, handler: Audited): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    state.markRoute(req);
    const principal = state.principal(req);
    const record = (status: number, entities: readonly string[]): Promise<void> =>
      recordAuditEvent(deps.repo, {
        actor: principal.actor,
        interaction: spec.interaction,
        entities,
        ...(spec.resourceType ? { resourceType: spec.resourceType } : {}),
        status,
        requestId: state.requestId(req),
      });
    try {
      if (spec.scope && spec.resourceType) {
        requireScope(principal, spec.resourceType, spec.scope);
      }
      const result = await handler(req, res, principal);
      if (!spec.successAuditedByWorkflow) {
        await record(result.status, result.entities);
      }
      result.send();
    } catch (err) {
      const status = err instanceof OperationOutcomeError ? httpStatus(err.outcome) : 500;
      let target: string | undefined;
      try {
        target = spec.target?.(req);
      } catch {
        target = undefined;
      }
      try {
        await record(status, target ? [target] : []);
      } catch (auditErr) {
        deps.logger.error({ requestId: state.requestId(req), err: { name: auditErr instanceof Error ? auditErr.name : 'unknown' } }, 'audit failed');
      }
      next(err);
    }
  };
}
