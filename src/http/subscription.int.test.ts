/**
 * Subscriptions through the FHIR API, end to end: the real server (startServer, default composition, PGlite,
 * DELIVERY on, no destinations file = pull only), MedplumClient as the provider and as the vårdcentral
 * (development auth headers), and a real receiving HTTP server on 127.0.0.1. A provider's rest-hook
 * Subscription becomes its destination: a submitted referral reaches the endpoint; status off ends that.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MedplumClient, OperationOutcomeError } from '@medplum/core';
import type { Bundle, CapabilityStatement, ServiceRequest, Subscription } from '@medplum/fhirtypes';
import type { RunningServer } from '../app/server.ts';
import { startServer, stopServer } from '../app/server.ts';
import { configWith } from '../config/schema.ts';
import type { Receiver } from '../deliver/test-receiver.ts';
import { startReceiver } from '../deliver/test-receiver.ts';

const root = join(import.meta.dirname, '..', '..');
// The organisations of the IG's example referral (profiles/package/example) and the demo directory.
const VC = 'SE2321000016-E1LM';
const PROVIDER = 'SE2321000016-P4MA';
const OTHER_PROVIDER = 'SE2321000016-P5LU';

let server: RunningServer;
let receiver: Receiver;
let example: string;

beforeAll(async () => {
  receiver = await startReceiver(() => ({ status: 200 }));
  example = await readFile(join(root, 'profiles/package/example/Bundle-ex-valid-f32-1-depression-kbt.json'), 'utf8');
  const config = configWith({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: ':memory:',
    AUTH_MODE: 'dev',
    DELIVERY: 'on',
    JOBS: 'off',
    DESTINATIONS_FILE: join(root, 'no-such-destinations.json'),
    LOG_LEVEL: 'silent',
  });
  server = await startServer(config, { defaultMetrics: false });
}, 120_000);

afterAll(async () => {
  await stopServer(server);
  await receiver.close();
});

function client(org: string, user: string, role: string): MedplumClient {
  return new MedplumClient({
    baseUrl: `${server.origin}/`,
    fhirUrlPath: 'fhir',
    cacheTime: 0,
    defaultHeaders: { 'X-Org-Id': org, 'X-User-Id': user, 'X-Roles': role },
    fetch: (url: string | URL | Request, init?: RequestInit) => fetch(url, init),
  });
}

/** The example referral with its own remiss-id. */
function referral(localId: string): Bundle {
  const bundle = JSON.parse(example) as Bundle;
  const sr = bundle.entry?.find((e) => e.resource?.resourceType === 'ServiceRequest')?.resource as ServiceRequest | undefined;
  const id = sr?.identifier?.[0];
  if (id) {
    id.value = `${VC}#SUB-${String(process.pid)}-${localId}`;
  }
  return bundle;
}

function subscription(endpoint: string, extra: Partial<Subscription> = {}): Subscription {
  return {
    resourceType: 'Subscription',
    status: 'requested',
    reason: 'Nya remisser till vår journal',
    criteria: `Task?owner=${PROVIDER}`,
    channel: { type: 'rest-hook', endpoint, payload: 'application/fhir+json', header: ['X-Receiver: kbt-malmo'] },
    ...extra,
  };
}

async function outcomeOf(p: Promise<unknown>): Promise<{ status: string; expressions: string[]; codes: string[] }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof OperationOutcomeError) {
      return {
        status: err.outcome.id ?? '',
        expressions: err.outcome.issue.flatMap((i) => i.expression ?? []),
        codes: err.outcome.issue.flatMap((i) => i.details?.coding?.map((c) => c.code ?? '') ?? []),
      };
    }
    throw err;
  }
  throw new Error('expected an OperationOutcome error');
}

