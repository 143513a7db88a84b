/** JSON Patch on Task: applied to the visible current version, through the workflow, with lost-update protection. */
import type { OperationOutcome, Task } from '@medplum/fhirtypes';
import type { TestServer } from './testing.ts';
import { devHeaders, parties, startTestServer, submit } from './testing.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 180_000);
afterAll(async () => {
  await t.stop();
});

const PATCH = { 'Content-Type': 'application/json-patch+json' };

async function patch(taskId: string, headers: Record<string, string>, body: unknown): Promise<Response> {
  return fetch(`${t.fhir}/Task/${taskId}`, { method: 'PATCH', headers: { ...PATCH, ...headers }, body: JSON.stringify(body) });
}

test('a status change by patch goes through the workflow and makes a new version', async () => {
  const p = parties();
  const { taskId } = await submit(t, p);
  const res = await patch(taskId, devHeaders(p.provider), [
    { op: 'test', path: '/status', value: 'requested' },
    { op: 'replace', path: '/status', value: 'received' },
  ]);
  expect(res.status).toBe(200);
  expect(res.headers.get('etag')).toBe('W/"2"');
  expect(((await res.json()) as Task).status).toBe('received');
  // the workflow's rules apply: received → completed is illegal
  const illegal = await patch(taskId, devHeaders(p.provider), [{ op: 'replace', path: '/status', value: 'completed' }]);
  expect(illegal.status).toBe(422);
  // the workflow audits the change it stored (once); the HTTP layer audits the refused attempt
  const audit = await t.server.repo.searchAudit({ agentOrg: p.provider.orgHsaId, entity: `Task/${taskId}` });
  expect(audit.events.filter((e) => e.subtype?.[0]?.code === 'patch').map((e) => e.outcome)).toEqual(['4']);
  expect(audit.events.filter((e) => e.outcome === '0' && e.action === 'U')).toHaveLength(1);
});

test('a failing test op → 422; a stale If-Match → 412; nothing changes', async () => {
  const p = parties();
  const { taskId } = await submit(t, p);
  const failed = await patch(taskId, devHeaders(p.provider), [
    { op: 'test', path: '/status', value: 'accepted' },
    { op: 'replace', path: '/status', value: 'received' },
  ]);
  expect(failed.status).toBe(422);
  expect(((await failed.json()) as OperationOutcome).issue[0]?.details?.coding?.[0]?.code).toBe('HTTP-PATCH-FAILED');
  const stale = await patch(taskId, { ...devHeaders(p.provider), 'If-Match': 'W/"9"' }, [{ op: 'replace', path: '/status', value: 'received' }]);
  expect(stale.status).toBe(412);
  const task = (await (await fetch(`${t.fhir}/Task/${taskId}`, { headers: devHeaders(p.provider) })).json()) as Task;
  expect(task.meta?.versionId).toBe('1');
});

test('malformed or dangerous patches → 400; another organisation → 404; wrong media type → 415', async () => {
  const p = parties();
  const { taskId } = await submit(t, p);
  const h = devHeaders(p.provider);
  expect((await patch(taskId, h, { op: 'replace' })).status).toBe(400);
  expect((await patch(taskId, h, [{ op: 'jump', path: '/status' }])).status).toBe(400);
  expect((await patch(taskId, h, [{ op: 'add', path: '/__proto__/polluted', value: true }])).status).toBe(400);
  expect((await patch(taskId, h, [{ op: 'replace', path: '/id', value: 'other' }])).status).toBe(400);
  expect((await patch(taskId, h, [{ op: 'remove', path: '/meta' }])).status).toBe(400);
  expect((await patch(taskId, devHeaders(p.otherProvider), [{ op: 'replace', path: '/status', value: 'received' }])).status).toBe(404);
  const wrongType = await fetch(`${t.fhir}/Task/${taskId}`, { method: 'PATCH', headers: { 'Content-Type': 'application/fhir+json', ...h }, body: '[]' });
  expect(wrongType.status).toBe(415);
});
