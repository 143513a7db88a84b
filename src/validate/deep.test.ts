import fc from 'fast-check';
import { deepEquals, deepIncludes } from './deep.ts';

// The definitions the loops replaced (Object.keys / Object.entries with closures), kept as the oracle.
function equalsOracle(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return false;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => equalsOracle(x, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => equalsOracle((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function includesOracle(value: unknown, pattern: unknown): boolean {
  if (typeof pattern !== 'object' || pattern === null) {
    return value === pattern;
  }
  if (Array.isArray(pattern)) {
    return Array.isArray(value) && pattern.every((p) => value.some((v) => includesOracle(v, p)));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const v = value as Record<string, unknown>;
  return Object.entries(pattern).every(([k, p]) => includesOracle(v[k], p));
}

// Small JSON over few keys and values, so equal and included pairs occur often.
const leaf = fc.constantFrom<unknown>('a', 'b', 1, 2, true, null, undefined);
const { json } = fc.letrec((tie) => ({
  json: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('arr'), tie('obj')),
  arr: fc.array(tie('json'), { maxLength: 3 }),
  obj: fc.dictionary(fc.constantFrom('system', 'code', 'x'), tie('json'), { maxKeys: 3 }),
}));

describe('deep comparisons', () => {
  it('deepEquals agrees with the Object.keys definition', () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(deepEquals(a, b)).toBe(equalsOracle(a, b));
        expect(deepEquals(a, structuredClone(a))).toBe(equalsOracle(a, structuredClone(a)));
      }),
      { numRuns: 5000 },
    );
  });

  it('deepIncludes agrees with the Object.entries definition', () => {
    fc.assert(
      fc.property(json, json, (v, p) => {
        expect(deepIncludes(v, p)).toBe(includesOracle(v, p));
        expect(deepIncludes(v, v)).toBe(includesOracle(v, v));
      }),
      { numRuns: 5000 },
    );
  });

  it('matches a Coding pattern by inclusion and a fixed value exactly', () => {
    const coding = { system: 'http://snomed.info/sct', code: '123', display: 'x' };
    expect(deepIncludes({ coding: [{ system: 'urn:a', code: '1' }, coding] }, { coding: [{ system: coding.system, code: '123' }] })).toBe(true);
    expect(deepIncludes({ coding: [coding] }, { coding: [{ system: coding.system, code: '124' }] })).toBe(false);
    expect(deepEquals(coding, { ...coding })).toBe(true);
    expect(deepEquals(coding, { system: coding.system, code: '123' })).toBe(false);
    expect(deepEquals([1, 2], [2, 1])).toBe(false);
  });
});
