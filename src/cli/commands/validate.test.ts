import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { jest } from '@jest/globals';
import type { Bundle, OperationOutcome } from '@medplum/fhirtypes';
import { CommanderError } from 'commander';
import { buildProgram } from '../main.ts';

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rb-validate-'));
  await writeFile(join(dir, 'good.json'), JSON.stringify({ resourceType: 'Patient', id: 'ok', gender: 'female' }));
  await writeFile(join(dir, 'bad-element.json'), JSON.stringify({ resourceType: 'Patient', foo: 1 }));
  await writeFile(join(dir, 'not-json.json'), '{"resourceType": "Patient",, }');
  await writeFile(join(dir, 'bom.json'), '\uFEFF{"resourceType":"Patient"}');
  await writeFile(join(dir, 'not-fhir.json'), '[1, 2]');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the CLI in-process; returns stdout and the exit code (commander errors carry it). */
async function cli(...args: string[]): Promise<{ out: string; code: number }> {
  const chunks: string[] = [];
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    chunks.push(String(c));
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  let code = 0;
  try {
    await buildProgram().parseAsync(['node', 'remissbrygga', 'validate', ...args]);
  } catch (e) {
    if (!(e instanceof CommanderError)) {
      throw e;
    }
    code = e.exitCode;
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return { out: chunks.join(''), code };
}

describe('remissbrygga validate (in-process)', () => {
  test('--format json: a Bundle with one OperationOutcome per file, bad input as issues, exit 1', async () => {
    const { out, code } = await cli(dir, '--format', 'json', '--lang', 'en');
    expect(code).toBe(1);
    const bundle = JSON.parse(out) as Bundle<OperationOutcome>;
    const byFile = new Map(
      (bundle.entry ?? []).map((e) => [e.fullUrl?.split('/').pop(), (e.resource?.issue ?? []).map((i) => i.details?.coding?.[0]?.code)]),
    );
    expect(Object.fromEntries(byFile)).toEqual({
      'bad-element.json': ['FHIR-UNKNOWN-ELEMENT'],
      'bom.json': ['INPUT-BOM'],
      'good.json': ['OK'],
      'not-fhir.json': ['INPUT-NOT-FHIR'],
      'not-json.json': ['INPUT-NOT-JSON'],
    });
    const notJson = bundle.entry?.find((e) => e.fullUrl?.endsWith('not-json.json'))?.resource?.issue[0];
    expect(notJson?.diagnostics).toBe('line 1, column 28');
    expect(notJson?.details?.text).toBe('The file is not valid JSON');
  });

  test('--format junit: one testcase per file, a failure for the invalid one, exit 0 when all are valid', async () => {
    const invalid = await cli(join(dir, 'good.json'), join(dir, 'bad-element.json'), '--format', 'junit');
    expect(invalid.code).toBe(1);
    expect(invalid.out).toContain('<testsuite name="remissbrygga validate" tests="2" failures="1" errors="0">');
    expect(invalid.out).toMatch(/<testcase classname="remissbrygga.validate" name="[^"]*good.json"><\/testcase>/);
    expect(invalid.out).toMatch(/name="[^"]*bad-element.json">\s*<failure type="invalid" message="1 error\(s\)">error FHIR-UNKNOWN-ELEMENT Patient.foo: Okänt element &quot;foo&quot;<\/failure>/);
    const valid = await cli(join(dir, 'good.json'), '--format', 'junit');
    expect(valid.code).toBe(0);
  });

  test('--profile applies a profile; an unknown one is a warning only', async () => {
    const { out, code } = await cli(join(dir, 'good.json'), '--profile', 'https://nowhere.example/x', '--format', 'json');
    expect(code).toBe(0);
    expect(out).toContain('PROFILE-UNKNOWN');
  });

  test('a file over --max-bytes is refused with a clear issue, not read', async () => {
    const { out, code } = await cli(join(dir, 'good.json'), '--max-bytes', '10', '--format', 'json');
    expect(code).toBe(1);
    expect(out).toContain('INPUT-TOO-LARGE');
  });

  test('usage and I/O errors exit 2', async () => {
    expect((await cli(join(dir, 'missing.json'))).code).toBe(2);
    expect((await cli(dir, '--format', 'xml')).code).toBe(2);
    expect((await cli(dir, '--load', join(dir, 'nowhere'))).code).toBe(2);
  });
});

test('remissbrygga validate as a child process: text report, no colour when not a TTY, exit code 1', async () => {
  const node = join(process.cwd(), 'node_modules', '.bin', 'node');
  const result = await run(node, ['src/cli/main.ts', 'validate', join(dir, 'bad-element.json'), '--lang', 'en']).then(
    () => ({ code: 0, stdout: '' }),
    (e: unknown) => e as { code: number; stdout: string },
  );
  expect(result.code).toBe(1);
  expect(result.stdout).toContain('✖');
  expect(result.stdout).toContain('error FHIR-UNKNOWN-ELEMENT Patient.foo: Unknown element "foo"');
  expect(result.stdout).not.toContain('\u001b[');
});

test('the referral content checks run too: an example referral that breaks REM-AGE-16 fails with it; --ruleset is checked', async () => {
  const { igPackageDir } = await import('../../ig/package.ts');
  const example = join(igPackageDir(), 'example', 'Bundle-ex-invalid-rem-age-16.json');
  const { out, code } = await cli(example, '--format', 'json');
  expect(code).toBe(1);
  expect(out).toContain('REM-AGE-16');
  expect((await cli(example, '--ruleset', 'no-such-ruleset')).code).toBe(2);
});
