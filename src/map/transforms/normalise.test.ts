import { normaliseIcd10, normaliseIcd10System, ICD10SE_SYSTEM } from './icd10.ts';
import { splitName, joinName } from './name.ts';
import { normalisePhone } from './phone.ts';

describe('ICD-10-SE spelling', () => {
  it.each([
    ['F321', 'F32.1'],
    ['F32.1', 'F32.1'],
    ['f32.1a', 'F32.1'],
    ['F32.1A', 'F32.1'],
    ['F4000', 'F40.00'],
    [' F41 .9 ', 'F41.9'],
    ['F32', 'F32'],
  ])('%s → %s', (input, expected) => {
    const r = normaliseIcd10(input);
    expect(r.ok && r.value).toBe(expected);
  });

  it('refuses what is not a code', () => {
    expect(normaliseIcd10('depression').ok).toBe(false);
    expect(normaliseIcd10('F3').ok).toBe(false);
  });

  it('accepts the OID alias and refuses other systems', () => {
    const alias = normaliseIcd10System('urn:oid:1.2.752.116.1.1.1.1.3');
    expect(alias.ok && alias.value).toBe(ICD10SE_SYSTEM);
    expect(normaliseIcd10System('http://hl7.org/fhir/sid/icd-10').ok).toBe(false);
  });
});

describe('phone', () => {
  it.each([
    ['040-12 34 56', '+4640123456'],
    ['+46 40 123 456', '+4640123456'],
    ['0046 (0)40 123456', '+4640123456'],
    ['+46 (0)40-123456', '+4640123456'],
    ['070-123 45 67', '+46701234567'],
    ['+45 33 12 34 56', '+4533123456'],
  ])('%s → %s', (input, expected) => {
    const r = normalisePhone(input);
    expect(r.ok && r.value).toBe(expected);
  });

  it('refuses text and too short numbers', () => {
    expect(normalisePhone('ring växeln').ok).toBe(false);
    expect(normalisePhone('040').ok).toBe(false);
  });
});

describe('names', () => {
  it('splits and joins "Efternamn, Förnamn"', () => {
    const r = splitName('Andersson Öberg, Anna Maria');
    expect(r.ok && r.value).toEqual({ family: 'Andersson Öberg', given: 'Anna Maria' });
    expect(joinName('Andersson Öberg', 'Anna Maria')).toBe('Andersson Öberg, Anna Maria');
    expect(splitName('Anna Andersson').ok).toBe(false);
  });
});
