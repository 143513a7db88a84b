/**
 * `npm run bench:store`: what storing one referral costs in the store, side by side in one run, on fresh in-memory
 * PGlite databases (or PostgreSQL with BENCH_DATABASE_URL, one schema per row):
 *   - `createMany`: the bundle's 12 resources and the Task in ONE statement (what submit does);
 *   - baseline `create` × 13: one statement per resource, in one transaction (what submit did before);
 *   - `createMany` with the foreign keys of migration 0001 put back on the index tables (before 0003), to show the
 *     slowdown that grows with the table.
 * Each row stores BENCH_REFERRALS referrals (default 2,000) in batches of 250 and reports ms per referral: the
 * median over all, the first batch and the last batch. Writes a markdown table into docs/benchmarks.md between
 * the `bench:store` markers. Not a test: no assertions.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { Db, Repository } from '../src/store/index.ts';
import { createRepository, openDb } from '../src/store/index.ts';
import { resolveBundle } from '../src/workflow/bundle.ts';
import { writeSection } from './report.ts';

const REFERRALS = Number(process.env.BENCH_REFERRALS ?? '2000');
const BATCH = 250;
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? '';
const EXAMPLE = JSON.parse(await readFile('profiles/package/example/Bundle-ex-valid-f32-1-depression-kbt.json', 'utf8')) as Bundle;

/** The example referral with fresh ids and a fresh remiss-id, plus its Task: 13 resources. */
function referral(n: number): Resource[] {
  const resolved = resolveBundle(EXAMPLE, () => randomUUID()).map((e) => e.resource);
  const sr = resolved.find((r) => r.resourceType === 'ServiceRequest');
  if (sr?.resourceType === 'ServiceRequest' && sr.identifier?.[0]) {
    sr.identifier[0] = { ...sr.identifier[0], value: `SE2321000016-E1LM#BENCH-${String(n)}` };
  }
  const task: Resource = { resourceType: 'Task', status: 'requested', intent: 'order', focus: { reference: `ServiceRequest/${sr?.id ?? ''}` } };
  return [...resolved, task];
}

const CTX = { actor: { org: 'SE2321000016-E1LM', user: 'SE2321000016-R100' }, orgs: { requesterOrg: 'SE2321000016-E1LM', ownerOrg: 'SE2321000016-P4MA' } };

type Store = (repo: Repository, resources: Resource[]) => Promise<unknown>;

const ROWS: readonly { name: string; store: Store; setup?: string }[] = [
  { name: 'createMany: 13 resources in one statement (submit today)', store: (repo, rs) => repo.transaction((tx) => tx.createMany(rs, CTX)) },
  {
    name: 'baseline: create × 13 in one transaction (one statement per resource)',
    store: (repo, rs) =>
      repo.transaction(async (tx) => {
        for (const r of rs) {
          await tx.create(r, CTX, r.id ? { id: r.id } : {});
        }
      }),
  },
  {
    name: 'createMany with the index-table foreign keys of 0001 (before 0003)',
    store: (repo, rs) => repo.transaction((tx) => tx.createMany(rs, CTX)),
    setup: `ALTER TABLE resource_tokens ADD FOREIGN KEY (resource_type, id) REFERENCES resources (resource_type, id) ON DELETE CASCADE;
            ALTER TABLE resource_refs ADD FOREIGN KEY (resource_type, id) REFERENCES resources (resource_type, id) ON DELETE CASCADE;`,
  },
];

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

async function open(i: number): Promise<{ db: Db; dispose: () => Promise<void> }> {
  if (!DATABASE_URL) {
    const db = await openDb({});
    return { db, dispose: () => db.close() };
  }
  const schema = `rb_bench_store_${String(process.pid)}_${String(i)}`;
  const db = await openDb({ databaseUrl: DATABASE_URL, schema });
  return {
    db,
    dispose: async () => {
      await db.query(`DROP SCHEMA ${schema} CASCADE`);
      await db.close();
    },
  };
}

async function main(): Promise<void> {
  const lines: string[] = [];
  for (const [i, row] of ROWS.entries()) {
    const { db, dispose } = await open(i);
    if (row.setup) {
      await db.exec(row.setup);
    }
    const repo = createRepository(db);
    for (let n = 0; n < 20; n++) {
      await row.store(repo, referral(-n - 1)); // warm-up
    }
    const all: number[] = [];
    const batches: number[] = [];
    for (let b = 0; b < REFERRALS / BATCH; b++) {
      const times: number[] = [];
      for (let n = 0; n < BATCH; n++) {
        const resources = referral(b * BATCH + n);
        const t0 = performance.now();
        await row.store(repo, resources);
        times.push(performance.now() - t0);
      }
      all.push(...times);
      batches.push(median(times));
    }
    await dispose();
    const line = `| ${row.name} | ${median(all).toFixed(2)} | ${(batches[0] ?? NaN).toFixed(2)} | ${(batches.at(-1) ?? NaN).toFixed(2)} |`;
    process.stderr.write(`${line}\n`);
    lines.push(line);
  }
  const base = Number(/\| ([\d.]+) \|/.exec(lines[1] ?? '')?.[1]);
  const now = Number(/\| ([\d.]+) \|/.exec(lines[0] ?? '')?.[1]);
  const table = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${String(cpus().length)} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ` +
      `${DATABASE_URL ? 'PostgreSQL on loopback' : 'PGlite in memory'}, load average ${loadavg()[0]?.toFixed(1) ?? '?'} at the end, ` +
      `${String(REFERRALS)} referrals of 13 resources per row (batches of ${String(BATCH)}). Command: \`npm run bench:store\`.`,
    '',
    '| how a referral is stored | ms/referral median | first batch | last batch |',
    '|---|---:|---:|---:|',
    ...lines,
    '',
    `One statement instead of thirteen: ${(base / now).toFixed(1)}× faster per referral (median).`,
  ].join('\n');
  process.stdout.write(`${table}\n`);
  await writeSection(DATABASE_URL ? 'bench:store:postgres' : 'bench:store', `Store writes${DATABASE_URL ? ' on PostgreSQL' : ''} (\`npm run bench:store\`)`, table);
}

await main();
