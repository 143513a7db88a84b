import { luhnCheckDigit, normalisePersonId, PERSONNUMMER_SYSTEM, SAMORDNINGSNUMMER_SYSTEM } from './personnummer.ts';

describe('personnummer', () => {
  it('computes the Luhn check digit of standards.md §1', () => {
    expect(luhnCheckDigit('121212121')).toBe(2);
    expect(luhnCheckDigit('121272121')).toBe(9);
  });

  it.each([
    ['191212121212', '191212121212'],
    ['19121212-1212', '191212121212'],
    ['121212+1212', '191212121212'],
    ['121212-1212', '201212121212'],
    ['1212121212', '201212121212'],
  ])('%s → %s', (input, expected) => {
    const r = normalisePersonId(input, '2025-06-01');
    expect(r.ok && r.value.value).toBe(expected);
    expect(r.ok && r.value.system).toBe(PERSONNUMMER_SYSTEM);
  });

  it('recognises a samordningsnummer (day + 60) and its birth date', () => {
    const r = normalisePersonId('19121272-1219', '2025-06-01');
    expect(r.ok && r.value).toEqual({ value: '191212721219', system: SAMORDNINGSNUMMER_SYSTEM, birthDate: '1912-12-12' });
  });

  it('refuses a wrong check digit, an impossible date and other shapes', () => {
    const check = normalisePersonId('19121212-1213', '2025-06-01');
    expect(!check.ok && check.problem.id).toBe('MAP-PNR-CHECK-DIGIT');
    const date = normalisePersonId('19121312-1212', '2025-06-01');
    expect(!date.ok && date.problem.id).toBe('MAP-PNR-DATE');
    const shape = normalisePersonId('1212', '2025-06-01');
    expect(!shape.ok && shape.problem.id).toBe('MAP-PNR-FORMAT');
  });

  it('never puts the number in the problem text', () => {
    const r = normalisePersonId('19121212-1213', '2025-06-01');
    expect(!r.ok && JSON.stringify(r.problem).includes('1212')).toBe(false);
  });
});
