/**
 * The IG's example corpus (profiles/examples.json, profiles/package/example) through submitReferral with the
 * real validator (src/validate with its content checks) and the demo directory: every VALID referral bundle is
 * stored with its Task (and answered as a repeat the second time); every INVALID one is refused with 422 and
 * stores nothing.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getStatus } from '@medplum/core';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { z } from 'zod';
import type { Db, Repository } from '../store/index.ts';
import { createRepository, listOutbox } from '../store/index.ts';
import { testDrivers } from '../store/testing.ts';
import { createContentCheck } from '../validate/content/index.ts';
import { createValidator, loadDefinitions } from '../validate/index.ts';
import { hsaIdentifier } from './access.ts';
import { entryFor } from './bundle.ts';
import { loadDirectory } from './directory.ts';
import { submitReferral } from './submit.ts';
import { countRows, outcomeOf, referrer } from './testing.ts';
import type { Directory, WorkflowDeps } from './types.ts';

const ROOT = join(import.meta.dirname, '../..');
const manifestSchema = z.array(z.object({ file: z.string(), valid: z.boolean(), rule: z.string().nullable(), severity: z.string().optional() }).loose());
const manifest = manifestSchema.parse(JSON.parse(await readFile(join(ROOT, 'profiles/examples.json'), 'utf8')));
const bundles = manifest.filter((e) => e.file.startsWith('example/Bundle-'));

async function readBundle(file: string): Promise<Bundle> {
  const json: unknown = JSON.parse(await readFile(join(ROOT, 'profiles/package', file), 'utf8'));
  const parsed = z.object({ resourceType: z.literal('Bundle') }).loose().parse(json);
  if (!isBundle(parsed)) {
    throw new Error(`${file}: not a Bundle`);
  }
  return parsed;
}

function isBundle(value: { resourceType: 'Bundle' }): value is Bundle {
  return Array.isArray(Reflect.get(value, 'entry'));
}

/** The vårdcentral that sends the example: the requester PractitionerRole's organization. */
function senderOf(bundle: Bundle): string {
  const sr = bundle.entry?.find((e) => e.resource?.resourceType === 'ServiceRequest')?.resource;
  const role: Resource | undefined = sr?.resourceType === 'ServiceRequest' ? entryFor(bundle, sr.requester?.reference) : undefined;
  const org = role?.resourceType === 'PractitionerRole' ? entryFor(bundle, role.organization?.reference) : undefined;
  return (org?.resourceType === 'Organization' ? hsaIdentifier(org.identifier) : undefined) ?? 'SE2321000016-UNKNOWN';
}

test('the corpus has valid and invalid referral bundles', () => {
  expect(bundles.filter((b) => b.valid).length).toBeGreaterThanOrEqual(4);
  expect(bundles.filter((b) => !b.valid).length).toBeGreaterThanOrEqual(10);
});

describe.each(testDrivers(process.env.TEST_DATABASE_URL))('IG examples through submitReferral on $name', (driver) => {
  let db: Db;
  let repo: Repository;
  let directory: Directory;
  let workflow: WorkflowDeps;

  beforeAll(async () => {
    db = await driver.open();
    repo = createRepository(db);
    directory = await loadDirectory(join(ROOT, 'config/directory.json'));
    const validator = createValidator(await loadDefinitions({ igDir: join(ROOT, 'profiles/package') }), { contentChecks: createContentCheck() });
    workflow = { repo, directory, validate: (r) => Promise.resolve(validator.validate(r)), now: () => new Date() };
  }, 120_000);

  afterAll(async () => {
    await db.close();
    await driver.dispose();
  });

  test.each(bundles.filter((b) => b.valid).map((b) => [b.file, b.rule] as const))('valid %s is stored with its Task; a resend is a repeat', async (file, rule) => {
    const bundle = await readBundle(file);
    const actor = referrer(senderOf(bundle));
    const result = await submitReferral(workflow, bundle, actor);
    expect(result.created).toBe(true);
    expect(result.task.status).toBe('requested');
    expect(result.response.entry).toHaveLength(bundle.entry?.length ?? -1);
    if (rule) {
      // The warning example stays valid and its warning comes back with the success.
      expect(JSON.stringify(result.outcome)).toContain(rule);
    }
    const owner = result.task.owner?.identifier?.value ?? '';
    expect((await listOutbox(db, result.serviceRequest.id ?? '')).map((e) => [e.eventType, e.destination])).toEqual([['referral.created', owner]]);
    const again = await submitReferral(workflow, await readBundle(file), actor);
    expect([again.created, again.serviceRequest.id, again.task.id]).toEqual([false, result.serviceRequest.id, result.task.id]);
  });

  test('the "nearest" example (Lund 22350, IPT) goes to an IPT provider in Lund of the demo directory', async () => {
    const file = bundles.find((b) => b.valid && b.file.includes('nearest'))?.file ?? '';
    const bundle = await readBundle(file);
    const result = await submitReferral(workflow, bundle, referrer(senderOf(bundle)));
    const owner = directory.byHsaId(result.task.owner?.identifier?.value ?? '');
    expect([owner?.municipality, owner?.treatmentForms?.includes('ipt')]).toEqual(['Lund', true]);
  });

  test.each(bundles.filter((b) => !b.valid).map((b) => [b.file, b.rule] as const))('invalid %s (%s) is 422 and stores nothing', async (file, rule) => {
    const bundle = await readBundle(file);
    const before = await Promise.all([countRows(repo, 'resources'), countRows(repo, 'outbox'), countRows(repo, 'idempotency')]);
    const err = await outcomeOf(submitReferral(workflow, bundle, referrer(senderOf(bundle))));
    expect(getStatus(err.outcome)).toBe(422);
    if (rule) {
      expect(JSON.stringify(err.outcome)).toContain(rule);
    }
    expect(await Promise.all([countRows(repo, 'resources'), countRows(repo, 'outbox'), countRows(repo, 'idempotency')])).toEqual(before);
  });
});
