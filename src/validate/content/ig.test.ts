/** The content checks plugged into the engine over the real IG package (profiles/package): fixtures conform. */
import { join } from 'node:path';
import { createValidator, isValid, loadDefinitions } from '../index.ts';
import type { Validator } from '../types.ts';
import { referralBundle } from './fixtures.ts';
import { createContentCheck } from './index.ts';

const IG_DIR = join(import.meta.dirname, '../../../profiles/package');
let validator: Validator;

beforeAll(async () => {
  const defs = await loadDefinitions({ igDir: IG_DIR });
  validator = createValidator(defs, { contentChecks: createContentCheck() });
});

const codes = (o: ReturnType<Validator['validate']>): (string | undefined)[] => o.issue.map((i) => i.details?.coding?.[0]?.code);

test('the fixture referral is valid against the IG profiles and the content checks', () => {
  const o = validator.validate(referralBundle());
  expect(codes(o)).toEqual(['OK']);
  expect(isValid(o)).toBe(true);
});

test('the IG ConceptMap and ValueSet drive the rules: out-of-scope diagnosis and treatment not allowed', () => {
  expect(codes(validator.validate(referralBundle({ diagnosis: 'F41.1', treatment: 'ipt' })))).toEqual(['REM-TREATMENT-ALLOWED']);
  expect(codes(validator.validate(referralBundle({ diagnosis: 'F32.0', treatment: 'ipt' }), { ruleset: 'proposed' }))).toEqual(['REM-DIAG-SCOPE']);
});

test('English text on request', () => {
  const o = validator.validate(referralBundle({ birthDate: '2012-01-01' }), { lang: 'en' });
  expect(o.issue.map((i) => i.details?.text)).toEqual(['The patient is 13 at the referral date; vårdval Psykoterapi accepts patients from age 16.']);
});

test('template-answer issues name the question by its Swedish text as well as its linkId', () => {
  const b = referralBundle();
  const qr = b.entry?.[1]?.resource;
  if (qr?.resourceType !== 'QuestionnaireResponse') {
    throw new Error('fixture order changed');
  }
  qr.item = qr.item?.filter((i) => i.linkId !== 'bedomning');
  const o = validator.validate(b);
  expect(o.issue.map((i) => [i.details?.coding?.[0]?.code, i.expression?.[0], i.details?.text])).toEqual([
    ['QR-REQUIRED', 'Bundle.entry[1].resource', 'Obligatoriska frågan "Bedömning (gärna strukturerad psykologisk bedömning)" (bedomning) är inte besvarad.'],
  ]);
});
