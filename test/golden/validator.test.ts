/**
 * The golden inputs of every format become bundles that the real validator (IG package + regional content checks,
 * as the server composes it) accepts; a validator's errors come back merged into the mapping answer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OperationOutcome } from '@medplum/fhirtypes';
import { createContentCheck } from '../../src/validate/content/index.ts';
import { createValidator, loadDefinitions } from '../../src/validate/index.ts';
import { createMapper, loadMappings } from '../../src/map/index.ts';

const ROOT = fileURLToPath(new URL('.', import.meta.url));
const IG_DIR = fileURLToPath(new URL('../../profiles/package', import.meta.url));
const mappings = loadMappings();

const inputs = ['flat-json', 'csv', 'riv', 'hl7'].flatMap((format) =>
  readdirSync(join(ROOT, format))
    .filter((f) => f.includes('.input.'))
    .map((f) => ({ format, file: join(ROOT, format, f), name: `${format}/${f}` })),
);

describe('mapped bundles against the real validator', () => {
  it('every golden input that maps to a bundle is a valid rb-referral-bundle', async () => {
    // As src/app/compose.ts builds it for the server.
    const validator = createValidator(await loadDefinitions({ igDir: IG_DIR }), { contentChecks: createContentCheck() });
    const mapper = createMapper({ mappings, today: () => '2025-06-01', validate: (b) => validator.validate(b) });
    const plain = createMapper({ mappings, today: () => '2025-06-01' });
    let checked = 0;
    for (const { format, file, name } of inputs) {
      const expectedBundle = 'bundle' in plain.toFhir(format, readFileSync(file));
      const r = mapper.toFhir(format, readFileSync(file));
      const errors = 'outcome' in r ? r.outcome.issue.map((i) => `${i.details?.coding?.[0]?.code ?? ''} ${i.expression?.[0] ?? ''}`) : [];
      expect({ name, errors }).toEqual({ name, errors: expectedBundle ? [] : errors });
      if (expectedBundle) {
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  it('merges a validator error into the outcome', () => {
    const failing: OperationOutcome = {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'business-rule', details: { coding: [{ code: 'REM-AGE' }] }, expression: ['Bundle.entry[2].resource.birthDate'] }],
    };
    const mapper = createMapper({ mappings, today: () => '2025-06-01', validate: () => failing });
    const r = mapper.toFhir('flat-json', readFileSync(join(ROOT, 'flat-json/basic.input.json')));
    expect('outcome' in r && r.outcome.issue[0]?.details?.coding?.[0]?.code).toBe('REM-AGE');
    const warn = createMapper({ mappings, validate: () => ({ ...failing, issue: [{ ...failing.issue[0]!, severity: 'warning' }] }) });
    const w = warn.toFhir('flat-json', readFileSync(join(ROOT, 'flat-json/basic.input.json')));
    expect('bundle' in w && w.warnings?.issue.length).toBe(1);
  });
});
