/**
 * Golden files, per format: `<case>.input.<ext>` → toFhir → `<case>.expected.json` (a bundle, or the
 * OperationOutcome for a bad input), and for bundles the reverse: `<case>.expected.json` → fromFhir →
 * `<case>.from-fhir.<ext>`. Regenerate after a deliberate change with `UPDATE_GOLDEN=1 npm run jest -- test/golden`
 * and review the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bundle } from '@medplum/fhirtypes';
import { createMapper } from '../../src/map/index.ts';

const ROOT = fileURLToPath(new URL('.', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const mapper = createMapper({ today: () => '2025-06-01' });

function cases(format: string): { name: string; input: string; ext: string }[] {
  const dir = join(ROOT, format);
  return readdirSync(dir)
    .map((f) => /^(.+)\.input\.([a-z0-9]+)$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ name: m[1] ?? '', input: join(dir, m[0]), ext: m[2] ?? '' }));
}

function check(path: string, actual: string): void {
  if (UPDATE || !existsSync(path)) {
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

const FORMATS = readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

describe.each(FORMATS)('golden files: %s', (format) => {
  it.each(cases(format))('$name', ({ name, input, ext }) => {
    const dir = join(ROOT, format);
    const result = mapper.toFhir(format, readFileSync(input));
    const produced = 'bundle' in result ? result.bundle : result.outcome;
    check(join(dir, `${name}.expected.json`), `${JSON.stringify(produced, null, 2)}\n`);
    if ('bundle' in result) {
      const expected = JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8')) as Bundle;
      const back = mapper.fromFhir(format, expected);
      expect('text' in back).toBe(true);
      check(join(dir, `${name}.from-fhir.${ext}`), 'text' in back ? back.text : JSON.stringify(back.outcome));
      // And the written message reads back to the same bundle: the round trip of issue 5.
      const again = mapper.toFhir(format, readFileSync(join(dir, `${name}.from-fhir.${ext}`)));
      expect('bundle' in again ? again.bundle : again.outcome).toEqual(expected);
    }
  });
});
