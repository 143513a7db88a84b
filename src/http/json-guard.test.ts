import { OperationOutcomeError } from '../fhir/outcomes.ts';
import { checkJson, parseJson } from './json-guard.ts';

const limits = { maxDepth: 5, maxArray: 3 };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof OperationOutcomeError ? err.outcome.issue[0]?.details?.coding?.[0]?.code : 'other';
  }
  return undefined;
}

test('accepts ordinary JSON within the limits', () => {
  expect(parseJson('{"a":[1,2,{"b":"c"}]}', limits)).toEqual({ a: [1, 2, { b: 'c' }] });
});

test('depth is counted for objects and arrays alike', () => {
  expect(codeOf(() => { checkJson({ a: { b: { c: { d: {} } } } }, limits); })).toBeUndefined();
  expect(codeOf(() => { checkJson({ a: { b: { c: { d: { e: {} } } } } }, limits); })).toBe('HTTP-JSON-DEPTH');
  expect(codeOf(() => { checkJson([[[[[[]]]]]], limits); })).toBe('HTTP-JSON-DEPTH');
});

test('a million-deep array does not overflow the stack', () => {
  const text = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
  expect(codeOf(() => parseJson(text, { maxDepth: 64, maxArray: 10 }))).toBe('HTTP-JSON-DEPTH');
});

test('arrays longer than the limit, prototype keys, malformed text', () => {
  expect(codeOf(() => { checkJson({ a: [1, 2, 3, 4] }, limits); })).toBe('HTTP-JSON-ARRAY');
  expect(codeOf(() => parseJson('{"x":{"__proto__":{"y":1}}}', limits))).toBe('HTTP-JSON-KEY');
  expect(codeOf(() => parseJson('{"prototype":1}', limits))).toBe('HTTP-JSON-KEY');
  expect(codeOf(() => parseJson('{"a":', limits))).toBe('HTTP-JSON-MALFORMED');
});

test('the malformed-JSON outcome gives a position, never the text', () => {
  try {
    parseJson('{"pnr":"199001012385",}', limits);
  } catch (err) {
    const text = JSON.stringify((err as OperationOutcomeError).outcome);
    expect(text).not.toContain('199001012385');
    expect(text).toMatch(/position \d+/);
    return;
  }
  throw new Error('expected a failure');
});
