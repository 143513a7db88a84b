import fc from 'fast-check';
import { compileLabel, matchLine, parseLines } from './lines.ts';

/** The per-call matcher the prepared patterns replaced, kept as the oracle. */
function matchLabelOracle(pattern: string, label: string): { matched: boolean; index?: number } {
  if (!pattern.includes('[*]')) {
    return { matched: pattern.toLowerCase() === label.toLowerCase() };
  }
  const [before = '', after = ''] = pattern.split('[*]');
  const low = label.toLowerCase();
  if (!low.startsWith(before.toLowerCase()) || !low.endsWith(after.toLowerCase())) {
    return { matched: false };
  }
  const middle = label.slice(before.length, label.length - after.length);
  return /^\d+$/.test(middle) ? { matched: true, index: Number(middle) - 1 } : { matched: false };
}

const word = fc.constantFrom('Tidigare', 'behandling', 'typ', 'TYP', 'Telefon', 'direkt', 'Å', 'ö');
const label = fc.tuple(fc.array(word, { maxLength: 3 }), fc.option(fc.integer({ min: 0, max: 120 })), fc.array(word, { maxLength: 2 })).map(
  ([a, n, b]) => [...a, ...(n === null ? [] : [String(n)]), ...b].join(' '),
);
const pattern = fc.tuple(fc.array(word, { maxLength: 3 }), fc.boolean(), fc.array(word, { maxLength: 2 })).map(([a, star, b]) => [...a, ...(star ? ['[*]'] : []), ...b].join(' '));

describe('structured line labels', () => {
  it('a prepared pattern matches exactly as the per-call matcher did, with the same running number', () => {
    fc.assert(
      fc.property(pattern, label, (p, l) => {
        const [line] = parseLines(`${l}: värde`);
        fc.pre(line !== undefined);
        const got = matchLine(compileLabel(p), line);
        const want = matchLabelOracle(p, line.label);
        expect(got !== undefined).toBe(want.matched);
        if (want.matched) {
          expect(got).toBe(want.index ?? -1);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('matches case-insensitively and reads the running number 1-based', () => {
    const [line] = parseLines('Tidigare behandling 2 TYP: KBT');
    expect(line?.lower).toBe('tidigare behandling 2 typ');
    expect(matchLine(compileLabel('tidigare behandling [*] typ'), line!)).toBe(1);
    expect(matchLine(compileLabel('Tidigare behandling 2 typ'), line!)).toBe(-1);
    expect(matchLine(compileLabel('Tidigare behandling [*] längd'), line!)).toBeUndefined();
  });
});
