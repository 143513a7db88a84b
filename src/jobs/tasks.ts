/**
 * Reading referral Tasks (rb-referral-task, docs/ig-design.md) for the watch jobs: straight from the store's
 * search columns (status, authored = Task.authoredOn = arrival at the provider, owner_org = provider HSA-id,
 * requester_org = referring vårdcentral HSA-id), plus small readers for Task.output and businessStatus.
 */
import type { Task } from '@medplum/fhirtypes';
import type { Db } from '../store/index.ts';

export const TASK_OUTPUT_SYSTEM = 'https://remissbrygga.se/fhir/CodeSystem/rb-task-output';
export const BUSINESS_STATUS_SYSTEM = 'https://remissbrygga.se/fhir/CodeSystem/rb-task-business-status';

export interface TaskRow {
  readonly task: Task;
  readonly ownerOrg: string | null;
  readonly requesterOrg: string | null;
}

export interface TaskQuery {
  readonly statuses: readonly Task['status'][];
  /** Task.authoredOn strictly before this. */
  readonly receivedBefore?: Date;
  readonly receivedAfter?: Date;
}

export async function loadTasks(db: Db, q: TaskQuery): Promise<TaskRow[]> {
  const rows = await db.query<{ content: Task; owner_org: string | null; requester_org: string | null }>(
    `SELECT content, owner_org, requester_org FROM resources
     WHERE resource_type = 'Task' AND NOT deleted AND status = ANY($1::text[])
       AND ($2::timestamptz IS NULL OR authored < $2::timestamptz)
       AND ($3::timestamptz IS NULL OR authored >= $3::timestamptz)
     ORDER BY authored, id`,
    [q.statuses, q.receivedBefore?.toISOString() ?? null, q.receivedAfter?.toISOString() ?? null],
  );
  return rows.map((r) => ({ task: r.content, ownerOrg: r.owner_org, requesterOrg: r.requester_org }));
}

export function hasOutput(task: Task, code: string): boolean {
  return outputOf(task, code) !== undefined;
}

export function outputOf(task: Task, code: string): NonNullable<Task['output']>[number] | undefined {
  return task.output?.find((o) => o.type.coding?.some((c) => c.system === TASK_OUTPUT_SYSTEM && c.code === code));
}

export function businessStatusCode(task: Task): string | undefined {
  return task.businessStatus?.coding?.find((c) => c.system === BUSINESS_STATUS_SYSTEM)?.code;
}

/** Received at the provider: Task.authoredOn (set when the referral was submitted to the provider). */
export function receivedAt(task: Task): Date | undefined {
  const d = task.authoredOn ? new Date(task.authoredOn) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d : undefined;
}

/** First treatment session (Task.output first-session-date, valueDate). */
export function firstSessionDate(task: Task): Date | undefined {
  const v = outputOf(task, 'first-session-date')?.valueDate;
  const d = v ? new Date(v) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d : undefined;
}

export const DAY_MS = 24 * 3600 * 1000;

export function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}
