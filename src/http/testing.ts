/**
 * Test support for the HTTP suites: a real server on 127.0.0.1:0 over a real in-memory PGlite store, a small IG
 * package in a temp folder, the real workflow (or one given) and a small real validator; plus typed fixture factories for a
 * referral transaction Bundle (each test makes its own organisations and identifiers).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { Composition } from '../app/compose.ts';
import type { RunningServer } from '../app/server.ts';
import { startServer, stopServer } from '../app/server.ts';
import { configWith } from '../config/schema.ts';
import { RB_ISSUE_SYSTEM } from '../fhir/outcomes.ts';
import type { Db } from '../store/index.ts';
import { openDb } from '../store/index.ts';
import { uniqueSuffix } from '../store/testing.ts';
import type { Actor } from '../workflow/types.ts';
import type { Validator } from './deps.ts';

export const HSA = 'urn:oid:1.2.752.29.4.19';
export const REMISS_ID_SYSTEM = 'https://remissbrygga.se/fhir/sid/remiss-id';
export const PERSONNUMMER_SYSTEM = 'http://electronichealth.se/identifier/personnummer';

/**
 * A small real validator: an error when the referral lacks authoredOn (rules key on it, ig-design.md), a warning
 * when it has no note. Enough to drive 422 and warnings through the HTTP layer.
 */
export const testValidator: Validator = {
  validate(resource: Resource): OperationOutcome {
    const sr = resource.resourceType === 'Bundle' ? resource.entry?.find((e) => e.resource?.resourceType === 'ServiceRequest')?.resource : resource;
    const issues: OperationOutcome['issue'] = [];
    if (sr?.resourceType === 'ServiceRequest') {
      const at = resource.resourceType === 'Bundle' ? `Bundle.entry[${String(resource.entry?.findIndex((e) => e.resource === sr))}].resource.` : 'ServiceRequest.';
      if (!sr.authoredOn) {
        issues.push({
          severity: 'error',
          code: 'required',
          details: { coding: [{ system: RB_ISSUE_SYSTEM, code: 'TEST-AUTHORED' }], text: 'Remissdatum saknas', extension: [{ url: 'https://remissbrygga.se/fhir/StructureDefinition/rb-issue-text-en', valueString: 'Referral date missing' }] },
          expression: [`${at}authoredOn`],
        });
      }
      if (!sr.note) {
        issues.push({ severity: 'warning', code: 'informational', details: { coding: [{ system: RB_ISSUE_SYSTEM, code: 'TEST-NOTE' }], text: 'Ingen anteckning' }, expression: [`${at}note`] });
      }
    }
    return { resourceType: 'OperationOutcome', issue: issues };
  },
};

