import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getStatus, OperationOutcomeError } from '../fhir/outcomes.ts';
import type { Db } from '../store/index.ts';
import { appendOutbox, getOutbox } from '../store/index.ts';
import { testDrivers, uniqueSuffix } from '../store/testing.ts';
import { createDeliveryAdminRouter } from './admin-router.ts';
import { removeDestination, upsertDestination } from './destinations.ts';
import { isPaused } from './ops.ts';
import { claimDue, markFailed } from './queue.ts';

for (const driver of testDrivers(process.env['TEST_DATABASE_URL'])) {
  describe(`delivery admin router (${driver.name})`, () => {
    let db: Db;
    let server: Server;
    let base: string;
    let changes = 0;
    const hsa = `SE2321000016-P${uniqueSuffix()}`;

    beforeAll(async () => {
      db = await driver.open();
      await upsertDestination(db, { destination: hsa, kind: 'webhook', url: 'http://127.0.0.1:9/hook', headers: { Authorization: 'Bearer secret-token' } });
      const app = express();
      app.use(
        '/admin/delivery',
        createDeliveryAdminRouter({
          db,
          actorOf: (req) => ({ userId: 'ops-user', roles: (req.header('x-roles') ?? '').split(',') }),
          onChange: () => changes++,
        }),
      );
      // Stand-in for the server's one error handler: OperationOutcome with its status.
      // Express recognises an error handler by its four parameters.
      app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
        if (err instanceof OperationOutcomeError) {
          res.status(getStatus(err.outcome)).json(err.outcome);
        } else {
          res.status(500).json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception' }] });
        }
      });
      server = app.listen(0, '127.0.0.1');
      await new Promise<void>((resolve) => server.once('listening', resolve));
      base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/admin/delivery`;
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      await removeDestination(db, hsa);
      await db.close();
      await driver.dispose();
    });

    const call = async (method: string, path: string, body?: unknown, roles = 'admin'): Promise<{ status: number; json: Record<string, unknown> }> => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { 'x-roles': roles, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };

    test('requires the admin role', async () => {
      const res = await call('GET', '/queues', undefined, 'provider');
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.json)).toContain('DELIVER-ADMIN-ROLE');
    });

    test('queues, dead letters, attempts, reprocess, pause and resume', async () => {
      const now = new Date(Date.now() + 1000);
      const id = await appendOutbox(db, { destination: hsa, eventType: 'referral.created', aggregateKey: `sr-${uniqueSuffix()}`, payload: {} });
      await claimDue(db, 'w', hsa, 1, now, 60_000);
      await markFailed(db, id, 'w', { at: now, httpStatus: 500, error: 'HTTP 500; max attempts (1) reached' });

      const queues = await call('GET', '/queues');
      expect(queues.status).toBe(200);
      expect((queues.json['queues'] as { destination: string; dead: number }[]).find((q) => q.destination === hsa)?.dead).toBe(1);

      const dests = await call('GET', '/destinations');
      expect(JSON.stringify(dests.json)).not.toContain('secret-token');
      expect(JSON.stringify(dests.json)).toContain('Authorization');

      const dead = await call('GET', `/dead?destination=${hsa}`);
      expect((dead.json['events'] as { id: number; lastError: string }[]).map((e) => [e.id, e.lastError])).toEqual([[id, 'HTTP 500; max attempts (1) reached']]);
      const attempts = await call('GET', `/events/${String(id)}/attempts`);
      expect((attempts.json['attempts'] as { httpStatus: number }[]).map((a) => a.httpStatus)).toEqual([500]);

      expect((await call('POST', '/reprocess', { ids: [id] })).json).toEqual({ requeued: [id] });
      expect((await getOutbox(db, id))?.status).toBe('pending');
      expect((await call('POST', '/reprocess', { ids: ['x'] })).status).toBe(400);
      expect((await call('POST', '/reprocess', { ids: [1], all: true })).status).toBe(400);

      expect((await call('POST', `/destinations/${hsa}/pause`)).json).toEqual({ destination: hsa, paused: true });
      expect(await isPaused(db, hsa)).toBe(true);
      expect((await call('POST', `/destinations/${hsa}/resume`)).json).toEqual({ destination: hsa, paused: false });
      expect(await isPaused(db, hsa)).toBe(false);
      expect((await call('POST', `/destinations/${hsa}/resume`)).status).toBe(404);
      expect(changes).toBe(2);
    });
  });
}
