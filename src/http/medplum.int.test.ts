/**
 * The HTTP shell with a real FHIR client: MedplumClient (@medplum/core) as the vårdcentral and as two providers,
 * each with a token from /auth/token (client secret, AUTH_MODE=smart), on the real workflow with the small test
 * validator. The whole closed loop with every real component (private_key_jwt, the real validator, the IG's
 * example referral, completion with ratings) is test/e2e/referral-loop.int.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MedplumClient, OperationOutcomeError } from '@medplum/core';
import type { Task } from '@medplum/fhirtypes';
import { sha256Hex } from '../auth/clients.ts';
import type { TestServer } from './testing.ts';
import { parties, referralBundle, startTestServer } from './testing.ts';

const p = parties();
let t: TestServer;
const unauthenticated: string[] = [];

beforeAll(async () => {
  const file = join(tmpdir(), `rb-clients-${randomUUID()}.json`);
  const client = (clientId: string, org: string, role: string, scope: string): Record<string, unknown> => ({
    clientId,
    orgHsaId: org,
    roles: [role],
    scope,
    clientSecretSha256: sha256Hex(`${clientId}-secret`),
  });
  await writeFile(
    file,
    JSON.stringify({
      clients: [
        client('vc', p.vc.orgHsaId, 'referrer', 'system/*.rs system/ServiceRequest.cu system/Communication.c'),
        client('pt', p.provider.orgHsaId, 'provider', 'system/*.rs system/Task.u system/Communication.c'),
        client('pt2', p.otherProvider.orgHsaId, 'provider', 'system/*.rs system/Task.u'),
        client('region', 'SE2321000016-RS01', 'admin', 'system/*.rs'),
      ],
    }),
  );
  t = await startTestServer({ AUTH_MODE: 'smart', CLIENTS_FILE: file });
}, 180_000);
afterAll(async () => {
  await t.stop();
});

async function medplumAs(clientId: string): Promise<MedplumClient> {
  const res = await fetch(`${t.origin}/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: `${clientId}-secret` }).toString(),
  });
  const { access_token } = (await res.json()) as { access_token: string };
  const medplum = new MedplumClient({
    baseUrl: `${t.origin}/`,
    fhirUrlPath: 'fhir',
    cacheTime: 0,
    fetch: (url: string | URL | Request, init?: RequestInit) => fetch(url, init),
    onUnauthenticated: () => unauthenticated.push(clientId),
  });
  medplum.setAccessToken(access_token);
  return medplum;
}

test('submit, inbox, receive, accept, start, history and scope with a real FHIR client', async () => {
  const vc = await medplumAs('vc');
  const pt = await medplumAs('pt');
  const pt2 = await medplumAs('pt2');

  const response = await vc.executeBatch(referralBundle(p, { note: 'Remiss' }));
  expect(response.type).toBe('transaction-response');
  const srId = response.entry?.map((e) => e.response?.location ?? '').find((l) => l.startsWith('ServiceRequest/'))?.split('/')[1];
  expect(srId).toBeDefined();

  // the provider's inbox
  const inbox = await pt.searchResources('Task', { owner: p.provider.orgHsaId, status: 'requested' });
  expect(inbox).toHaveLength(1);
  let task = inbox[0] as Task;
  expect(task.focus?.reference).toBe(`ServiceRequest/${srId ?? ''}`);
  const referral = await pt.readResource('ServiceRequest', srId ?? '');
  expect(referral.identifier?.[0]?.value).toBeDefined();

  for (const status of ['received', 'accepted'] as const) {
    task = await pt.updateResource({ ...task, status });
    expect(task.status).toBe(status);
  }
  task = await pt.updateResource({
    ...task,
    status: 'in-progress',
    output: [{ type: { coding: [{ system: 'https://remissbrygga.se/fhir/CodeSystem/rb-task-output', code: 'first-session-date' }] }, valueDate: '2026-11-25' }],
  });
  expect(task.meta?.versionId).toBe('4');
  // the vårdcentral sees the progress and its history
  const seen = await vc.readResource('Task', task.id ?? '');
  expect(seen.status).toBe('in-progress');
  const history = await vc.readHistory('Task', task.id ?? '');
  expect(history.entry?.map((e) => e.resource?.status)).toEqual(['in-progress', 'accepted', 'received', 'requested']);

  // a second provider cannot see it, nor tell that it exists
  await expect(pt2.readResource('ServiceRequest', srId ?? '')).rejects.toThrow(OperationOutcomeError);
  await expect(pt2.readResource('Task', task.id ?? '')).rejects.toMatchObject({ outcome: { id: 'not-found' } });
  expect(await pt2.searchResources('Task', { focus: `ServiceRequest/${srId ?? ''}` })).toHaveLength(0);
  // and cannot change it
  await expect(pt2.updateResource({ ...task, status: 'failed' })).rejects.toMatchObject({ outcome: { id: 'not-found' } });

  // reads and denied attempts audited by the HTTP layer, successful writes by the workflow in their transaction
  const audit = async (org: string): Promise<string[]> => (await t.server.repo.searchAudit({ agentOrg: org, count: 100 })).events.map((e) => `${e.subtype?.[0]?.code ?? ''}:${e.outcome ?? ''}`);
  expect(await audit(p.vc.orgHsaId)).toEqual(expect.arrayContaining(['transaction:0', 'read:0', 'history-instance:0']));
  expect(await audit(p.provider.orgHsaId)).toEqual(expect.arrayContaining(['search-type:0', 'read:0']));
  expect(await audit(p.otherProvider.orgHsaId)).toEqual(expect.arrayContaining(['read:4', 'update:4']));
  expect(unauthenticated).toEqual([]);
});
