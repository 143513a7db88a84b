/**
 * `npm run bench:mapping`: µs per conversion (p50/p99) per format, beside the bare syntax parse of the same
 * message (JSON.parse, fast-xml-parser, Hl7Message.parse, the CSV tokenizer) as the floor. Not a test.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Hl7Message } from '@medplum/core';
import type { Bundle } from '@medplum/fhirtypes';
import { XMLParser } from 'fast-xml-parser';
import { createMapper } from '../src/map/index.ts';
import { tokenizeCsv } from '../src/parse/csv/tokenize.ts';
import { createContentCheck } from '../src/validate/content/index.ts';
import { createValidator, loadDefinitions } from '../src/validate/index.ts';

const ITER = Number(process.env.BENCH_ITER ?? 2000);
const WARMUP = 200;
const mapper = createMapper({ today: () => '2025-06-01' });
const validator = createValidator(await loadDefinitions({ igDir: new URL('../profiles/package', import.meta.url).pathname }), { contentChecks: createContentCheck() });
const validating = createMapper({ today: () => '2025-06-01', validate: (b) => validator.validate(b) });
const golden = (p: string): string => readFileSync(new URL(`../test/golden/${p}`, import.meta.url), 'utf8');

function measure(fn: () => unknown): { p50: number; p99: number } {
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

const xml = new XMLParser({ removeNSPrefix: true, parseTagValue: false });
const cases: { format: string; input: string; floorName: string; floor: () => unknown }[] = [
  { format: 'flat-json', input: golden('flat-json/basic.input.json'), floorName: 'JSON.parse', floor: (): unknown => JSON.parse(golden('flat-json/basic.input.json')) as unknown },
  { format: 'csv', input: golden('csv/basic.input.csv'), floorName: 'CSV tokenize', floor: () => tokenizeCsv(golden('csv/basic.input.csv')) },
  { format: 'riv', input: golden('riv/basic.input.xml'), floorName: 'XMLParser.parse', floor: (): unknown => xml.parse(golden('riv/basic.input.xml')) as unknown },
  { format: 'hl7', input: golden('hl7/ptsd-nearest.input.hl7'), floorName: 'Hl7Message.parse+segments', floor: () => Hl7Message.parse(golden('hl7/ptsd-nearest.input.hl7')).segments },
];

const rows: string[] = [];
for (const c of cases) {
  const first = mapper.toFhir(c.format, c.input);
  if (!('bundle' in first)) {
    throw new Error(`${c.format}: ${JSON.stringify(first.outcome.issue)}`);
  }
  const bundle: Bundle = first.bundle;
  const to = measure(() => mapper.toFhir(c.format, c.input));
  const full = measure(() => validating.toFhir(c.format, c.input));
  const from = measure(() => mapper.fromFhir(c.format, bundle));
  const floor = measure(c.floor);
  rows.push(`| ${c.format} | ${to.p50.toFixed(0)} / ${to.p99.toFixed(0)} | ${full.p50.toFixed(0)} / ${full.p99.toFixed(0)} | ${from.p50.toFixed(0)} / ${from.p99.toFixed(0)} | ${c.floorName} ${floor.p50.toFixed(0)} / ${floor.p99.toFixed(0)} |`);
}
process.stdout.write(
  [
    `node ${process.version}, ${String(cpus().length)} cpu (${cpus()[0]?.model ?? '?'}), ${String(ITER)} iterations after ${String(WARMUP)} warm-up`,
    '',
    '| format | to FHIR µs p50 / p99 | to FHIR + validator µs p50 / p99 | from FHIR µs p50 / p99 | floor µs p50 / p99 |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n'),
);
