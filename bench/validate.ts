/**
 * `npm run bench:validate` (issue 3): on the same inputs, in one run, side by side:
 *   JSON.parse of the bundle text (the floor), our full validation of the bundle (one prepared validator), and
 *   medplum's `validateResource(entry, { profile })` for each entry (which re-parses the profile on every call).
 * Reports µs p50/p99 per bundle, the ratios, heap, and whether the verdicts agree, and writes the run into
 * docs/benchmarks.md between `<!-- bench:validate -->` markers (BENCH_WRITE=0: print only). Not a test: no assertions.
 * Inputs: the example bundles of profiles/examples.json, or the test fixtures when the IG has none yet.
 */
import { readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { validateResource } from '@medplum/core';
import type { Bundle, Resource, StructureDefinition } from '@medplum/fhirtypes';
import { bundle as fixtureBundle, patient as fixturePatient, testIg } from '../src/validate/fixtures.ts';
import { createContentCheck } from '../src/validate/content/index.ts';
import { createValidator, isValid, loadDefinitions } from '../src/validate/index.ts';
import { roleProfile } from '../src/validate/profiles.ts';
import { writeSection } from './report.ts';

const ROOT = join(import.meta.dirname, '..');
const IG_DIR = join(ROOT, 'profiles', 'package');
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 2000);
const WARMUP = Math.min(500, ITERATIONS);
// medplum re-parses each profile per call (~1 ms per entry): fewer runs give the same precision in sane time
const MEDPLUM_ITERATIONS = Number(process.env.BENCH_MEDPLUM_ITERATIONS ?? 100);

interface Input {
  readonly name: string;
  readonly text: string;
  readonly expectValid: boolean | undefined;
}

