import { describe, expect, test } from '@jest/globals';
import type { Subscription } from '@medplum/fhirtypes';
import { OperationOutcomeError } from '../fhir/outcomes.ts';
import { hl7Ack, interpretResponse, rivAck } from './ack.ts';
import { nextRetry } from './backoff.ts';
import { destinationSchema, retryPolicySchema } from './config.ts';
import { redact, responseExcerpt } from './excerpt.ts';
import { fhirFormatter } from './formatters/fhir.ts';
import { createFormatterRegistry } from './formatters/formatter.ts';
import { referencesIn, referencesInPayload } from './resources.ts';
import { subscriptionToDestination } from './subscription.ts';

describe('backoff', () => {
  const policy = retryPolicySchema.parse({ maxAttempts: 5, maxAgeMs: 3_600_000, baseDelayMs: 1000, maxDelayMs: 5000 });
  const created = new Date('2025-01-01T00:00:00Z');
  const now = new Date('2025-01-01T00:01:00Z');

  test('full jitter: delay is random × min(cap, base × 2^(n-1))', () => {
    expect(nextRetry(policy, 1, created, now, () => 0.5).retryAt?.getTime()).toBe(now.getTime() + 500);
    expect(nextRetry(policy, 3, created, now, () => 0.5).retryAt?.getTime()).toBe(now.getTime() + 2000);
    expect(nextRetry(policy, 4, created, now, () => 0.999).retryAt?.getTime()).toBe(now.getTime() + 4995); // capped at 5000
    expect(nextRetry(policy, 2, created, now, () => 0).retryAt?.getTime()).toBe(now.getTime());
  });

  test('gives up at max attempts or max age', () => {
    expect(nextRetry(policy, 5, created, now, () => 0.5)).toEqual({ reason: 'max attempts (5) reached' });
    expect(nextRetry(policy, 1, created, new Date(created.getTime() + 3_600_000), () => 0.5)).toEqual({ reason: 'max age (3600000 ms) reached' });
  });
});

describe('acknowledgements', () => {
  const ok = (body: string) => ({ status: 200, contentType: null, body });
  test('HTTP status classes', () => {
    expect(interpretResponse('fhir', { status: 201, contentType: null, body: '' })).toEqual({ ok: true });
    expect(interpretResponse('fhir', { status: 503, contentType: null, body: '' })).toEqual({ ok: false, permanent: false, reason: 'HTTP 503' });
    expect(interpretResponse('fhir', { status: 429, contentType: null, body: '' })).toMatchObject({ permanent: false });
    expect(interpretResponse('flat', { status: 422, contentType: null, body: '' })).toMatchObject({ permanent: true });
  });
  test('HL7 MSA-1', () => {
    expect(hl7Ack('MSH|^~\\&|A|B\rMSA|AA|123\r')).toEqual({ ok: true });
    expect(hl7Ack('MSH|^~\\&|A|B\rMSA|AE|123\r')).toEqual({ ok: false, permanent: false, reason: 'HL7 ACK MSA-1=AE' });
    expect(hl7Ack('MSH|^~\\&|A|B\nMSA|AR|123')).toEqual({ ok: false, permanent: true, reason: 'HL7 ACK MSA-1=AR' });
    expect(interpretResponse('hl7', ok('OK'))).toMatchObject({ ok: false, reason: 'HL7 ACK missing (no MSH/MSA)' });
  });
  test('RIV resultCode', () => {
    expect(rivAck('<r:ProcessRequestResponse><r:result><r:resultCode>OK</r:resultCode></r:result></r:ProcessRequestResponse>')).toEqual({ ok: true });
    expect(rivAck('<resultCode>INFO</resultCode>')).toEqual({ ok: true });
    expect(rivAck('<resultCode>ERROR</resultCode><errorCode>VALIDATION_ERROR</errorCode>')).toEqual({ ok: false, permanent: true, reason: 'RIV resultCode=ERROR errorCode=VALIDATION_ERROR' });
    expect(rivAck('<resultCode>ERROR</resultCode><errorCode>APPLICATION_ERROR</errorCode>')).toMatchObject({ ok: false, permanent: false });
    expect(interpretResponse('riv', ok('<html>proxy</html>'))).toMatchObject({ ok: false, reason: 'RIV resultCode missing' });
  });
});

describe('response excerpts carry no patient data', () => {
  test('redacts identity numbers, e-mail and phone in free text', () => {
    expect(redact('pnr 19121212-1212 and 191212121212 and 121212-1212, mail a.b@x.se, tel 040-123 456')).toBe('pnr [id] and [id] and [id], mail [email], tel [phone]');
  });
  test('JSON keeps a whitelist of structural fields only', () => {
    const oo = JSON.stringify({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'invalid', diagnostics: 'Patient Tolvan Testsson 191212121212', details: { coding: [{ code: 'RULE-1' }], text: 'Tolvan' } }],
    });
    const e = responseExcerpt('application/fhir+json', oo);
    expect(e).toBe('resourceType=OperationOutcome issue=error/invalid(RULE-1)');
    const bundle = responseExcerpt('application/json', JSON.stringify({ resourceType: 'Bundle', entry: [{ response: { status: '201 Created' } }, { response: { status: '200 OK' } }] }));
    expect(bundle).toBe('resourceType=Bundle entries=2 status=201 Created,200 OK');
    expect(responseExcerpt('application/json', JSON.stringify({ status: 'Tolvan Testsson has personnummer 191212121212' }))).toBe('status=[text]');
  });
  test('HL7 keeps MSH-9 and MSA only; long text is truncated', () => {
    expect(responseExcerpt(null, 'MSH|^~\\&|P||RB||2025||ACK^I12|9|P|2.5\rPID|||191212121212||Testsson^Tolvan\rMSA|AA|9\r')).toBe('hl7 ACK^I12 MSA-1=AA MSA-2=9');
    const long = responseExcerpt('text/plain', `error ${'x'.repeat(1000)} 191212121212`);
    expect(long.length).toBeLessThanOrEqual(301);
    expect(long).not.toContain('191212121212');
  });
});

