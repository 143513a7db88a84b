/** REM-AGE-16: patients from 16 years of age at the referral date (domain.md §3, 000_c04719a0eada0e20.txt:55). */
import { z } from 'zod';
import { birthDateFromIdentifier } from '../personnummer.ts';
import { defineKind } from './kind.ts';

/** Whole years between two YYYY-MM-DD dates (birthday reached on the same month and day). */
export function ageAt(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5, 10) >= birthDate.slice(5, 10) ? years : years - 1;
}

export const minAge = defineKind({
  kind: 'min-age',
  vars: ['age', 'minAge'],
  params: z.strictObject({ minAge: z.number().int().positive() }),
  check(model, params) {
    const patient = model.patient;
    if (!patient || !model.referralDate) {
      return [];
    }
    const fromBirthDate = patient.resource.birthDate?.length === 10 ? patient.resource.birthDate : undefined;
    const fromId = fromBirthDate ? undefined : (patient.resource.identifier ?? []).map(birthDateFromIdentifier).find((d) => d !== undefined);
    const birthDate = fromBirthDate ?? fromId;
    if (!birthDate) {
      return [];
    }
    const age = ageAt(birthDate, model.referralDate);
    if (age >= params.minAge) {
      return [];
    }
    return [{ expression: fromBirthDate ? `${patient.path}.birthDate` : `${patient.path}.identifier`, vars: { age, minAge: params.minAge } }];
  },
});
