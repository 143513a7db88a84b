/**
 * The quick start's promise (issue 4): `npm start` prints a curl line that submits the example referral, and one
 * that shows it in the provider's inbox. This runs the real `start` command in a child process on a fresh PGlite
 * data directory with the real IG, validator and demo directory, and runs the printed commands with curl.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Bundle } from '@medplum/fhirtypes';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rb-quickstart-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts the CLI, waits (bounded) for the printed instructions, hands them to `use`, then stops the server. */
async function withStartedCli(use: (stdout: string) => Promise<void>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['src/cli/main.ts', 'start'], {
    cwd: root,
    env: { ...process.env, PORT: '0', DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'warn', AUTH_MODE: 'dev' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`no instructions within 90 s; stderr: ${stderr.slice(0, 500)}`));
      }, 90_000);
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        if (stdout.includes("provider's inbox") && stdout.includes('X-Roles: provider')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('close', () => {
        clearTimeout(timer);
        reject(new Error(`start exited early; stderr: ${stderr.slice(0, 500)}`));
      });
    });
    await use(stdout);
  } finally {
    child.kill('SIGTERM');
  }
  return { code: await closed, stderr };
}

function commandAfter(stdout: string, heading: string): string {
  const lines = stdout.split('\n');
  const at = lines.findIndex((l) => l.includes(heading));
  const cmd = lines[at + 1]?.trim() ?? '';
  expect(cmd.startsWith('curl ')).toBe(true);
  return cmd;
}

test('the printed curl lines submit the example referral and show it in the provider inbox', async () => {
  const result = await withStartedCli(async (stdout) => {
    const submit = commandAfter(stdout, 'Submit the example referral');
    const first = await run('sh', ['-c', `${submit} -w '\\n%{http_code}'`], { cwd: root });
    const status = first.stdout.trim().split('\n').pop();
    expect(status).toBe('201');
    const response = JSON.parse(first.stdout.trim().split('\n').slice(0, -1).join('\n')) as Bundle;
    expect(response.type).toBe('transaction-response');
    expect(response.entry?.every((e) => e.response?.status.startsWith('201'))).toBe(true);

    const again = await run('sh', ['-c', `${submit} -o /dev/null -w '%{http_code}'`], { cwd: root });
    expect(again.stdout.trim()).toBe('200');

    const inbox = commandAfter(stdout, "provider's inbox");
    const listed = JSON.parse((await run('sh', ['-c', inbox], { cwd: root })).stdout) as Bundle;
    const tasks = listed.entry?.filter((e) => e.resource?.resourceType === 'Task') ?? [];
    expect(tasks).toHaveLength(1);
    expect(tasks[0]?.resource?.resourceType === 'Task' && tasks[0].resource.status).toBe('requested');
    expect(listed.entry?.some((e) => e.resource?.resourceType === 'ServiceRequest' && e.search?.mode === 'include')).toBe(true);
  });
  expect(result.code).toBe(0);
});