/** Polls up to `ms` (then fails): delivery is asynchronous. */
async function until(what: string, ms: number, check: () => boolean): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(`gave up waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('Subscription through the FHIR API', () => {
  test('the CapabilityStatement lists Subscription with create and update', async () => {
    const cs = (await (await fetch(`${server.origin}/fhir/metadata`)).json()) as CapabilityStatement;
    const sub = cs.rest?.[0]?.resource?.find((r) => r.type === 'Subscription');
    expect(sub?.interaction?.map((i) => i.code)).toEqual(expect.arrayContaining(['create', 'update', 'read', 'search-type']));
  });

  test('a bad Subscription is a 422 listing every problem with its FHIRPath; nothing is stored', async () => {
    const pt = client(PROVIDER, `${PROVIDER}-T1`, 'provider');
    const bad = { ...subscription('ftp://nowhere'), criteria: 'Patient?name=x', channel: { type: 'websocket', endpoint: 'ftp://nowhere', payload: 'text/plain', header: ['ok: 1', 'no colon'] } } as Subscription;
    const o = await outcomeOf(pt.createResource(bad));
    expect(o.status).toBe('business-rule');
    expect(o.expressions).toEqual(['Subscription.criteria', 'Subscription.channel.type', 'Subscription.channel.endpoint', 'Subscription.channel.payload', 'Subscription.channel.header[1]']);
    expect((await outcomeOf(pt.createResource({ resourceType: 'Subscription' } as Subscription))).expressions).toEqual([
      'Subscription.status',
      'Subscription.reason',
      'Subscription.criteria',
      'Subscription.channel',
    ]);
    expect(await pt.searchResources('Subscription', {})).toHaveLength(0);
    // A role that cannot have a destination.
    const system = client('', 'batch-1', 'system');
    expect((await outcomeOf(system.createResource(subscription(receiver.url)))).codes).toEqual(['DELIVER-SUB-ROLE']);
  });

  test('provider subscribes → a referral reaches its endpoint; status off → no more deliveries; scoped and audited', async () => {
    const pt = client(PROVIDER, `${PROVIDER}-T1`, 'provider');
    const vc = client(VC, 'SE2321000016-R100', 'referrer');
    const admin = client('SE2321000016-REGION', 'SE2321000016-A1', 'admin');

    const created = await pt.createResource(subscription(receiver.url));
    expect(created).toMatchObject({ status: 'active', meta: { versionId: '1' } });
    const id = created.id;
    expect(await pt.readResource('Subscription', id)).toMatchObject({ id, status: 'active' });
    expect((await pt.searchResources('Subscription', {})).map((s) => s.id)).toEqual([id]);
    // Own organisation only: another provider and the vårdcentral see nothing; the admin sees it.
    const other = client(OTHER_PROVIDER, `${OTHER_PROVIDER}-T1`, 'provider');
    expect((await outcomeOf(other.readResource('Subscription', id))).status).toBe('not-found');
    expect(await other.searchResources('Subscription', {})).toHaveLength(0);
    expect(await vc.searchResources('Subscription', {})).toHaveLength(0);
    expect((await outcomeOf(other.updateResource({ ...created, status: 'off' }))).status).toBe('not-found');
    expect((await admin.searchResources('Subscription', {})).map((s) => s.id)).toContain(id);

    // The referral reaches the endpoint as FHIR JSON, with the channel's header and an idempotency key.
    const first = await vc.executeBatch(referral('1'));
    const srId = first.entry?.map((e) => e.response?.location ?? '').find((l) => l.startsWith('ServiceRequest/'))?.split('/')[1] ?? '';
    await until('the referral at the receiver', 20_000, () => receiver.requests.some((r) => r.eventType === 'referral.created' && r.body.includes(srId)));
    const got = receiver.requests.find((r) => r.body.includes(srId));
    expect(got?.contentType).toContain('application/fhir+json');
    expect(got?.headers['x-receiver']).toBe('kbt-malmo');
    expect(got?.idempotencyKey).toMatch(/^rb-outbox-\d+$/);

    // Status off: the destination is removed, the next referral waits for pull (not sent).
    const off = await pt.updateResource({ ...created, status: 'off' });
    expect(off).toMatchObject({ status: 'off', meta: { versionId: '2' } });
    const destinations = (await (await fetch(`${server.origin}/admin/delivery/destinations`, { headers: { 'X-Org-Id': 'SE2321000016-REGION', 'X-User-Id': 'SE2321000016-A1', 'X-Roles': 'admin' } })).json()) as {
      destinations: { destination: string }[];
    };
    expect(destinations.destinations.map((d) => d.destination)).not.toContain(PROVIDER);
    const before = receiver.requests.length;
    await vc.executeBatch(referral('2'));
    await server.delivery?.worker.runOnce();
    expect(receiver.requests.length).toBe(before);
    const queues = (await (await fetch(`${server.origin}/admin/delivery/queues`, { headers: { 'X-Org-Id': 'SE2321000016-REGION', 'X-User-Id': 'SE2321000016-A1', 'X-Roles': 'admin' } })).json()) as {
      queues: { destination: string; configured: boolean; pending: number }[];
    };
    expect(queues.queues.find((q) => q.destination === PROVIDER)).toMatchObject({ configured: false, pending: 1 });

    // Both writes audited (in their transaction) for the provider's organisation.
    const audits = await server.repo.searchAudit({ agentOrg: PROVIDER, entity: `Subscription/${id}` });
    expect(audits.events.map((e) => `${e.subtype?.[0]?.code ?? ''}:${e.outcome ?? ''}`).sort()).toEqual(expect.arrayContaining(['create:0', 'update:0', 'read:0']));
    expect(audits.events.filter((e) => e.subtype?.[0]?.code === 'update').map((e) => e.outcome)).toEqual(['0']);
  });

  test('a second active Subscription of the organisation replaces the first, which is ended', async () => {
    const pt = client(OTHER_PROVIDER, `${OTHER_PROVIDER}-T1`, 'provider');
    const a = await pt.createResource(subscription(`${receiver.url}/a`, { criteria: 'Task' }));
    const b = await pt.createResource(subscription(`${receiver.url}/b`, { criteria: 'Task' }));
    expect(await pt.readResource('Subscription', a.id)).toMatchObject({ status: 'off', error: `replaced by Subscription/${b.id}` });
    expect(await pt.readResource('Subscription', b.id)).toMatchObject({ status: 'active' });
    // Ending the replaced one again does not remove the new one's destination.
    await pt.updateResource({ ...(await pt.readResource('Subscription', a.id)), status: 'off' });
    const destination = await server.delivery?.destinations.get(OTHER_PROVIDER);
    expect(destination).toMatchObject({ kind: 'subscription', url: `${receiver.url}/b`, subscriptionId: b.id });
  });
});
