/**
 * REM-DIRECT-PHONE: the referrer's PractitionerRole has a phone for direct contact (telecom system = phone)
 * (domain.md §2 #7, 000_c04719a0eada0e20.txt:353-354: "telefonnummer för direktkontakt med remittent").
 */
import type { ContactPoint } from '@medplum/fhirtypes';
import { z } from 'zod';
import { arrayOf, element } from '../arrays.ts';
import { defineKind } from './kind.ts';

/** Phones of the role that can be used today (use ≠ old), with their index in telecom. */
export function rolePhones(telecom: readonly ContactPoint[] | undefined): { value: string; index: number }[] {
  const list = arrayOf(telecom ?? []);
  const phones: { value: string; index: number }[] = [];
  for (let index = 0; index < list.length; index++) {
    const t = element(list, index);
    if (t.system === 'phone' && t.use !== 'old' && t.value !== undefined && t.value.trim() !== '') {
      phones.push({ value: t.value, index });
    }
  }
  return phones;
}

export const directPhone = defineKind({
  kind: 'direct-phone',
  vars: [],
  params: z.strictObject({}),
  check(model) {
    if (!model.role) {
      return [{ expression: `${model.request.path}.requester` }];
    }
    const telecom = model.role.resource.telecom;
    return rolePhones(telecom).length > 0 ? [] : [{ expression: telecom ? `${model.role.path}.telecom` : model.role.path }];
  },
});