async function inputs(): Promise<{ list: Input[]; source: string }> {
  try {
    const manifest = JSON.parse(await readFile(join(ROOT, 'profiles', 'examples.json'), 'utf8')) as {
      file: string;
      valid: boolean;
    }[];
    const list: Input[] = [];
    for (const m of manifest) {
      const text = await readFile(join(IG_DIR, m.file), 'utf8');
      if ((JSON.parse(text) as Resource).resourceType === 'Bundle') {
        list.push({ name: m.file, text, expectValid: m.valid });
      }
    }
    if (list.length) {
      return { list, source: 'profiles/examples.json (example bundles of the IG)' };
    }
  } catch {
    // no manifest yet
  }
  const invalid = fixtureBundle({ patient: fixturePatient({ birthDate: undefined }) });
  return {
    list: [
      { name: 'fixture-valid', text: JSON.stringify(fixtureBundle()), expectValid: true },
      { name: 'fixture-invalid', text: JSON.stringify(invalid), expectValid: false },
    ],
    source: 'src/validate/fixtures.ts (the IG has no example bundles yet)',
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function time(fn: () => void, iterations = ITERATIONS): { p50: number; p99: number } {
  for (let i = 0; i < Math.min(WARMUP, iterations); i++) {
    fn();
  }
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

function v(valid: boolean): string {
  return valid ? 'valid' : 'invalid';
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function main(): Promise<void> {
  const { list, source } = await inputs();
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const defs = await loadDefinitions({ igDir: IG_DIR, extra: testIg() });
  const t1 = performance.now();
  const engine = createValidator(defs);
  const validator = createValidator(defs, { contentChecks: createContentCheck() });
  const t2 = performance.now();
  gc();
  const heap1 = process.memoryUsage().heapUsed;

  const sdCache = new Map<string, StructureDefinition | undefined>();
  const profileOf = (r: Resource): StructureDefinition | undefined => {
    const url = r.meta?.profile?.[0] ?? roleProfile(r);
    if (!url) {
      return undefined;
    }
    if (!sdCache.has(url)) {
      sdCache.set(url, defs.resolve<StructureDefinition>(url));
    }
    return sdCache.get(url);
  };
  const medplumPerEntry = (b: Bundle): boolean => {
    let ok = true;
    for (const e of b.entry ?? []) {
      if (!e.resource) {
        continue;
      }
      const profile = profileOf(e.resource);
      try {
        validateResource(e.resource, profile ? { profile } : {});
      } catch {
        ok = false; // medplum throws an OperationOutcomeError when it finds errors
      }
    }
    return ok;
  };

  const lines: string[] = [];
  const rows: string[] = [];
  const ratios: number[] = [];
  const ourP50s: number[] = [];
  let agree = 0;
  for (const input of list) {
    const parsed = JSON.parse(input.text) as Bundle;
    const ours = isValid(validator.validate(parsed));
    const oursStructural = isValid(engine.validate(parsed));
    const theirs = medplumPerEntry(parsed);
    const floor = time(() => {
      JSON.parse(input.text);
    });
    const eng = time(() => {
      engine.validate(parsed);
    });
    const us = time(() => {
      validator.validate(parsed);
    });
    const mp = time(() => {
      medplumPerEntry(parsed);
    }, MEDPLUM_ITERATIONS);
    ratios.push(mp.p50 / us.p50);
    ourP50s.push(us.p50);
    agree += oursStructural === theirs ? 1 : 0;
    rows.push(
      `| ${input.name.replace(/^example\//, '')} | ${parsed.entry?.length ?? 0} | ${floor.p50.toFixed(1)} / ${floor.p99.toFixed(1)} | ${eng.p50.toFixed(1)} / ${eng.p99.toFixed(1)} | ${us.p50.toFixed(1)} / ${us.p99.toFixed(1)} | ${mp.p50.toFixed(1)} / ${mp.p99.toFixed(1)} | ${(mp.p50 / us.p50).toFixed(1)}× | ${(us.p50 / floor.p50).toFixed(1)}× | ${v(ours)} / ${v(oursStructural)} / ${v(theirs)}${input.expectValid === undefined ? '' : ` (expected ${v(input.expectValid)})`} |`,
    );
  }
  gc();
  const heap2 = process.memoryUsage().heapUsed;
  const cpu = cpus()[0]?.model ?? 'unknown';
  lines.push(`date: ${new Date().toISOString()}`);
  lines.push(`machine: ${cpus().length} CPUs (nproc), ${cpu}, node ${process.version}`);
  lines.push(
    `command: npm run bench:validate   (iterations ${ITERATIONS}, warm-up ${WARMUP}; medplum ${MEDPLUM_ITERATIONS})`,
  );
  lines.push(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (other processes share the CPUs)`);
  lines.push(`inputs: ${source}`);
  lines.push(`prepare: loadDefinitions ${(t1 - t0).toFixed(0)} ms, createValidator ${(t2 - t1).toFixed(0)} ms`);
  lines.push(`heap: ${mb(heap0)} before load, ${mb(heap1)} after load + createValidator, ${mb(heap2)} after the runs`);
  lines.push('');
  lines.push(
    '| input | entries | JSON.parse µs p50 / p99 | ours, structure + profiles + terminology µs p50 / p99 | ours, full (+ content checks) µs p50 / p99 | medplum per entry µs p50 / p99 | medplum ÷ ours full | ours full ÷ JSON.parse | verdict ours full / ours structural / medplum |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|');
  lines.push(...rows);
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  lines.push('');
  lines.push(
    `summary: ${list.length} bundles; ours p50 median ${median(ourP50s).toFixed(1)} µs; medplum ÷ ours median ${median(ratios).toFixed(1)}× (min ${Math.min(...ratios).toFixed(1)}×); structural verdicts agree with medplum on ${agree}/${list.length}`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);

  // Its own section of docs/benchmarks.md, between markers (BENCH_WRITE=0: print only).
  await writeSection('bench:validate', 'Validator (`npm run bench:validate`, issue 3)', `\`\`\`\n${lines.join('\n')}\n\`\`\``);
}

await main();
