import { SYSTEM_PERSONNUMMER, SYSTEM_SAMORDNINGSNUMMER } from './constants.ts';
import { birthDateFromIdentifier, hasValidCheckDigit, luhnCheckDigit } from './personnummer.ts';

test('Luhn check digit (standards.md §1): 19121212-1212 is valid', () => {
  expect(luhnCheckDigit('121212121')).toBe(2);
  expect([hasValidCheckDigit('191212121212'), hasValidCheckDigit('19121212-1212'), hasValidCheckDigit('191212121213'), hasValidCheckDigit('1212121212')]).toEqual([true, false, false, false]);
});

test('birth date from personnummer and samordningsnummer (day + 60); nonsense dates give none', () => {
  expect(birthDateFromIdentifier({ system: SYSTEM_PERSONNUMMER, value: '199005152385' })).toBe('1990-05-15');
  expect(birthDateFromIdentifier({ system: SYSTEM_SAMORDNINGSNUMMER, value: '199005752382' })).toBe('1990-05-15');
  expect(birthDateFromIdentifier({ system: SYSTEM_PERSONNUMMER, value: '199002302385' })).toBeUndefined();
  expect(birthDateFromIdentifier({ system: 'urn:other', value: '199005152385' })).toBeUndefined();
});