/** Collects the server's log lines (JSON) in memory. */
export function logSink(): { stream: Writable; lines: () => string[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  return { stream, lines: () => chunks.join('').split('\n').filter(Boolean) };
}

export interface TestServer {
  readonly server: RunningServer;
  readonly origin: string;
  readonly fhir: string;
  readonly db: Db;
  readonly logs: () => string[];
  stop(): Promise<void>;
}

export const IG_RESOURCES: readonly Resource[] = [
  { resourceType: 'StructureDefinition', id: 'rb-referral', url: 'https://remissbrygga.se/fhir/StructureDefinition/rb-referral', name: 'RbReferral', status: 'active', kind: 'resource', abstract: false, type: 'ServiceRequest' },
  { resourceType: 'ValueSet', id: 'rb-treatment-form', url: 'https://remissbrygga.se/fhir/ValueSet/rb-treatment-form', name: 'RbTreatmentForm', status: 'active' },
  { resourceType: 'CodeSystem', id: 'rb-treatment-form', url: 'https://remissbrygga.se/fhir/CodeSystem/rb-treatment-form', name: 'RbTreatmentForm', status: 'active', content: 'complete' },
  { resourceType: 'Questionnaire', id: 'rb-psykoterapiremiss', url: 'https://remissbrygga.se/fhir/Questionnaire/rb-psykoterapiremiss', name: 'RbPsykoterapiremiss', status: 'active' },
];

/** `options.db`: a database shared with another test server (a second instance); it is then not closed on stop. */
export async function startTestServer(
  env: Readonly<Record<string, string>> = {},
  composition: Partial<Composition> = {},
  options: { readonly db?: Db } = {},
): Promise<TestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'rb-http-'));
  const ig = join(dir, 'package');
  await mkdir(ig);
  for (const r of IG_RESOURCES) {
    await writeFile(join(ig, `${r.resourceType}-${r.id ?? ''}.json`), JSON.stringify(r));
  }
  await writeFile(join(ig, 'package.json'), JSON.stringify({ name: 'remissbrygga', version: '0.1.0' }));
  const db = options.db ?? (await openDb({}));
  const sink = logSink();
  const config = configWith({ PORT: '0', HOST: '127.0.0.1', IG_DIR: ig, CLIENTS_FILE: join(dir, 'none.json'), LOG_LEVEL: 'info', WEB_DIR: join(dir, 'web'), DELIVERY: 'off', JOBS: 'off', ...env });
  const server = await startServer(config, { db, logDestination: sink.stream, composition: { validator: testValidator, ...composition }, defaultMetrics: false });
  return {
    server,
    origin: server.origin,
    fhir: `${server.origin}/fhir`,
    db,
    logs: sink.lines,
    async stop() {
      await stopServer(server);
      if (!options.db) {
        await db.close();
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Dev-mode identity headers for an actor. */
export function devHeaders(actor: Actor, extra: Record<string, string> = {}): Record<string, string> {
  return { 'X-Org-Id': actor.orgHsaId, 'X-User-Id': actor.userId, 'X-Roles': actor.roles.join(','), ...extra };
}

export const FHIR_HEADERS = { 'Content-Type': 'application/fhir+json', Accept: 'application/fhir+json' } as const;

export interface Parties {
  readonly vc: Actor;
  readonly provider: Actor;
  readonly otherProvider: Actor;
  readonly admin: Actor;
}

/** Fresh organisations for one test. */
export function parties(): Parties {
  const s = uniqueSuffix().toUpperCase();
  return {
    vc: { orgHsaId: `SE2321000016-VC${s}`, userId: `SE2321000016-U${s}`, roles: ['referrer'] },
    provider: { orgHsaId: `SE2321000016-PT${s}`, userId: `SE2321000016-T${s}`, roles: ['provider'] },
    otherProvider: { orgHsaId: `SE2321000016-PX${s}`, userId: `SE2321000016-X${s}`, roles: ['provider'] },
    admin: { orgHsaId: 'SE2321000016-RS01', userId: 'admin', roles: ['admin'] },
  };
}

/** A referral transaction Bundle from `vc` to `provider` (the shape of ig-design.md, trimmed). */
export function referralBundle(p: Parties, options: { remissId?: string; authoredOn?: string | null; note?: string } = {}): Bundle {
  const remissId = options.remissId ?? `R-${uniqueSuffix()}`;
  const u = (n: string): string => `urn:uuid:${n}-${remissId}`;
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: u('sr'),
        resource: {
          resourceType: 'ServiceRequest',
          identifier: [{ system: REMISS_ID_SYSTEM, value: remissId }],
          status: 'active',
          intent: 'order',
          subject: { reference: u('pat') },
          requester: { reference: u('role') },
          performer: [{ reference: u('prov') }],
          ...(options.authoredOn === null ? {} : { authoredOn: options.authoredOn ?? '2026-11-20' }),
          ...(options.note ? { note: [{ text: options.note }] } : {}),
        },
        request: { method: 'POST', url: 'ServiceRequest' },
      },
      {
        fullUrl: u('pat'),
        resource: { resourceType: 'Patient', identifier: [{ system: PERSONNUMMER_SYSTEM, value: '199001012385' }], name: [{ family: 'Testsson', given: ['Tolvan'] }], birthDate: '1990-01-01' },
        request: { method: 'POST', url: 'Patient' },
      },
      {
        fullUrl: u('role'),
        resource: { resourceType: 'PractitionerRole', practitioner: { reference: u('pr') }, organization: { reference: u('vc') } },
        request: { method: 'POST', url: 'PractitionerRole' },
      },
      { fullUrl: u('pr'), resource: { resourceType: 'Practitioner', identifier: [{ system: HSA, value: p.vc.userId }] }, request: { method: 'POST', url: 'Practitioner' } },
      { fullUrl: u('vc'), resource: { resourceType: 'Organization', identifier: [{ system: HSA, value: p.vc.orgHsaId }], name: 'VC' }, request: { method: 'POST', url: 'Organization' } },
      { fullUrl: u('prov'), resource: { resourceType: 'Organization', identifier: [{ system: HSA, value: p.provider.orgHsaId }], name: 'PT' }, request: { method: 'POST', url: 'Organization' } },
    ],
  };
}

/** POSTs a referral as `p.vc` and returns the ServiceRequest and Task ids. */
export async function submit(t: TestServer, p: Parties, bundle: Bundle = referralBundle(p)): Promise<{ srId: string; taskId: string; response: Bundle }> {
  const res = await fetch(t.fhir, { method: 'POST', headers: { ...FHIR_HEADERS, ...devHeaders(p.vc) }, body: JSON.stringify(bundle) });
  if (res.status !== 201) {
    throw new Error(`submit: HTTP ${res.status} ${await res.text()}`);
  }
  const response = (await res.json()) as Bundle;
  const locations = (response.entry ?? []).map((e) => e.response?.location ?? '');
  const srId = locations.find((l) => l.startsWith('ServiceRequest/'))?.split('/')[1] ?? '';
  const tasks = await fetch(`${t.fhir}/Task?focus=ServiceRequest/${srId}`, { headers: devHeaders(p.provider) });
  const taskBundle = (await tasks.json()) as Bundle;
  const taskId = taskBundle.entry?.[0]?.resource?.id ?? '';
  return { srId, taskId, response };
}
