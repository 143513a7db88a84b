import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { upsertDestination } from '../../deliver/destinations.ts';
import { claimDue, markFailed } from '../../deliver/queue.ts';
import { appendOutbox, getOutbox, openDb } from '../../store/index.ts';
import { buildProgram } from '../main.ts';

const HSA = 'SE2321000016-PCLI1';

describe('remissbrygga outbox (PGlite data directory)', () => {
  let dir: string;
  let deadId: number;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rb-outbox-cli-'));
    const db = await openDb({ dataDir: join(dir, 'db') });
    try {
      await upsertDestination(db, { destination: HSA, kind: 'webhook', url: 'http://127.0.0.1:9/hook' });
      deadId = await appendOutbox(db, { destination: HSA, eventType: 'referral.created', aggregateKey: 'sr-1', payload: { serviceRequestId: 'sr-1' } });
      const now = new Date(Date.now() + 1000);
      await claimDue(db, 'w', HSA, 1, now, 60_000);
      await markFailed(db, deadId, 'w', { at: now, error: 'HTTP 500; max attempts (8) reached' });
      await appendOutbox(db, { destination: HSA, eventType: 'task.status-changed', aggregateKey: 'sr-2', payload: {} });
    } finally {
      await db.close();
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function run(...args: string[]): Promise<string> {
    const out: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    try {
      await buildProgram().parseAsync(['node', 'remissbrygga', 'outbox', ...args, '--data-dir', join(dir, 'db')]);
    } finally {
      spy.mockRestore();
    }
    return out.join('');
  }

  test('list, dead, pause, resume, reprocess', async () => {
    expect(await run('list')).toMatch(new RegExp(`${HSA}  pending=1 due=1 in-flight=0 dead=1 oldest=\\d+s`));
    expect(await run('dead')).toContain(`${String(deadId)}  ${HSA}  referral.created  attempts=1  HTTP 500; max attempts (8) reached`);
    expect(await run('pause', HSA)).toBe(`paused ${HSA}\n`);
    expect(await run('list')).toContain('PAUSED');
    expect(await run('resume', HSA)).toBe(`resumed ${HSA}\n`);
    expect(JSON.parse(await run('reprocess', String(deadId), '--json'))).toEqual({ requeued: [deadId] });
    expect(await run('dead')).toBe('no dead letters\n');
    const db = await openDb({ dataDir: join(dir, 'db') });
    try {
      expect((await getOutbox(db, deadId))?.status).toBe('pending');
    } finally {
      await db.close();
    }
  });
});
