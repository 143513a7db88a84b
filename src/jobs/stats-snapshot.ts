/**
 * Job 5, nightly statistics snapshot for the region (domain.md §5, "follow-up data the region wants"): counts by
 * provider, diagnosis, treatment form, referrer profession, Task status and rejection reason, and the 30-day
 * start share per provider. Aggregates only: no patient identities, no resource ids, no free text.
 */
import type { PractitionerRole, ServiceRequest } from '@medplum/fhirtypes';
import type { Db } from '../store/index.ts';
import { toDate, toNumber } from '../store/rows.ts';
import type { JobDefinition } from './runner.ts';
import type { StartShare } from './start-watch.ts';
import { computeShare } from './start-watch.ts';
import { loadTasks } from './tasks.ts';

export const STATS_SNAPSHOT = 'stats-snapshot';

const ICD10_SYSTEMS = new Set(['urn:oid:1.2.752.116.1.1.1', 'urn:oid:1.2.752.116.1.1.1.1.3']);
const TREATMENT_FORM_SYSTEM = 'https://remissbrygga.se/fhir/CodeSystem/rb-treatment-form';
const PROFESSION_SYSTEM = 'https://remissbrygga.se/fhir/CodeSystem/rb-referrer-profession';
const REJECTION_REASON_SYSTEM = 'https://remissbrygga.se/fhir/CodeSystem/rb-rejection-reason';

export type Counts = Record<string, number>;

export interface StatsContent {
  readonly referrals: number;
  readonly byProvider: Counts;
  readonly byStatus: Counts;
  readonly byDiagnosis: Counts;
  readonly byTreatmentForm: Counts;
  readonly byReferrerProfession: Counts;
  readonly byRejectionReason: Counts;
  readonly startShare: StartShare[];
  readonly startDays: number;
}

export interface StatsSnapshot {
  readonly id: number;
  readonly takenAt: Date;
  readonly content: StatsContent;
}

export function statsSnapshotJob(o: { readonly schedule: string; readonly startDays?: number }): JobDefinition {
  return {
    name: STATS_SNAPSHOT,
    schedule: o.schedule,
    async run({ db, now }) {
      const content = await computeStats(db, now, o.startDays ?? 30);
      const rows = await db.query<{ id: unknown }>('INSERT INTO stats_snapshots (taken_at, content) VALUES ($1::timestamptz, $2::jsonb) RETURNING id', [
        now.toISOString(),
        JSON.stringify(content),
      ]);
      return { snapshotId: toNumber(rows[0]?.id), referrals: content.referrals };
    },
  };
}

export async function computeStats(db: Db, now: Date, startDays: number): Promise<StatsContent> {
  const tasks = await loadTasks(db, {
    statuses: ['draft', 'requested', 'received', 'accepted', 'rejected', 'ready', 'cancelled', 'in-progress', 'on-hold', 'failed', 'completed', 'entered-in-error'],
  });
  const srIds = tasks.flatMap(({ task }) => (task.focus?.reference?.startsWith('ServiceRequest/') ? [task.focus.reference.slice('ServiceRequest/'.length)] : []));
  const srs = await contentById<ServiceRequest>(db, 'ServiceRequest', srIds);
  const roleIds = [...srs.values()].flatMap((sr) => (sr.requester?.reference?.startsWith('PractitionerRole/') ? [sr.requester.reference.slice('PractitionerRole/'.length)] : []));
  const roles = await contentById<PractitionerRole>(db, 'PractitionerRole', roleIds);

  const stats = { byProvider: {}, byStatus: {}, byDiagnosis: {}, byTreatmentForm: {}, byReferrerProfession: {}, byRejectionReason: {} } satisfies Record<string, Counts>;
  for (const { task, ownerOrg } of tasks) {
    inc(stats.byProvider, ownerOrg ?? 'unknown');
    inc(stats.byStatus, task.status);
    const sr = srs.get(task.focus?.reference?.slice('ServiceRequest/'.length) ?? '');
    inc(stats.byDiagnosis, code(sr?.reasonCode?.flatMap((c) => c.coding ?? []), (s) => ICD10_SYSTEMS.has(s)));
    inc(stats.byTreatmentForm, code(sr?.orderDetail?.flatMap((c) => c.coding ?? []), (s) => s === TREATMENT_FORM_SYSTEM));
    const role = roles.get(sr?.requester?.reference?.slice('PractitionerRole/'.length) ?? '');
    inc(stats.byReferrerProfession, code(role?.code?.flatMap((c) => c.coding ?? []), (s) => s === PROFESSION_SYSTEM));
    if (task.status === 'rejected') {
      inc(stats.byRejectionReason, code(task.statusReason?.coding, (s) => s === REJECTION_REASON_SYSTEM));
    }
  }
  return { referrals: tasks.length, ...stats, startShare: computeShare(tasks, now, startDays), startDays };
}

export async function latestStats(db: Db): Promise<StatsSnapshot | undefined> {
  return (await listStats(db, { limit: 1 }))[0];
}

export async function listStats(db: Db, q: { readonly from?: Date; readonly to?: Date; readonly limit?: number } = {}): Promise<StatsSnapshot[]> {
  const rows = await db.query<{ id: unknown; taken_at: unknown; content: StatsContent }>(
    `SELECT id, taken_at, content FROM stats_snapshots
     WHERE ($1::timestamptz IS NULL OR taken_at >= $1::timestamptz) AND ($2::timestamptz IS NULL OR taken_at < $2::timestamptz)
     ORDER BY taken_at DESC, id DESC LIMIT $3`,
    [q.from?.toISOString() ?? null, q.to?.toISOString() ?? null, q.limit ?? 100],
  );
  return rows.map((r) => ({ id: toNumber(r.id), takenAt: toDate(r.taken_at), content: r.content }));
}

async function contentById<T>(db: Db, type: string, ids: readonly string[]): Promise<Map<string, T>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db.query<{ id: string; content: T }>('SELECT id, content FROM resources WHERE resource_type = $1 AND id = ANY($2::text[])', [type, [...new Set(ids)]]);
  return new Map(rows.map((r) => [r.id, r.content]));
}

function code(codings: readonly { system?: string; code?: string }[] | undefined, system: (s: string) => boolean): string {
  const c = codings?.find((x) => x.system !== undefined && system(x.system))?.code;
  // Codes only (code systems we know): anything else is counted as 'unknown', never copied as free text.
  return c !== undefined && /^[A-Za-z0-9.-]{1,40}$/.test(c) ? c : 'unknown';
}

function inc(counts: Counts, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
