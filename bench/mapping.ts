/**
 * `npm run bench:mapping` (issue 5): µs per conversion (p50/p99) per format, INCLUDING validation, beside the bare
 * syntax parse of the same message (JSON.parse, a bare saxes pass with no handlers, Hl7Message.parse, the CSV
 * tokenizer) as the floor, all in one process and one run. Also the steps on their own (parse + mapping to the
 * record, building the bundle, the validator on the mapped bundle, its structural walk and its content checks) so
 * a miss of the 300 µs target says where the time goes.
 * Prints a markdown section and writes it into docs/benchmarks.md between `<!-- bench:mapping -->` markers
 * (BENCH_WRITE=0: print only). Not a test: no assertions.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { Hl7Message } from '@medplum/core';
import type { Bundle } from '@medplum/fhirtypes';
import { SaxesParser } from 'saxes';
import { createMapper } from '../src/map/index.ts';
import { writeSection } from './report.ts';
import { tokenizeCsv } from '../src/parse/csv/tokenize.ts';
import { createContentCheck } from '../src/validate/content/index.ts';
import { createValidator, loadDefinitions } from '../src/validate/index.ts';

const ITER = Number(process.env.BENCH_ITER ?? 2000);
const WARMUP = 300;
const TARGET_US = 300;
const mapper = createMapper({ today: () => '2025-06-01' });
const defs = await loadDefinitions({ igDir: new URL('../profiles/package', import.meta.url).pathname });
const contentCheck = createContentCheck();
const validator = createValidator(defs, { contentChecks: contentCheck });
// the two parts of the validator on their own: the structural walk (no content checks) and the content checks
const structural = createValidator(defs);
const validating = createMapper({ today: () => '2025-06-01', validate: (b) => validator.validate(b) });
const golden = (p: string): string => readFileSync(new URL(`../test/golden/${p}`, import.meta.url), 'utf8');

interface Timing {
  readonly p50: number;
  readonly p99: number;
}

function measure(fn: () => unknown): Timing {
  for (let i = 0; i < WARMUP; i++) {
    fn();
  }
  const times: number[] = [];
  for (let i = 0; i < ITER; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(ITER * 0.5)] ?? 0, p99: times[Math.floor(ITER * 0.99)] ?? 0 };
}

const us = (t: Timing): string => `${t.p50.toFixed(0)} / ${t.p99.toFixed(0)}`;

// The floor parses as the mapper's parsers do. RIV: saxes's well-formedness pass with the options of
// src/parse/riv/tree.ts and no handlers (tree.ts adds the element tree in that same pass).
const cases: { format: string; input: string; floorName: string; floor: () => unknown }[] = [
  { format: 'flat-json', input: golden('flat-json/basic.input.json'), floorName: 'JSON.parse', floor: (): unknown => JSON.parse(golden('flat-json/basic.input.json')) as unknown },
  { format: 'csv', input: golden('csv/basic.input.csv'), floorName: 'CSV tokenize', floor: () => tokenizeCsv(golden('csv/basic.input.csv')) },
  {
    format: 'riv',
    input: golden('riv/basic.input.xml'),
    floorName: 'saxes pass',
    floor: (): unknown => new SaxesParser({ defaultXMLVersion: '1.0', forceXMLVersion: true }).write(golden('riv/basic.input.xml')).close(),
  },
  { format: 'hl7', input: golden('hl7/ptsd-nearest.input.hl7'), floorName: 'Hl7Message.parse+segments', floor: () => Hl7Message.parse(golden('hl7/ptsd-nearest.input.hl7')).segments },
];

const rows: string[] = [];
const summary: string[] = [];
for (const c of cases) {
  const first = mapper.toFhir(c.format, c.input);
  if (!('bundle' in first)) {
    throw new Error(`${c.format}: ${JSON.stringify(first.outcome.issue)}`);
  }
  const bundle: Bundle = first.bundle;
  const bundleText = JSON.stringify(bundle);
  const floor = measure(c.floor);
  const record = measure(() => mapper.toRecord(c.format, c.input));
  const to = measure(() => mapper.toFhir(c.format, c.input));
  const alone = measure(() => validator.validate(bundle));
  const walkAlone = measure(() => structural.validate(bundle));
  const contentAlone = measure(() => contentCheck(bundle, { defs, basePath: 'Bundle' }));
  const full = measure(() => validating.toFhir(c.format, c.input));
  const from = measure(() => mapper.fromFhir(c.format, bundle));
  const bundleParse = measure((): unknown => JSON.parse(bundleText) as unknown);
  const met = full.p50 <= TARGET_US ? 'yes' : 'no';
  rows.push(
    `| ${c.format} | ${c.floorName} ${us(floor)} | ${us(record)} | ${us(to)} | ${us(alone)} | ${us(walkAlone)} | ${us(contentAlone)} | **${us(full)}** | ${(full.p50 / floor.p50).toFixed(1)}× | ${us(from)} | ${us(bundleParse)} | ${met} |`,
  );
  summary.push(
    `${c.format}: ${full.p50.toFixed(0)} µs p50 = parse + map ${record.p50.toFixed(0)} + bundle ${Math.max(0, to.p50 - record.p50).toFixed(0)} + validation ${Math.max(0, full.p50 - to.p50).toFixed(0)} (floor ${floor.p50.toFixed(0)})`,
  );
}

const section = [
  `date: ${new Date().toISOString()}`,
  `machine: ${String(cpus().length)} CPUs, ${cpus()[0]?.model ?? '?'}, node ${process.version}; load average at the end ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (other sessions share the CPUs)`,
  `command: \`npm run bench:mapping\` (${String(ITER)} iterations after ${String(WARMUP)} warm-up per cell; BENCH_ITER to change)`,
  `inputs: test/golden/{flat-json/basic.input.json, csv/basic.input.csv, riv/basic.input.xml, hl7/ptsd-nearest.input.hl7}`,
  '',
  '| format | floor: syntax parse µs p50 / p99 | parse + map to record | to FHIR (+ bundle) | validator alone on the mapped bundle | of which: structural walk alone | of which: content checks alone | **to FHIR + validator** | full ÷ floor | from FHIR | JSON.parse of the bundle | ≤ 300 µs p50 with validation |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ...rows,
  '',
  'Where the time goes (p50, each step measured on its own; differences of medians are approximate):',
  '',
  ...summary.map((s) => `- ${s}`),
].join('\n');
process.stdout.write(`${section}\n`);

await writeSection('bench:mapping', 'Mapping (`npm run bench:mapping`, issue 5)', section);
