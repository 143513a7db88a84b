/**
 * There is no Docker engine on these machines, so this checks what can be checked without one: the image copies
 * files that exist and are not excluded by .dockerignore, runs the README's start command on Node 24 as a
 * non-root user with a health check, and production code imports only production dependencies (the image
 * installs with --omit=dev).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function args(keyword: string): string[] {
  return instructions.filter((l) => l.toUpperCase().startsWith(`${keyword} `)).map((l) => l.slice(keyword.length + 1).trim());
}

test('every stage builds on node:24-slim', () => {
  const froms = args('FROM').map((a) => a.split(/\s+/)[0]);
  expect(froms.length).toBeGreaterThanOrEqual(2);
  expect(new Set(froms)).toEqual(new Set(['node:24-slim']));
});

test('production dependencies only: npm ci --omit=dev from the lock file', () => {
  expect(args('RUN').some((r) => /npm ci\b.*--omit=dev/.test(r))).toBe(true);
  expect(args('COPY').some((c) => c.includes('package-lock.json'))).toBe(true);
});

test('every COPY source from the build context exists and is not excluded by .dockerignore', () => {
  const ignored = readFileSync(join(root, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#') && !l.includes('*'));
  const sources = args('COPY')
    .filter((c) => !c.startsWith('--from'))
    .flatMap((c) => c.split(/\s+/).slice(0, -1));
  expect(sources.length).toBeGreaterThan(0);
  for (const source of sources) {
    expect({ source, exists: existsSync(join(root, source)) }).toEqual({ source, exists: true });
    expect(ignored.filter((i) => source === i || source.startsWith(`${i}/`))).toEqual([]);
  }
});

test('CMD is the README start command: npm start runs the same node entry point', () => {
  const cmd = JSON.parse(args('CMD')[0] ?? '[]') as string[];
  expect(cmd.join(' ')).toBe(pkg.scripts.start);
  const entry = cmd.find((a) => a.endsWith('.ts'));
  expect(entry && existsSync(join(root, entry))).toBe(true);
  expect(readFileSync(join(root, 'README.md'), 'utf8')).toMatch(/^npm start\b/m);
});

test('runs as a non-root user with a health check on /healthz', () => {
  const users = args('USER');
  expect(users.length).toBe(1);
  expect(users[0]).not.toMatch(/^(root|0)$/);
  expect(instructions.findIndex((l) => l.startsWith('USER '))).toBeLessThan(instructions.findIndex((l) => l.startsWith('CMD ')));
  expect(args('HEALTHCHECK').join(' ')).toContain('/healthz');
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !/(^|\/)(testing|fixtures)\.ts$/.test(path) ? [path] : [];
  });
}

test('production code (src/, without tests and test helpers) imports only production dependencies', () => {
  const builtins = new Set(builtinModules);
  const offenders: string[] = [];
  for (const file of sourceFiles(join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm)) {
      const spec = m[1] ?? m[2] ?? '';
      if (spec.startsWith('.') || spec.startsWith('node:') || builtins.has(spec)) continue;
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec);
      if (!(name in pkg.dependencies)) offenders.push(`${relative(root, file)}: ${name}`);
    }
  }
  expect(offenders).toEqual([]);
});
