/**
 * The inbox page (src/web/public) in a real browser: Debian's chromium driven by playwright-core, against the
 * real server (IG, validator, workflow, PGlite) on 127.0.0.1. A therapist signs in (development auth), finds
 * the referral the vårdcentral sent, sees the referrer's direct phone first, accepts it, starts the treatment
 * and writes to the referrer; the API shows each change.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle, Communication, Task } from '@medplum/fhirtypes';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { RunningServer } from '../../src/app/server.ts';
import { startServer, stopServer } from '../../src/app/server.ts';
import { configWith } from '../../src/config/schema.ts';

const root = join(import.meta.dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const VC = { 'X-Org-Id': 'SE2321000016-E1LM', 'X-User-Id': 'SE2321000016-R100', 'X-Roles': 'referrer' };
const PT = { 'X-Org-Id': 'SE2321000016-P4MA', 'X-User-Id': 'SE2321000016-T400', 'X-Roles': 'provider' };

let dir: string;
let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rb-browser-'));
  server = await startServer(configWith({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: ':memory:', LOG_LEVEL: 'silent', DELIVERY: 'off', JOBS: 'off', WEB_DIR: join(root, 'src/web/public') }), { defaultMetrics: false });
  const bundle = JSON.parse(await readFile(join(root, 'profiles/package/example/Bundle-ex-valid-f32-1-depression-kbt.json'), 'utf8')) as Bundle;
  const res = await fetch(`${server.origin}/fhir`, { method: 'POST', headers: { 'Content-Type': 'application/fhir+json', ...VC }, body: JSON.stringify(bundle) });
  expect(res.status).toBe(201);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  page = await browser.newPage({ locale: 'sv-SE' });
}, 180_000);

afterAll(async () => {
  await browser.close();
  await stopServer(server);
  await rm(dir, { recursive: true, force: true });
});

async function tasks(): Promise<Task[]> {
  const res = await fetch(`${server.origin}/fhir/Task`, { headers: { Accept: 'application/fhir+json', ...PT } });
  const b = (await res.json()) as Bundle<Task>;
  return (b.entry ?? []).map((e) => e.resource as Task);
}

test('a therapist finds the referral, sees the direct phone, accepts, starts and writes to the referrer', async () => {
  await page.goto(`${server.origin}/`);
  await expect(page.locator('#login h2').textContent()).resolves.toBe('Logga in');
  await page.fill('input[name=org]', PT['X-Org-Id']);
  await page.fill('input[name=user]', PT['X-User-Id']);
  await page.selectOption('select[name=role]', 'provider');
  await page.click('#login-form button[type=submit]');

  const row = page.locator('#tasks tbody tr');
  await row.first().waitFor({ timeout: 30_000 });
  expect(await row.count()).toBe(1);
  expect(await row.first().textContent()).toContain('F32.1');
  expect(await row.first().locator('.status').textContent()).toBe('Skickad');

  await row.first().click();
  const phone = page.locator('[data-testid=direct-phone]');
  await phone.waitFor();
  expect(await phone.textContent()).toMatch(/Direktnummer till remittenten: \+46/);

  await page.click('button[data-action=accept]');
  await page.locator('[data-testid=task-status]', { hasText: 'Accepterad' }).waitFor({ timeout: 30_000 });
  expect((await tasks())[0]?.status).toBe('accepted');

  await page.click('button[data-action=start]');
  await page.fill('form[data-form=start] input[name=firstSession]', '2025-10-06');
  await page.click('form[data-form=start] button[type=submit]');
  await page.locator('[data-testid=task-status]', { hasText: 'Pågår' }).waitFor({ timeout: 30_000 });
  const started = (await tasks())[0];
  expect(started?.status).toBe('in-progress');
  expect(started?.output?.find((o) => o.type.coding?.[0]?.code === 'first-session-date')?.valueDate).toBe('2025-10-06');

  await page.fill('#message-form textarea[name=text]', 'Vi har startat behandlingen. Ring gärna vid frågor.');
  await page.click('#message-form button[type=submit]');
  await page.locator('.messages li', { hasText: 'Vi har startat behandlingen' }).waitFor({ timeout: 30_000 });
  const sr = started?.focus?.reference ?? '';
  const comms = (await (await fetch(`${server.origin}/fhir/Communication?based-on=${sr}`, { headers: { Accept: 'application/fhir+json', ...VC } })).json()) as Bundle<Communication>;
  expect(comms.entry?.map((e) => e.resource?.payload?.[0]?.contentString)).toEqual(['Vi har startat behandlingen. Ring gärna vid frågor.']);
});

test('English on request; completion with start and end ratings; a server refusal is shown, not swallowed', async () => {
  await page.click('#lang');
  await expect(page.locator('#lang').textContent()).resolves.toBe('Svenska');
  await page.click('button:has-text("← Back")');
  await expect(page.locator('#inbox h2').textContent()).resolves.toBe('Referrals');
  await page.locator('#tasks tbody tr .status', { hasText: 'In progress' }).waitFor({ timeout: 30_000 });
  await page.locator('#tasks tbody tr').first().click();

  // A PHQ-9 score above the scale's range (0–27): the validator refuses it and the page shows why.
  await page.click('button[data-action=complete]');
  const form = 'form[data-form=complete]';
  await page.fill(`${form} input[name=sessions]`, '12');
  await page.selectOption(`${form} select[name=instrument]`, 'PHQ-9');
  await page.fill(`${form} input[name=startScore]`, '17');
  await page.fill(`${form} input[name=endScore]`, '40');
  await page.fill(`${form} textarea[name=summary]`, 'Behandlingen avslutad med god effekt.');
  await page.click(`${form} button[type=submit]`);
  await page.locator('#toast.error').waitFor({ timeout: 30_000 });
  expect((await tasks())[0]?.status).toBe('in-progress');

  await page.fill(`${form} input[name=endScore]`, '6');
  await page.click(`${form} button[type=submit]`);
  await page.locator('[data-testid=task-status]', { hasText: 'Completed' }).waitFor({ timeout: 30_000 });
  const done = (await tasks())[0];
  expect(done?.status).toBe('completed');
  expect(done?.output?.map((o) => o.type.coding?.[0]?.code).sort()).toEqual(['end-rating', 'first-session-date', 'sessions-used', 'start-rating', 'summary']);
});
