import { setTimeout as sleep } from 'node:timers/promises';
import { getStatus, OperationOutcomeError } from '@medplum/core';
import type { AuditEvent, ServiceRequest } from '@medplum/fhirtypes';
import { RB_ISSUE_SYSTEM } from '../fhir/outcomes.ts';
import type { Db } from './db.ts';
import { patientFixture, referralFixture, REMISS_ID_SYSTEM, taskFixture } from './fixtures.ts';
import { claimOutbox, completeOutbox, failOutbox, getOutbox, listOutbox } from './outbox.ts';
import type { Repository } from './repository.ts';
import { createRepository } from './repository.ts';
import { testDrivers, uniqueSuffix } from './testing.ts';

/** The OperationOutcomeError a promise rejects with (fails the test if it resolves or throws something else). */
async function outcomeOf(p: Promise<unknown>): Promise<OperationOutcomeError> {
  const err: unknown = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof OperationOutcomeError)) {
    throw new Error(`expected an OperationOutcomeError, got ${String(err)}`);
  }
  return err;
}

describe.each(testDrivers(process.env.TEST_DATABASE_URL))('store on $name', (driver) => {
  let db: Db;
  let peer: Db;
  let repo: Repository;

  beforeAll(async () => {
    db = await driver.open();
    peer = await driver.peer(db);
    repo = createRepository(db);
  });

  afterAll(async () => {
    await peer.close();
    await db.close();
    await driver.dispose();
  });

  function newReferral(s = uniqueSuffix()): ServiceRequest {
    return referralFixture({ remissId: `SE2321000016-F835#${s}`, providerHsa: `SE-PROV-${s}`, patientId: `p-${s}` });
  }

  test('create assigns id, versionId 1 and lastUpdated; read returns the stored resource', async () => {
    const before = Date.now();
    const created = await repo.create(newReferral(), { actor: { org: 'SE-VC-1', user: 'u1' } });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.meta?.versionId).toBe('1');
    expect(Date.parse(created.meta?.lastUpdated ?? '')).toBeGreaterThanOrEqual(before - 5);
    expect(await repo.read('ServiceRequest', created.id ?? '')).toEqual(created);
  });

  test('create with a taken id is a 409 conflict', async () => {
    const id = `fixed-${uniqueSuffix()}`;
    await repo.create(newReferral(), {}, { id });
    const err = await outcomeOf(repo.create(newReferral(), {}, { id }));
    expect(getStatus(err.outcome)).toBe(409);
  });

  test('createMany stores every resource with its index rows and history in one call, with the given or new ids', async () => {
    const s = uniqueSuffix();
    const srId = `sr-${s}`;
    const [sr, patient, task] = await repo.createMany(
      [{ ...newReferral(s), id: srId }, patientFixture(`19121212${s.slice(-4).padStart(4, '0')}`), taskFixture(srId, `SE-PROV-${s}`)],
      { actor: { org: 'SE-VC-1', user: 'u1' }, orgs: { requesterOrg: 'SE-VC-1' } },
    );
    expect(sr?.id).toBe(srId);
    expect(patient?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect([sr, patient, task].map((r) => r?.meta?.versionId)).toEqual(['1', '1', '1']);
    expect(new Set([sr, patient, task].map((r) => r?.meta?.lastUpdated)).size).toBe(1);
    // Token index, reference index (for _include), org scope and history, as `create` writes them.
    expect((await repo.findByIdentifier('ServiceRequest', REMISS_ID_SYSTEM, `SE2321000016-F835#${s}`)).map((r) => r.id)).toEqual([srId]);
    const found = await repo.search('Task', { focus: `ServiceRequest/${srId}`, _include: 'Task:focus' }, { orgScope: { requesterOrg: 'SE-VC-1' } });
    expect(found.resources.map((r) => r.id)).toEqual([task?.id]);
    expect(found.included.map((r) => r.id)).toEqual([srId]);
    await expect(repo.read('Task', task?.id ?? '', { orgScope: { ownerOrg: `SE-PROV-${s}` } })).resolves.toMatchObject({ id: task?.id });
    expect((await repo.history('Patient', patient?.id ?? '')).map((h) => h.actor)).toEqual([{ org: 'SE-VC-1', user: 'u1' }]);
  });

  test('createMany is all or none: one taken id → 409 naming it, and nothing of the call is stored', async () => {
    const s = uniqueSuffix();
    const taken = await repo.create(newReferral(), {}, { id: `taken-${s}` });
    const err = await outcomeOf(repo.createMany([{ ...newReferral(s), id: `fresh-${s}` }, { ...newReferral(), id: taken.id }], {}));
    expect(getStatus(err.outcome)).toBe(409);
    expect(err.outcome.issue[0]?.details?.text).toContain(`ServiceRequest/taken-${s}`);
    expect(getStatus((await outcomeOf(repo.read('ServiceRequest', `fresh-${s}`))).outcome)).toBe(404);
    expect(await repo.findByIdentifier('ServiceRequest', REMISS_ID_SYSTEM, `SE2321000016-F835#${s}`)).toEqual([]);
    expect(await repo.read('ServiceRequest', taken.id ?? '')).toEqual(taken);
    // The same id twice in one call is refused too (not silently one of them).
    const twice = await outcomeOf(repo.createMany([{ ...newReferral(), id: `twice-${s}` }, { ...newReferral(), id: `twice-${s}` }], {}));
    expect(getStatus(twice.outcome)).toBe(409);
    expect(getStatus((await outcomeOf(repo.read('ServiceRequest', `twice-${s}`))).outcome)).toBe(404);
  });

  test('update replaces the index rows: the old identifier and reference no longer match, the new ones do', async () => {
    const s = uniqueSuffix();
    const v1 = await repo.create(taskFixture(`old-${s}`, `SE-PROV-${s}`), {});
    await repo.update({ ...v1, identifier: [{ system: REMISS_ID_SYSTEM, value: `new-${s}` }], focus: { reference: `ServiceRequest/new-${s}` } }, {});
    expect(await repo.search('Task', { focus: `ServiceRequest/old-${s}` })).toMatchObject({ total: 0 });
    expect((await repo.search('Task', { focus: `ServiceRequest/new-${s}` })).resources.map((r) => r.id)).toEqual([v1.id]);
    expect((await repo.findByIdentifier('Task', REMISS_ID_SYSTEM, `new-${s}`)).map((r) => r.meta?.versionId)).toEqual(['2']);
  });

  test('recordEffects: the audit event, outbox events (in order) and the idempotency completion in one call, rolled back with the change', async () => {
    const s = uniqueSuffix();
    const key = `SE2321000016-F835#fx-${s}`;
    const audit: AuditEvent = {
      resourceType: 'AuditEvent',
      type: { code: 'rest' },
      recorded: new Date().toISOString(),
      action: 'C',
      outcome: '0',
      agent: [{ requestor: true, who: { identifier: { value: `user-${s}` } } }],
      source: { observer: { display: 'remissbrygga' } },
      entity: [{ what: { reference: `ServiceRequest/fx-${s}` } }],
    };
    const effects = {
      audit: { event: audit, ctx: { agentOrg: `SE-VC-${s}` } },
      outbox: [
        { destination: `SE-PROV-${s}`, eventType: 'referral.created', aggregateKey: `fx-${s}`, payload: { n: 1 } },
        { destination: `SE-PROV-${s}`, eventType: 'referral.updated', aggregateKey: `fx-${s}`, payload: { n: 2 } },
      ],
      idempotency: { system: REMISS_ID_SYSTEM, value: key, resourceIds: [`ServiceRequest/fx-${s}`], response: { ok: s } },
    };
    const recorded = await repo.transaction(async (tx) => {
      expect((await tx.claimIdempotency(REMISS_ID_SYSTEM, key)).claimed).toBe(true);
      return tx.recordEffects(effects);
    });
    expect(recorded.outboxIds).toHaveLength(2);
    expect((await listOutbox(db, `fx-${s}`)).map((e) => [e.id, e.payload])).toEqual([
      [recorded.outboxIds[0], { n: 1 }],
      [recorded.outboxIds[1], { n: 2 }],
    ]);
    expect((await repo.searchAudit({ agentOrg: `SE-VC-${s}` })).events.map((e) => e.id)).toEqual([recorded.audit?.id]);
    const again = await repo.transaction((tx) => tx.claimIdempotency(REMISS_ID_SYSTEM, key));
    expect(again).toMatchObject({ claimed: false, existing: { completed: true, response: { ok: s }, resourceIds: [`ServiceRequest/fx-${s}`] } });

    // In a transaction that fails afterwards, none of it stays.
    const t = uniqueSuffix();
    await expect(
      repo.transaction(async (tx) => {
        await tx.recordEffects({ ...effects, audit: { event: audit, ctx: { agentOrg: `SE-VC-${t}` } }, outbox: [{ destination: `SE-PROV-${s}`, eventType: 'referral.created', aggregateKey: `fx-${t}`, payload: {} }] });
        throw new Error('after the effects');
      }),
    ).rejects.toThrow('after the effects');
    expect(await listOutbox(db, `fx-${t}`)).toEqual([]);
    expect((await repo.searchAudit({ agentOrg: `SE-VC-${t}` })).total).toBe(0);
  });

  test('read of an unknown id is a 404 outcome with an rb-issue code', async () => {
    const err = await outcomeOf(repo.read('ServiceRequest', 'does-not-exist'));
    expect(getStatus(err.outcome)).toBe(404);
    expect(err.outcome.issue[0]?.details?.coding?.[0]).toEqual({ system: RB_ISSUE_SYSTEM, code: 'STORE-NOT-FOUND' });
  });

  test('update bumps the version; vread returns each version; If-Match mismatch is a 412 and changes nothing', async () => {
    const v1 = await repo.create(newReferral(), {});
    const v2 = await repo.update({ ...v1, status: 'on-hold' }, {}, { ifMatch: 'W/"1"' });
    expect(v2.meta?.versionId).toBe('2');
    const err = await outcomeOf(repo.update({ ...v1, status: 'revoked' }, {}, { ifMatch: 'W/"1"' }));
    expect(getStatus(err.outcome)).toBe(412);
    expect(err.outcome.issue[0]?.details?.coding?.[0]?.code).toBe('STORE-VERSION-CONFLICT');
    expect((await repo.read('ServiceRequest', v1.id ?? '')).status).toBe('on-hold');
    expect((await repo.vread('ServiceRequest', v1.id ?? '', '1')).status).toBe('active');
    expect((await repo.vread('ServiceRequest', v1.id ?? '', '2')).status).toBe('on-hold');
    expect(getStatus((await outcomeOf(repo.vread('ServiceRequest', v1.id ?? '', '3'))).outcome)).toBe(404);
  });

  test('update of a missing resource is a 404', async () => {
    const err = await outcomeOf(repo.update({ ...newReferral(), id: 'nope' }, {}));
    expect(getStatus(err.outcome)).toBe(404);
  });

  test('two concurrent updates with the same If-Match: exactly one wins', async () => {
    const v1 = await repo.create(newReferral(), {});
    const other = createRepository(peer);
    const results = await Promise.allSettled([
      repo.update({ ...v1, status: 'on-hold' }, {}, { ifMatch: '1' }),
      other.update({ ...v1, status: 'revoked' }, {}, { ifMatch: '1' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await repo.read('ServiceRequest', v1.id ?? '')).meta?.versionId).toBe('2');
  });

  test('history lists every version newest first with who wrote it; history rows are immutable', async () => {
    const v1 = await repo.create(newReferral(), { actor: { org: 'SE-VC-1', user: 'remittent' } });
    await repo.update({ ...v1, status: 'on-hold' }, { actor: { org: 'SE-PROV', user: 'terapeut' } });
    const history = await repo.history('ServiceRequest', v1.id ?? '');
    expect(history.map((h) => [h.resource.meta?.versionId, h.resource.status, h.actor.org, h.actor.user])).toEqual([
      ['2', 'on-hold', 'SE-PROV', 'terapeut'],
      ['1', 'active', 'SE-VC-1', 'remittent'],
    ]);
    await expect(db.query("UPDATE resource_history SET actor_org = 'x' WHERE id = $1", [v1.id])).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM resource_history WHERE id = $1', [v1.id])).rejects.toThrow(/append-only/);
  });

  test('a transaction stores referral, patient, task and outbox event together', async () => {
    const s = uniqueSuffix();
    const result = await repo.transaction(async (tx) => {
      const patient = await tx.create(patientFixture(`1990${s}`), {});
      const sr = await tx.create(referralFixture({ remissId: `VC#${s}`, providerHsa: `P-${s}`, patientId: patient.id ?? '' }), {});
      const task = await tx.create(taskFixture(sr.id ?? '', `P-${s}`), {});
      const eventId = await tx.appendOutbox({ destination: `dest-${s}`, eventType: 'referral-created', aggregateKey: `VC#${s}`, payload: { task: task.id } });
      return { sr, task, eventId };
    });
    expect((await repo.read('Task', result.task.id ?? '')).focus?.reference).toBe(`ServiceRequest/${result.sr.id ?? ''}`);
    const events = await listOutbox(db, `VC#${s}`);
    expect(events.map((e) => [e.id, e.eventType, e.payload])).toEqual([[result.eventId, 'referral-created', { task: result.task.id }]]);
  });

  test('any error in a transaction leaves nothing: resources, index rows and outbox event are rolled back', async () => {
    const s = uniqueSuffix();
    const ids: string[] = [];
    const failing = repo.transaction(async (tx) => {
      const sr = await tx.create(referralFixture({ remissId: `VC#${s}`, providerHsa: `P-${s}`, patientId: `p-${s}` }), {});
      ids.push(sr.id ?? '');
      await tx.appendOutbox({ destination: 'd', eventType: 'referral-created', aggregateKey: `VC#${s}`, payload: {} });
      await tx.create(taskFixture(sr.id ?? '', `P-${s}`), {}, { id: 'dup' + s });
      await tx.create(taskFixture(sr.id ?? '', `P-${s}`), {}, { id: 'dup' + s }); // conflict: the last write fails
    });
    expect(getStatus((await outcomeOf(failing)).outcome)).toBe(409);
    expect(getStatus((await outcomeOf(repo.read('ServiceRequest', ids[0] ?? ''))).outcome)).toBe(404);
    expect(getStatus((await outcomeOf(repo.read('Task', 'dup' + s))).outcome)).toBe(404);
    expect(await repo.findByIdentifier('ServiceRequest', REMISS_ID_SYSTEM, `VC#${s}`)).toEqual([]);
    expect(await listOutbox(db, `VC#${s}`)).toEqual([]);
    expect(await db.query('SELECT 1 FROM resource_history WHERE id = $1', [ids[0]])).toEqual([]);
    expect(await db.query('SELECT 1 FROM resource_tokens WHERE id = $1', [ids[0]])).toEqual([]);
  });

  test('a thrown non-database error also rolls back', async () => {
    const s = uniqueSuffix();
    await expect(
      repo.transaction(async (tx) => {
        await tx.create(newReferral(s), {});
        throw new Error('validation failed after the first write');
      }),
    ).rejects.toThrow('validation failed');
    expect(await repo.findByIdentifier('ServiceRequest', REMISS_ID_SYSTEM, `SE2321000016-F835#${s}`)).toEqual([]);
  });

  test('a transaction failing with a serialization error is re-run', async () => {
    let attempts = 0;
    const result = await db.transaction(async (tx) => {
      attempts++;
      await tx.query('SELECT 1');
      if (attempts === 1) {
        throw Object.assign(new Error('could not serialize access'), { code: '40001' });
      }
      return 'done';
    });
    expect([result, attempts]).toEqual(['done', 2]);
  });

  test('a deadlock between two instances is resolved by re-running the victim', async () => {
    const table = `deadlock_probe_${uniqueSuffix()}`;
    await db.exec(`CREATE TABLE ${table} (k text PRIMARY KEY, n int NOT NULL); INSERT INTO ${table} VALUES ('a', 0), ('b', 0);`);
    let attempts = 0;
    const crosswise = (conn: Db, first: string, second: string): Promise<void> =>
      conn.transaction(async (tx) => {
        attempts++;
        await tx.query(`UPDATE ${table} SET n = n + 1 WHERE k = $1`, [first]);
        await sleep(100);
        await tx.query(`UPDATE ${table} SET n = n + 1 WHERE k = $1`, [second]);
      });
    await Promise.all([crosswise(db, 'a', 'b'), crosswise(peer, 'b', 'a')]);
    expect(await db.query(`SELECT k, n FROM ${table} ORDER BY k`)).toEqual([
      { k: 'a', n: 2 },
      { k: 'b', n: 2 },
    ]);
    // PostgreSQL aborts one of the two (40P01) and it runs again; PGlite runs them one after the other.
    expect(attempts).toBe(driver.name === 'postgres' ? 3 : 2);
  });

  test('idempotency: two concurrent intakes of the same referral identifier store it exactly once', async () => {
    const s = uniqueSuffix();
    const key = `SE2321000016-F835#${s}`;
    const intake = (r: Repository, holdMs: number): Promise<{ created: boolean; ids: readonly string[] }> =>
      r.transaction(async (tx) => {
        const claim = await tx.claimIdempotency(REMISS_ID_SYSTEM, key);
        if (!claim.claimed) {
          return { created: false, ids: claim.existing.resourceIds };
        }
        await sleep(holdMs); // keep the key held while the other intake arrives
        const sr = await tx.create(newReferral(s), {});
        const ids = [`ServiceRequest/${sr.id ?? ''}`];
        await tx.completeIdempotency(REMISS_ID_SYSTEM, key, { resourceIds: ids, response: { status: '201' } });
        return { created: true, ids };
      });
    const results = await Promise.all([intake(repo, 150), intake(createRepository(peer), 150)]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(results[0].ids).toEqual(results[1].ids);
    expect(await repo.findByIdentifier('ServiceRequest', REMISS_ID_SYSTEM, key)).toHaveLength(1);
  });

  test('idempotency claim is released when its transaction rolls back', async () => {
    const key = `K#${uniqueSuffix()}`;
    await expect(
      repo.transaction(async (tx) => {
        expect((await tx.claimIdempotency(REMISS_ID_SYSTEM, key)).claimed).toBe(true);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await repo.transaction((tx) => tx.claimIdempotency(REMISS_ID_SYSTEM, key))).claimed).toBe(true);
  });

  test('claimOutbox: two workers on two connections never claim the same event', async () => {
    const destination = `dest-${uniqueSuffix()}`;
    const due = new Date(Date.now() - 1000);
    const ids = await repo.transaction(async (tx) => {
      const out: number[] = [];
      for (let i = 0; i < 30; i++) {
        out.push(await tx.appendOutbox({ destination, eventType: 'e', aggregateKey: `ref-${i}`, payload: { i }, nextAttemptAt: due }));
      }
      return out;
    });
    const now = new Date();
    const work = async (conn: Db, worker: string): Promise<number[]> => {
      const mine: number[] = [];
      for (;;) {
        const batch = await claimOutbox(conn, worker, 3, now, { destination });
        if (batch.length === 0) {
          return mine;
        }
        mine.push(...batch.map((b) => b.id));
        expect(batch.every((b) => b.lockedBy === worker && b.attempts === 1)).toBe(true);
      }
    };
    const [a, b] = await Promise.all([work(db, 'worker-a'), work(peer, 'worker-b')]);
    expect([...a, ...b].sort((x, y) => x - y)).toEqual(ids);
    expect(a.filter((id) => b.includes(id))).toEqual([]);
  });

  test('claimOutbox keeps per-referral order, honours leases and records attempts', async () => {
    const destination = `dest-${uniqueSuffix()}`;
    const t0 = new Date(Date.now() - 1000);
    const first = await repo.appendOutbox({ destination, eventType: 'created', aggregateKey: 'R1', payload: {}, nextAttemptAt: t0 });
    const second = await repo.appendOutbox({ destination, eventType: 'updated', aggregateKey: 'R1', payload: {}, nextAttemptAt: t0 });
    const other = await repo.appendOutbox({ destination, eventType: 'created', aggregateKey: 'R2', payload: {}, nextAttemptAt: t0 });
    const now = new Date();
    expect((await claimOutbox(db, 'w1', 10, now, { destination, leaseMs: 1000 })).map((r) => r.id)).toEqual([first, other]);
    // Leased: nothing for a second worker, and R1's second event waits behind the first.
    expect(await claimOutbox(db, 'w2', 10, now, { destination })).toEqual([]);
    // The lease ran out: w2 may take the first event again; the old holder can no longer complete it.
    const later = new Date(now.getTime() + 2000);
    expect((await claimOutbox(db, 'w2', 10, later, { destination })).map((r) => [r.id, r.attempts])).toEqual([
      [first, 2],
      [other, 2],
    ]);
    expect(await completeOutbox(db, first, 'w1', { at: later })).toBe(false);
    expect(await failOutbox(db, first, 'w2', { at: later, error: 'HTTP 503', httpStatus: 503, retryAt: later })).toBe(true);
    expect(await completeOutbox(db, other, 'w2', { at: later, httpStatus: 200 })).toBe(true);
    expect((await claimOutbox(db, 'w2', 10, later, { destination })).map((r) => r.id)).toEqual([first]);
    expect(await completeOutbox(db, first, 'w2', { at: later })).toBe(true);
    expect((await claimOutbox(db, 'w2', 10, later, { destination })).map((r) => r.id)).toEqual([second]);
    expect(await failOutbox(db, second, 'w2', { at: later, error: 'HTTP 400' })).toBe(true);
    expect((await getOutbox(db, second))?.status).toBe('dead');
    expect((await getOutbox(db, first))?.status).toBe('delivered');
    const attempts = await db.query<{ outcome: string; http_status: number | null }>(
      'SELECT outcome, http_status FROM delivery_attempts WHERE outbox_id = $1 ORDER BY id',
      [first],
    );
    expect(attempts).toEqual([
      { outcome: 'failed', http_status: 503 },
      { outcome: 'delivered', http_status: null },
    ]);
  });

  test('audit events are stored and searchable by agent organisation, action, outcome and time', async () => {
    const org = `SE-VC-${uniqueSuffix()}`;
    const event = (action: AuditEvent['action'], outcome: AuditEvent['outcome'], recorded: string): AuditEvent => ({
      resourceType: 'AuditEvent',
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest' },
      action,
      outcome,
      recorded,
      agent: [{ who: { identifier: { system: 'urn:oid:1.2.752.29.4.19', value: org }, type: 'Organization' }, requestor: true }],
      source: { observer: { display: 'remissbrygga' } },
      entity: [{ what: { reference: 'ServiceRequest/abc' } }],
    });
    const stored = await repo.recordAudit(event('C', '0', '2025-03-01T10:00:00Z'));
    await repo.recordAudit(event('R', '0', '2025-03-02T10:00:00Z'));
    await repo.recordAudit(event('C', '4', '2025-03-03T10:00:00Z'));
    expect(stored.id).toBeDefined();
    const all = await repo.searchAudit({ agentOrg: org });
    expect(all.total).toBe(3);
    expect(all.events.map((e) => e.recorded)).toEqual(['2025-03-03T10:00:00Z', '2025-03-02T10:00:00Z', '2025-03-01T10:00:00Z']);
    expect((await repo.searchAudit({ agentOrg: `urn:oid:1.2.752.29.4.19|${org}`, action: 'C', outcome: '0' })).events.map((e) => e.id)).toEqual([stored.id]);
    const window = await repo.searchAudit({ agentOrg: org, since: new Date('2025-03-02T00:00:00Z'), until: new Date('2025-03-03T00:00:00Z') });
    expect(window.events.map((e) => e.action)).toEqual(['R']);
    expect((await repo.searchAudit({ agentOrg: org, count: 1, offset: 1 })).events.map((e) => e.action)).toEqual(['R']);
    expect((await repo.searchAudit({ agentOrg: 'someone-else' })).total).toBe(0);
  });
});
