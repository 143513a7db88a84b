import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import pino from 'pino';
import { Registry } from 'prom-client';
import type { Db } from '../store/index.ts';
import { createRepository } from '../store/index.ts';
import { testDrivers, uniqueSuffix } from '../store/testing.ts';
import { acquireJobLock } from './lock.ts';
import { createJobMetrics } from './metrics.ts';
import type { JobDefinition } from './runner.ts';
import { createJob } from './runner.ts';

const logger = pino({ level: 'silent' });

/** A job whose run waits until the test opens the gate. */
function gatedJob(name: string): { def: JobDefinition; started: Promise<void>; open: () => void; runs: () => number } {
  let open = (): void => undefined;
  let markStarted = (): void => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  let runs = 0;
  return {
    def: {
      name,
      schedule: '0 3 * * *',
      async run() {
        runs++;
        markStarted();
        await gate;
        return { done: true };
      },
    },
    started,
    open: () => {
      open();
    },
    runs: () => runs,
  };
}

for (const driver of testDrivers(process.env['TEST_DATABASE_URL'])) {
  describe(`job runner (${driver.name})`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await driver.open();
    });
    afterAll(async () => {
      await db.close();
      await driver.dispose();
    });

    test('overlap prevention: a second run while one is running is skipped', async () => {
      const g = gatedJob(`overlap-${uniqueSuffix()}`);
      const registry = new Registry();
      const job = createJob(g.def, { repo: createRepository(db), logger, metrics: createJobMetrics(registry) });
      const first = job.runOnce(new Date());
      await g.started;
      expect(await job.runOnce(new Date())).toEqual({ outcome: 'skipped', reason: 'overlap' });
      g.open();
      expect(await first).toEqual({ outcome: 'ok', detail: { done: true } });
      expect(g.runs()).toBe(1);
      const text = await registry.metrics();
      expect(text).toContain(`rb_job_runs_total{job="${g.def.name}",outcome="skipped"} 1`);
      expect(text).toContain(`rb_job_runs_total{job="${g.def.name}",outcome="ok"} 1`);
      const runs = await db.query<{ outcome: string; detail: unknown }>('SELECT outcome, detail FROM job_runs WHERE name = $1', [g.def.name]);
      expect(runs).toEqual([{ outcome: 'ok', detail: { done: true } }]);
    });

    test('single runner across instances: another instance skips while the lease is held', async () => {
      const name = `single-${uniqueSuffix()}`;
      const g = gatedJob(name);
      const peer = await driver.peer(db);
      try {
        const a = createJob(g.def, { repo: createRepository(db), logger, runnerId: 'instance-a' });
        const b = createJob({ ...g.def }, { repo: createRepository(peer), logger, runnerId: 'instance-b' });
        const first = a.runOnce(new Date());
        await g.started;
        expect(await b.runOnce(new Date())).toEqual({ outcome: 'skipped', reason: 'other-instance' });
        g.open();
        await first;
        expect((await b.runOnce(new Date())).outcome).toBe('ok'); // lease released after the run
      } finally {
        await peer.close();
      }
    });

    test('a crashed runner’s lease runs out; a failing run is recorded and releases the lease', async () => {
      const name = `crash-${uniqueSuffix()}`;
      const now = new Date();
      expect(await acquireJobLock(db, name, 'dead-instance', now, 60_000)).toBe(true);
      let calls = 0;
      const job = createJob(
        {
          name,
          schedule: '*/5 * * * *',
          run() {
            calls++;
            return Promise.reject(new Error('boom'));
          },
        },
        { repo: createRepository(db), logger },
      );
      expect(await job.runOnce(new Date(now.getTime() + 1000))).toEqual({ outcome: 'skipped', reason: 'other-instance' });
      expect(await job.runOnce(new Date(now.getTime() + 61_000))).toEqual({ outcome: 'failed', error: 'boom' });
      expect(await job.runOnce(new Date(now.getTime() + 62_000))).toEqual({ outcome: 'failed', error: 'boom' });
      expect(calls).toBe(2);
      const runs = await db.query<{ outcome: string }>('SELECT outcome FROM job_runs WHERE name = $1 ORDER BY id', [name]);
      expect(runs.map((r) => r.outcome)).toEqual(['failed', 'failed']);
    });

    test('start schedules the job with node-cron; stop ends it', async () => {
      let ran = (): void => undefined;
      const happened = new Promise<void>((resolve) => (ran = resolve));
      const job = createJob(
        {
          name: `cron-${uniqueSuffix()}`,
          schedule: '* * * * * *',
          run() {
            ran();
            return Promise.resolve({});
          },
        },
        { repo: createRepository(db), logger },
      );
      job.start();
      await happened;
      await job.stop();
      expect(() => createJob({ name: 'bad', schedule: 'every day', run: () => Promise.resolve({}) }, { repo: createRepository(db), logger })).toThrow('invalid cron schedule');
    });
  });
}
