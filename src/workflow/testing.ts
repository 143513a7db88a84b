/** Test support for the workflow suites: actors, injected validators, deps, and a repository that fails on cue. */
import { OperationOutcomeError } from '@medplum/core';
import type { CodeableConcept, OperationOutcome, Resource, TaskOutput } from '@medplum/fhirtypes';
import type { Repository } from '../store/index.ts';
import { createDirectory } from './directory.ts';
import type { Actor, Directory, DirectoryOrganization, WorkflowDeps } from './types.ts';

export function referrer(org: string, user = `${org}-P1`): Actor {
  return { orgHsaId: org, userId: user, roles: ['referrer'] };
}

export function provider(org: string, user = `${org}-T1`): Actor {
  return { orgHsaId: org, userId: user, roles: ['provider'] };
}

export const SYSTEM_ACTOR: Actor = { orgHsaId: '', userId: 'remissbrygga-monitor', roles: ['system'] };

/** The happy-path validator: no issues. */
export const acceptAll = (): Promise<OperationOutcome> => Promise.resolve({ resourceType: 'OperationOutcome', issue: [] });

/** A small real check: an error for each ServiceRequest without reasonCode, a warning always. */
export async function smallValidator(resource: Resource): Promise<OperationOutcome> {
  const issues: OperationOutcome['issue'] = [{ severity: 'warning', code: 'informational', diagnostics: 'REM-REFERRER-PSYCHOLOGIST (test)' }];
  if (resource.resourceType === 'Bundle') {
    (resource.entry ?? []).forEach((e, i) => {
      if (e.resource?.resourceType === 'ServiceRequest' && !e.resource.reasonCode?.length) {
        issues.push({ severity: 'error', code: 'required', expression: [`Bundle.entry[${i}].resource.reasonCode`] });
      }
    });
  }
  return Promise.resolve({ resourceType: 'OperationOutcome', issue: issues });
}

/** Providers in the test directory (each suite uses its own suffix so runs never collide). */
export function testDirectory(orgs: readonly DirectoryOrganization[]): Directory {
  return createDirectory(orgs);
}

export function deps(repo: Repository, directory: Directory, validate: WorkflowDeps['validate'] = acceptAll): WorkflowDeps {
  return { repo, directory, validate, now: () => new Date() };
}

/** A repository whose transactions fail when `failOn` says so for a create, or at the named step. */
export function failingRepo(repo: Repository, fail: { readonly create?: (r: Resource) => boolean; readonly step?: 'appendOutbox' | 'completeIdempotency' }): Repository {
  const boom = (): Promise<never> => Promise.reject(new Error('injected failure'));
  return {
    ...repo,
    transaction: (fn) =>
      repo.transaction((tx) =>
        fn({
          ...tx,
          // The write happens, then the failure: the rollback must take back rows already written.
          create: async (r, ctx, o) => {
            const stored = await tx.create(r, ctx, o);
            return fail.create?.(r) ? boom() : stored;
          },
          createMany: async (rs, ctx) => {
            const stored = await tx.createMany(rs, ctx);
            return rs.some((r) => fail.create?.(r)) ? boom() : stored;
          },
          appendOutbox: (e) => (fail.step === 'appendOutbox' ? boom() : tx.appendOutbox(e)),
          // Written, then the failure: the rollback must take back the audit, outbox and idempotency rows too.
          recordEffects: async (e) => {
            const recorded = await tx.recordEffects(e);
            const failing = (fail.step === 'appendOutbox' && (e.outbox?.length ?? 0) > 0) || (fail.step === 'completeIdempotency' && e.idempotency !== undefined);
            return failing ? boom() : recorded;
          },
          completeIdempotency: (s, v, r) => (fail.step === 'completeIdempotency' ? boom() : tx.completeIdempotency(s, v, r)),
        }),
      ),
  };
}

/** The OperationOutcomeError a promise rejects with (fails the test if it resolves or throws something else). */
export async function outcomeOf(p: Promise<unknown>): Promise<OperationOutcomeError> {
  const err: unknown = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof OperationOutcomeError)) {
    throw new Error(`expected an OperationOutcomeError, got ${String(err)}`);
  }
  return err;
}

export async function countRows(repo: Repository, table: 'resources' | 'outbox' | 'idempotency' | 'audit_events'): Promise<number> {
  const rows = await repo.db.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(rows[0]?.n);
}

/** Task output helpers (rb-task-output, docs/ig-design.md). */
export function output(code: string, value: Omit<TaskOutput, 'type'>): TaskOutput {
  return { type: { coding: [{ system: 'https://remissbrygga.se/fhir/CodeSystem/rb-task-output', code }] }, ...value };
}

export function rejectionReason(code: string): CodeableConcept {
  return { coding: [{ system: 'https://remissbrygga.se/fhir/CodeSystem/rb-rejection-reason', code }] };
}

export function businessStatus(code: string): CodeableConcept {
  return { coding: [{ system: 'https://remissbrygga.se/fhir/CodeSystem/rb-task-business-status', code }] };
}
