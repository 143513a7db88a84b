/**
 * `npm run bench:server`: autocannon on loopback against an in-process server (in a worker thread of this process;
 * PGlite in memory; the real composition: IG, validator, workflow), side by side with a bare express app in
 * the same run: a constant route (the framework ceiling for GETs) and a route that only parses the same JSON
 * body (the ceiling for submits). Prints a markdown table and writes it into docs/benchmarks.md between the
 * `bench:server` markers. BENCH_SECONDS (default 10) and BENCH_CONNECTIONS (default 10) tune the run;
 * BENCH_DATABASE_URL measures on PostgreSQL instead of PGlite (own section).
 */
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import { Worker } from 'node:worker_threads';
import type { Bundle, ServiceRequest } from '@medplum/fhirtypes';
import { writeSection } from './report.ts';

/** The IG's example referral with a fresh referral id: every submit is a new referral through the real rules. */
const EXAMPLE = await readFile('profiles/package/example/Bundle-ex-valid-f32-1-depression-kbt.json', 'utf8');
function referral(localId: string): string {
  const bundle = JSON.parse(EXAMPLE) as Bundle;
  const sr = bundle.entry?.find((e) => e.resource?.resourceType === 'ServiceRequest')?.resource as ServiceRequest;
  const id = sr.identifier?.[0];
  if (id) id.value = `SE2321000016-E1LM#${localId}`;
  return JSON.stringify(bundle);
}
const VC = { 'X-Org-Id': 'SE2321000016-E1LM', 'X-User-Id': 'SE2321000016-R100', 'X-Roles': 'referrer' };
const PROVIDER = { 'X-Org-Id': 'SE2321000016-P4MA', 'X-User-Id': 'SE2321000016-T400', 'X-Roles': 'provider' };

const SECONDS = Number(process.env.BENCH_SECONDS ?? '10');
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? '10');
/** A PostgreSQL URL to measure the server on real PostgreSQL instead of PGlite (an empty, disposable database). */
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? '';

interface Row {
  readonly name: string;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

async function run(name: string, opts: autocannon.Options): Promise<Row> {
  const r = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts });
  const row = { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.non2xx + r.errors + r.timeouts };
  process.stderr.write(`${name}: ${row.rps.toFixed(0)} req/s p50 ${row.p50} ms p99 ${row.p99} ms errors ${row.errors}\n`);
  return row;
}

async function main(): Promise<void> {
  const worker = new Worker(new URL('./server-worker.ts', import.meta.url), { workerData: { databaseUrl: DATABASE_URL } });
  const { origin, baseline: baseUrl } = await new Promise<{ origin: string; baseline: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const server = { origin };
  const fhir = `${server.origin}/fhir`;
  const vc = { 'Content-Type': 'application/fhir+json', ...VC };
  const provider = PROVIDER;

  // 100 referrals for one provider, so the Task search returns full pages.
  for (let i = 0; i < 100; i++) {
    const res = await fetch(fhir, { method: 'POST', headers: vc, body: referral(`SEED-${String(process.pid)}-${String(i)}`) });
    if (res.status !== 201) {
      throw new Error(`seed: HTTP ${String(res.status)} ${await res.text()}`);
    }
  }
  const one = (await (await fetch(`${fhir}/Task?_count=1`, { headers: provider })).json()) as { entry?: { resource?: { id?: string } }[] };
  const taskId = one.entry?.[0]?.resource?.id ?? '';
  const sample = referral('SAMPLE');
  let n = 0;
  const submitRequest = { method: 'POST' as const, path: '/fhir', headers: vc, setupRequest: (req: autocannon.Request): autocannon.Request => ({ ...req, body: referral(`B-${String(process.pid)}-${String(n++)}`) }) };

  const rows: Row[] = [];
  rows.push(await run('baseline: express constant GET', { url: `${baseUrl}/constant` }));
  rows.push(await run('GET /fhir/metadata', { url: `${fhir}/metadata` }));
  rows.push(await run('GET /fhir/Task?status=requested (20 of 100, audited)', { url: `${fhir}/Task?status=requested`, headers: provider }));
  rows.push(await run('GET /fhir/Task/:id (audited)', { url: `${fhir}/Task/${taskId}`, headers: provider }));
  rows.push(await run('baseline: express JSON parse of the referral', { url: `${baseUrl}/parse`, method: 'POST', headers: { 'Content-Type': 'application/json' }, body: sample }));
  rows.push(await run('POST /fhir referral (validate + store, new id each)', { url: server.origin, requests: [submitRequest] }));
  const paced = await run('POST /fhir referral at 200 req/s', { url: server.origin, requests: [submitRequest], overallRate: 200 });
  rows.push(paced);

  const ref = (name: string): Row | undefined => rows.find((r) => r.name.startsWith(name));
  const ratio = (row: Row): string => {
    const b = row.name.startsWith('POST') ? ref('baseline: express JSON') : ref('baseline: express constant');
    return b && !row.name.startsWith('baseline') ? `${((row.rps / b.rps) * 100).toFixed(0)} %` : '';
  };
  const table = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${String(cpus().length)} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${DATABASE_URL ? 'PostgreSQL on loopback (pg pool 10)' : 'PGlite in memory'}, ` +
      `${String(CONNECTIONS)} connections × ${String(SECONDS)} s per row, AUTH_MODE=dev, LOG_LEVEL=silent. Command: \`npm run bench:server\`.`,
    '',
    '| route | req/s | p50 ms | p99 ms | non-2xx/errors | throughput vs baseline |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.name} | ${r.rps.toFixed(0)} | ${String(r.p50)} | ${String(r.p99)} | ${String(r.errors)} | ${ratio(r)} |`),
  ].join('\n');
  process.stdout.write(`${table}\n`);

  await writeSection(
    DATABASE_URL ? 'bench:server:postgres' : 'bench:server',
    DATABASE_URL ? 'Server on PostgreSQL (`BENCH_DATABASE_URL=… npm run bench:server`)' : 'Server (`npm run bench:server`)',
    table,
  );
  worker.postMessage('stop');
  await new Promise((resolve) => worker.once('message', resolve));
  await worker.terminate();
}

await main();