describe('payload references', () => {
  test('ids and references of known types, plus the aggregate ServiceRequest', () => {
    expect(referencesInPayload({ serviceRequestId: 'sr1', taskId: 't1', communicationId: 'c1', versionId: '3', status: 'accepted', other: 'Patient/p1', bad: 'Evil/x' }, 'sr1').sort()).toEqual(
      ['Communication/c1', 'Patient/p1', 'ServiceRequest/sr1', 'Task/t1'].sort(),
    );
  });
  test('references inside a resource', () => {
    expect(referencesIn({ resourceType: 'Task', status: 'requested', intent: 'order', focus: { reference: 'ServiceRequest/1' }, for: { reference: 'Patient/2' }, owner: { identifier: { value: 'x' } } })).toEqual([
      'ServiceRequest/1',
      'Patient/2',
    ]);
  });
});

describe('formatters and destinations', () => {
  test('the FHIR formatter builds a transaction of PUTs tagged with the event type', async () => {
    const msg = await fhirFormatter.render({
      event: { id: 7, eventType: 'referral.created', destination: 'X', aggregateKey: 'sr', created: new Date('2025-01-01T00:00:00Z'), attempt: 1 },
      resources: [{ resourceType: 'Patient', id: 'p1' }],
      destination: destinationSchema.parse({ destination: 'X', kind: 'fhir', url: 'https://fhir.example.se/r4' }),
    });
    expect('body' in msg && JSON.parse(msg.body)).toEqual({
      resourceType: 'Bundle',
      id: 'rb-outbox-7',
      meta: { tag: [{ system: 'https://remissbrygga.se/fhir/CodeSystem/rb-event-type', code: 'referral.created' }] },
      type: 'transaction',
      timestamp: '2025-01-01T00:00:00.000Z',
      entry: [{ fullUrl: 'Patient/p1', resource: { resourceType: 'Patient', id: 'p1' }, request: { method: 'PUT', url: 'Patient/p1' } }],
    });
  });
  test('the registry is keyed by format and refuses duplicates', () => {
    expect(createFormatterRegistry([fhirFormatter]).get('fhir')).toBe(fhirFormatter);
    expect(createFormatterRegistry([fhirFormatter]).get('riv')).toBeUndefined();
    expect(() => createFormatterRegistry([fhirFormatter, fhirFormatter])).toThrow('two formatters');
  });
  test('destination schema defaults and refusals', () => {
    const d = destinationSchema.parse({ destination: 'SE1', kind: 'webhook', url: 'https://hook.example.se/rb' });
    expect(d).toMatchObject({ format: 'fhir', timeoutMs: 10_000, headers: {}, emptyNotification: false, retry: { maxAttempts: 8 } });
    expect(destinationSchema.safeParse({ destination: 'SE1', kind: 'ftp', url: 'https://x.se' }).success).toBe(false);
    expect(destinationSchema.safeParse({ destination: 'SE1', kind: 'webhook', url: 'file:///etc/passwd' }).success).toBe(false);
  });
  test('a rest-hook Subscription becomes a destination; a bad one is a 422 listing every problem', () => {
    const sub: Subscription = {
      resourceType: 'Subscription',
      id: 's1',
      status: 'requested',
      reason: 'inbox',
      criteria: 'Task?owner=SE2321000016-PT01',
      channel: { type: 'rest-hook', endpoint: 'https://prov.example.se/hook', payload: 'application/fhir+json', header: ['Authorization: Bearer abc'] },
    };
    expect(subscriptionToDestination(sub, 'SE2321000016-PT01')).toEqual({
      destination: 'SE2321000016-PT01',
      kind: 'subscription',
      format: 'fhir',
      url: 'https://prov.example.se/hook',
      headers: { Authorization: 'Bearer abc' },
      emptyNotification: false,
      subscriptionId: 's1',
    });
    expect(subscriptionToDestination({ ...sub, channel: { type: 'rest-hook', endpoint: 'https://prov.example.se/hook' } }, 'X').emptyNotification).toBe(true);
    try {
      subscriptionToDestination({ ...sub, channel: { type: 'email', endpoint: 'mailto:x@y.se', payload: 'text/plain', header: ['nonsense'] } }, 'X');
      throw new Error('expected a 422');
    } catch (err) {
      expect(err).toBeInstanceOf(OperationOutcomeError);
      const issues = err instanceof OperationOutcomeError ? err.outcome.issue : [];
      expect(issues.map((i) => i.expression?.[0])).toEqual(['Subscription.channel.type', 'Subscription.channel.endpoint', 'Subscription.channel.payload', 'Subscription.channel.header[0]']);
    }
  });
});
