import type { PhoneRules } from './swedish-phone.ts';
import { classifyPhone, nationalNumber } from './swedish-phone.ts';

const rules: PhoneRules = { minDigits: 7, maxDigits: 13, nonPersonalPrefixes: ['20', '771', '900'], switchboardSuffixes: ['000'] };

test('nationalNumber strips the +46 / 0046 / 0 prefix and separators', () => {
  expect(['+46 40-123 45 67', '0046 40 1234567', '040/123 45 67', '+46 (0)40 123 45 67', '0040123', '+4740123', '46 40 123'].map(nationalNumber)).toEqual([
    '401234567',
    '401234567',
    '401234567',
    '401234567',
    undefined,
    undefined,
    undefined,
  ]);
});

test('classifyPhone', () => {
  expect(['040-123 45 67', '0701234567', '0401', '+46 0 0 40', '020-12 34 56', '0900-123 45 67', '046-17 10 00', '04012345678901234'].map((p) => classifyPhone(p, rules))).toEqual([
    'ok',
    'ok',
    'malformed',
    'malformed',
    'non-personal',
    'non-personal',
    'switchboard',
    'malformed',
  ]);
});
