/**
 * The committed package (`profiles/package/`, `profiles/examples.json`) must be what the FSH sources and the
 * example generators produce: rebuild into a temporary folder (offline SUSHI, ~10 s) and compare byte for byte.
 * On failure: run `npm run ig:build` and commit the result.
 */
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildIg, IgBuildError } from './build/build.ts';
import { igPackageDir, igProfilesDir } from './package.ts';

/** SUSHI takes ~10 s alone and several times that while the rest of the suite runs in parallel. */
const SUSHI_TIMEOUT_MS = 240_000;

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

function snapshot(dir: string): Map<string, string> {
  return new Map(listFiles(dir).map((path) => [relative(dir, path), readFileSync(path, 'utf8')]));
}

test('profiles/package is in sync with the FSH sources and the example generators', async () => {
  const work = mkdtempSync(join(tmpdir(), 'rb-ig-sync-'));
  try {
    const outDir = join(work, 'package');
    const manifestPath = join(work, 'examples.json');
    const result = await buildIg({
      profilesDir: igProfilesDir(),
      outDir,
      examplesManifestPath: manifestPath,
      fhirHome: join(igProfilesDir(), '..', '.fhir-cache', 'home'),
    });
    expect(result.definitions).toBeGreaterThan(40);
    const rebuilt = snapshot(outDir);
    const committed = snapshot(igPackageDir());
    expect([...rebuilt.keys()].sort()).toEqual([...committed.keys()].sort());
    const differing = [...rebuilt].filter(([file, text]) => committed.get(file) !== text).map(([file]) => file);
    expect(differing).toEqual([]);
    expect(readFileSync(manifestPath, 'utf8')).toBe(readFileSync(join(igProfilesDir(), 'examples.json'), 'utf8'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}, SUSHI_TIMEOUT_MS);

test('a SUSHI error fails the build with SUSHI\'s report and writes no package', async () => {
  const work = mkdtempSync(join(tmpdir(), 'rb-ig-broken-'));
  try {
    const profilesDir = join(work, 'profiles');
    cpSync(join(igProfilesDir(), 'sushi-config.yaml'), join(profilesDir, 'sushi-config.yaml'));
    cpSync(join(igProfilesDir(), 'input'), join(profilesDir, 'input'), { recursive: true });
    appendFileSync(
      join(profilesDir, 'input', 'fsh', 'patient.fsh'),
      '\nProfile: Broken\nParent: Patient\nId: rb-broken\n* birthDate 2..1\n',
    );
    const outDir = join(work, 'package');
    const build = buildIg({
      profilesDir,
      outDir,
      examplesManifestPath: join(work, 'examples.json'),
      fhirHome: join(igProfilesDir(), '..', '.fhir-cache', 'home'),
    });
    await expect(build).rejects.toThrow(IgBuildError);
    await expect(build).rejects.toThrow(/SUSHI reported [1-9]\d* error/);
    await build.catch((error: unknown) => {
      expect(error instanceof IgBuildError ? error.sushiOutput : '').toMatch(/patient\.fsh/);
    });
    expect(existsSync(outDir)).toBe(false);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}, SUSHI_TIMEOUT_MS);
