/** indicesOf scans the record's keys by hand: it must agree with the plain regex reading of `family[<digits>].…`. */
import fc from 'fast-check';
import { indicesOf } from './record.ts';

/** The former implementation, kept as the reference. */
function reference(rec: Record<string, unknown>, prefix: string): number[] {
  const found = new Set<number>();
  const start = `${prefix}[`;
  for (const key of Object.keys(rec)) {
    if (!key.startsWith(start)) {
      continue;
    }
    const close = key.indexOf('].', start.length);
    const digits = close > start.length ? key.slice(start.length, close) : '';
    if (/^\d+$/.test(digits)) {
      found.add(Number(digits));
    }
  }
  return [...found].sort((a, b) => a - b);
}

describe('indicesOf', () => {
  it('finds the repetitions of a family, sorted and once each', () => {
    const rec = { 'priorTreatment[1].type': 'a', 'priorTreatment[0].date': 'b', 'priorTreatment[1].result': 'c', 'priorTreatment[10].type': 'd', 'patient.id': 'x' };
    expect(indicesOf(rec, 'priorTreatment')).toEqual([0, 1, 10]);
    expect(indicesOf(rec, 'patient')).toEqual([]);
  });

  it('ignores keys that only look like repetitions', () => {
    const rec = { 'priorTreatment[*].type': 1, 'priorTreatment[].type': 1, 'priorTreatment[1]': 1, 'priorTreatment[1x].type': 1, 'priorTreatment[-1].type': 1, 'priorTreatmentX[2].type': 1, 'priorTreatment[007].type': 1 };
    expect(indicesOf(rec, 'priorTreatment')).toEqual([7]);
  });

  it('agrees with the regex reading on generated keys', () => {
    const part = fc.constantFrom('p', 'p[', 'p[1', ']', '].', '.x', '0', '12', '[3]', 'x', '-', '*', 'e5');
    const key = fc.array(part, { maxLength: 6 }).map((ps) => ps.join(''));
    fc.assert(
      fc.property(fc.dictionary(key, fc.constant('v'), { maxKeys: 12 }), (rec) => {
        expect(indicesOf(rec, 'p')).toEqual(reference(rec, 'p'));
      }),
      { numRuns: 2000 },
    );
  });
});
