import fc from 'fast-check';
import { canonicalJson, contentHash, sameJson } from './canonical.ts';

/** The definition: JSON.stringify of a deep copy with sorted keys (what stored idempotency hashes were made with). */
function reference(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      return v.map(sortKeys);
    }
    if (typeof v !== 'object' || v === null) {
      return v;
    }
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v).filter(([, y]) => y !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      Object.defineProperty(out, k, { value: sortKeys(x), enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  return JSON.stringify(sortKeys(value));
}

test('canonicalJson is JSON.stringify of the key-sorted copy, for any JSON (unicode keys and strings included)', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      expect(canonicalJson(value)).toBe(reference(value));
    }),
    { numRuns: 2000 },
  );
});

test('key order and undefined members do not change the text or the hash; values do', () => {
  expect(canonicalJson({ b: 1, a: { d: [2, undefined, 1], c: undefined } })).toBe('{"a":{"d":[2,null,1]},"b":1}');
  expect(sameJson({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
  expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  expect(contentHash({ x: 'å', y: 1 })).toBe(contentHash({ y: 1, x: 'å' }));
  expect(contentHash({ x: 'å' })).not.toBe(contentHash({ x: 'a' }));
});

test('a __proto__ key from parsed JSON is an ordinary member', () => {
  const parsed: unknown = JSON.parse('{"b":1,"__proto__":{"polluted":true}}');
  expect(canonicalJson(parsed)).toBe('{"__proto__":{"polluted":true},"b":1}');
  expect(canonicalJson(parsed)).toBe(reference(parsed));
  expect(Reflect.get({}, 'polluted')).toBeUndefined();
});
