/** Health, readiness, metrics and request logs of a real server. */
import { PassThrough } from 'node:stream';
import type { TestServer } from '../http/testing.ts';
import { devHeaders, FHIR_HEADERS, parties, referralBundle, startTestServer, submit } from '../http/testing.ts';
import { createLogger } from './logger.ts';

let t: TestServer;
beforeAll(async () => {
  // with the delivery runtime and scheduled jobs (src/deliver), whose metrics share the registry
  t = await startTestServer({ DELIVERY: 'on', JOBS: 'on' });
}, 180_000);
afterAll(async () => {
  await t.stop();
});

test('/healthz and /readyz answer without authentication', async () => {
  expect((await fetch(`${t.origin}/healthz`)).status).toBe(200);
  const ready = await fetch(`${t.origin}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({ status: 'ready', database: true, migrations: true, ig: true });
});

test('/readyz is 503 without an IG package', async () => {
  const bare = await startTestServer({ IG_DIR: '/nonexistent/package' });
  try {
    const res = await fetch(`${bare.origin}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'not-ready', database: true, migrations: true, ig: false });
  } finally {
    await bare.stop();
  }
});

test('/readyz is 503 when the database is gone', async () => {
  const doomed = await startTestServer();
  await doomed.db.close();
  try {
    const res = await fetch(`${doomed.origin}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ database: false });
  } finally {
    await doomed.stop().catch(() => undefined);
  }
});

test('/metrics counts requests by route template and status, and validation issues by rule id', async () => {
  const p = parties();
  const { taskId } = await submit(t, p);
  await fetch(`${t.fhir}/Task/${taskId}`, { headers: devHeaders(p.provider) });
  await fetch(`${t.fhir}/Task/${taskId}-missing`, { headers: devHeaders(p.provider) });
  await fetch(t.fhir, { method: 'POST', headers: { ...FHIR_HEADERS, ...devHeaders(p.vc) }, body: JSON.stringify(referralBundle(p, { authoredOn: null })) });
  const text = await (await fetch(`${t.origin}/metrics`)).text();
  expect(text).toMatch(/rb_http_requests_total\{method="GET",route="\/fhir\/Task\/:id",status="200"\} [1-9]/);
  expect(text).toMatch(/rb_http_requests_total\{method="GET",route="\/fhir\/Task\/:id",status="404"\} [1-9]/);
  expect(text).toMatch(/rb_http_request_duration_seconds_bucket\{le="0.1",method="GET",route="\/fhir\/Task\/:id"\}/);
  expect(text).toMatch(/rb_validation_issues_total\{rule="TEST-AUTHORED",severity="error"\} 1/);
  expect(text).toMatch(/rb_validation_issues_total\{rule="TEST-NOTE",severity="warning"\} [1-9]/);
  expect(text).not.toContain(taskId);
  // Delivery metrics are on the same registry (src/deliver/metrics.ts): the queue gauges read the outbox at scrape.
  expect(text).toContain('# TYPE rb_delivery_queue_depth gauge');
  expect(text).toContain('# TYPE rb_job_runs_total counter');
});

test('request logs: one JSON line per request with correlation id and route template, never the query', async () => {
  const p = parties();
  await fetch(`${t.fhir}/ServiceRequest?patient.identifier=199001012385`, { headers: { ...devHeaders(p.vc), 'X-Request-Id': 'trace-abc' } });
  const line = t.logs().map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.requestId === 'trace-abc');
  expect(line).toMatchObject({ msg: 'request', method: 'GET', route: '/fhir/ServiceRequest', status: 200 });
  expect(t.logs().join('\n')).not.toContain('199001012385');
});

test('a generated correlation id when none (or a hostile one) is given', async () => {
  const res = await fetch(`${t.origin}/healthz`, { headers: { 'X-Request-Id': 'bad id with spaces' } });
  expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
});

test('the logger redacts credentials, identifiers, names, telecom and text in logged objects', () => {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c: Buffer) => chunks.push(c.toString()));
  const logger = createLogger('info', out);
  logger.info(
    {
      req: { headers: { authorization: 'Bearer abc.def', cookie: 'sid=1' } },
      patient: { identifier: [{ value: '199001012385' }], name: [{ family: 'Testsson' }], telecom: [{ value: '070-1234567' }] },
      text: 'Patienten mår dåligt',
    },
    'x',
  );
  logger.flush();
  const logged = chunks.join('');
  for (const secret of ['abc.def', 'sid=1', '199001012385', 'Testsson', '070-1234567', 'mår dåligt']) {
    expect(logged).not.toContain(secret);
  }
  expect(logged).toContain('[redacted]');
});
