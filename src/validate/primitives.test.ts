import fc from 'fast-check';
import { checkPrimitive } from './primitives.ts';

/** The definition the arithmetic replaced: the day exists when it is at most the month's last day per Date. */
function dayExists(y: number, m: number, d: number): boolean {
  const last = new Date(Date.UTC(2000, m, 0));
  last.setUTCFullYear(y, m, 0); // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999
  return d <= last.getUTCDate();
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

describe('checkPrimitive: calendar dates', () => {
  it('agrees with Date on every day number of every month from 1582 to 2500', () => {
    const wrong: string[] = [];
    for (let y = 1582; y <= 2500; y++) {
      for (let m = 1; m <= 12; m++) {
        for (let d = 1; d <= 31; d++) {
          const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          const ok = checkPrimitive(s, 'date') === undefined;
          if (ok !== dayExists(y, m, d)) {
            wrong.push(s);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('agrees with Date for any year, for date, dateTime and instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const day = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
        const expected = dayExists(y, m, d);
        expect(checkPrimitive(day, 'date') === undefined).toBe(expected);
        expect(checkPrimitive(`${day}T10:00:00+01:00`, 'dateTime') === undefined).toBe(expected);
        expect(checkPrimitive(`${day}T10:00:00.123Z`, 'instant') === undefined).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('names the problem: 29 February only in leap years, no day 31 in April', () => {
    expect(checkPrimitive('2024-02-29', 'date')).toBeUndefined();
    expect(checkPrimitive('2025-02-29', 'date')).toEqual({ kind: 'format', type: 'date' });
    expect(checkPrimitive('1900-02-29', 'date')).toEqual({ kind: 'format', type: 'date' });
    expect(checkPrimitive('2000-02-29', 'date')).toBeUndefined();
    expect(checkPrimitive('2025-04-31T08:00:00Z', 'dateTime')).toEqual({ kind: 'format', type: 'dateTime' });
    expect(checkPrimitive('2025-04', 'date')).toBeUndefined();
  });
});

describe('checkPrimitive: blank strings', () => {
  it('treats exactly what trim() removes as blank', () => {
    const ws = fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u2003', '\ufeff', '\u3000');
    fc.assert(
      fc.property(fc.array(ws, { minLength: 1, maxLength: 6 }), fc.string({ maxLength: 8 }), (spaces, text) => {
        const blank = spaces.join('');
        expect(checkPrimitive(blank, 'string')).toEqual({ kind: 'empty' });
        const padded = `${blank}${text}${blank}`;
        const expected = padded.trim() === '' ? { kind: 'empty' } : undefined;
        expect(checkPrimitive(padded, 'markdown')).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts ordinary and non-ASCII text', () => {
    for (const s of ['a', 'Åsa', 'ö', '1', '"x"', '~']) {
      expect(checkPrimitive(s, 'string')).toBeUndefined();
    }
  });
});
