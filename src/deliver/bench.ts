/**
 * Delivery benchmark (issue 6: `npm run bench:delivery`; run with `node src/deliver/bench.ts [--database-url URL]`).
 * A loopback receiver answering 200 at once; referrals seeded through the store; the real worker with its real
 * poll loop. Reports (1) throughput: a burst of events, events/s until all are delivered; (2) latency: events
 * appended one at a time at a steady rate, submit (outbox commit) → acknowledged delivery p50/p99.
 */
import pino from 'pino';
import type { Db } from '../store/index.ts';
import { appendOutbox, createRepository, openDb } from '../store/index.ts';
import { dbDestinationStore, upsertDestination } from './destinations.ts';
import { seedReferral } from './fixtures.ts';
import { fhirFormatter } from './formatters/fhir.ts';
import { pauseDestination, resumeDestination } from './ops.ts';
import { createFormatterRegistry } from './formatters/formatter.ts';
import { startReceiver } from './test-receiver.ts';
import { startDeliveryWorker } from './worker.ts';

const urlArg = process.argv.indexOf('--database-url');
const databaseUrl = urlArg > 0 ? process.argv[urlArg + 1] : undefined;
const REFERRALS = 100;
const BURST_PER_REFERRAL = 5;
const LATENCY_EVENTS = 200;

const db: Db = databaseUrl ? await openDb({ databaseUrl, schema: `rb_bench_${String(process.pid)}` }) : await openDb();
const repo = createRepository(db);
const receiver = await startReceiver(() => ({ status: 200 }));
const hsa = 'SE2321000016-BENCH';
await upsertDestination(db, { destination: hsa, kind: 'fhir', url: receiver.url });
const referrals: string[] = [];
for (let i = 0; i < REFERRALS; i++) {
  referrals.push((await seedReferral(repo, { providerHsa: hsa, referrerHsa: 'SE2321000016-VC01' })).serviceRequest.id ?? '');
}
const worker = startDeliveryWorker({
  repo,
  destinations: dbDestinationStore(db),
  formatters: createFormatterRegistry([fhirFormatter]),
  logger: pino({ level: 'silent' }),
  concurrency: 16,
  pollIntervalMs: 5,
});

async function pending(): Promise<number> {
  const rows = await db.query<{ n: unknown }>("SELECT count(*) AS n FROM outbox WHERE status = 'pending'");
  return Number(rows[0]?.n);
}

// (1) Burst: queued while the destination is paused, then released at once.
await pauseDestination(db, hsa, new Date());
const append = async (sr: string): Promise<number> => appendOutbox(db, { destination: hsa, eventType: 'referral.updated', aggregateKey: sr, payload: { serviceRequestId: sr } });
for (let n = 0; n < BURST_PER_REFERRAL; n++) {
  for (const sr of referrals) {
    await append(sr);
  }
}
const burst = REFERRALS * BURST_PER_REFERRAL;
const t0 = performance.now();
await resumeDestination(db, hsa);
worker.wake();
while ((await pending()) > 0) {
  await new Promise((resolve) => setTimeout(resolve, 2));
}
const seconds = (performance.now() - t0) / 1000;

// (2) Latency at a steady rate (one event every 10 ms, round-robin over referrals).
const ids: number[] = [];
for (let i = 0; i < LATENCY_EVENTS; i++) {
  ids.push(await append(referrals[i % REFERRALS] ?? ''));
  worker.wake();
  await new Promise((resolve) => setTimeout(resolve, 10));
}
while ((await pending()) > 0) {
  await new Promise((resolve) => setTimeout(resolve, 5));
}
const rows = await db.query<{ ms: unknown }>('SELECT EXTRACT(EPOCH FROM (delivered_at - created)) * 1000 AS ms FROM outbox WHERE id = ANY($1::bigint[]) ORDER BY 1', [ids.map(String)]);
const ms = rows.map((r) => Number(r.ms));
const pct = (p: number): number => ms[Math.min(ms.length - 1, Math.floor(ms.length * p))] ?? NaN;

await worker.stop();
await receiver.close();
if (databaseUrl) {
  await db.query(`DROP SCHEMA rb_bench_${String(process.pid)} CASCADE`);
}
await db.close();
process.stdout.write(
  `driver=${databaseUrl ? 'postgres' : 'pglite'} burst=${String(burst)} events in ${seconds.toFixed(2)} s → ${(burst / seconds).toFixed(0)} events/s (FHIR transaction of ~6 resources each, concurrency 16)\n` +
    `latency (submit → acknowledged, ${String(LATENCY_EVENTS)} events at 100/s): p50 ${pct(0.5).toFixed(1)} ms, p99 ${pct(0.99).toFixed(1)} ms, requests received ${String(receiver.requests.length)}\n`,
);
