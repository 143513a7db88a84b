/**
 * REM-REFERRER-LICENSED: the referrer is a licensed psychologist or physician at the listing vårdcentral
 * (000_c04719a0eada0e20.txt:61); REM-REFERRER-PSYCHOLOGIST (warning): psychologist preferred (000:29). Accepted when
 * the Practitioner has a legitimation code (urn:oid:1.2.752.116.3.1.3) or the PractitionerRole a profession code
 * (rb-referrer-profession) from the lists. `onlyWhen` limits the rule to referrers matching those lists (so the
 * psychologist warning does not pile onto an unlicensed referrer's error).
 */
import type { Coding } from '@medplum/fhirtypes';
import { z } from 'zod';
import { arrayOf, element } from '../arrays.ts';
import { SYSTEM_LEGITIMATION, SYSTEM_PROFESSION } from '../constants.ts';
import type { ReferralModel } from '../referral.ts';
import { defineKind } from './kind.ts';

const lists = z.strictObject({ legitimations: z.array(z.string()), professions: z.array(z.string()) });

/** Appends the codes of `system` among the codings, in order. */
function codesOf(codings: readonly Coding[], system: string, into: string[]): void {
  const list = arrayOf(codings);
  for (let i = 0; i < list.length; i++) {
    const c = element(list, i);
    if (c.system === system && c.code) {
      into.push(c.code);
    }
  }
}

function credentials(model: ReferralModel): { legitimations: string[]; professions: string[] } {
  const legitimations: string[] = [];
  const qualifications = arrayOf(model.practitioner?.resource.qualification ?? []);
  for (let i = 0; i < qualifications.length; i++) {
    codesOf(element(qualifications, i).code.coding ?? [], SYSTEM_LEGITIMATION, legitimations);
  }
  const professions: string[] = [];
  const codes = arrayOf(model.role?.resource.code ?? []);
  for (let i = 0; i < codes.length; i++) {
    codesOf(element(codes, i).coding ?? [], SYSTEM_PROFESSION, professions);
  }
  return { legitimations, professions };
}

function matches(have: { legitimations: string[]; professions: string[] }, want: z.infer<typeof lists>): boolean {
  return have.legitimations.some((l) => want.legitimations.includes(l)) || have.professions.some((p) => want.professions.includes(p));
}

export const referrerLicensed = defineKind({
  kind: 'referrer-licensed',
  vars: ['profession'],
  params: z.strictObject({ accept: lists, onlyWhen: lists.optional() }),
  check(model, params) {
    if (!model.role) {
      return [];
    }
    const have = credentials(model);
    if ((params.onlyWhen && !matches(have, params.onlyWhen)) || matches(have, params.accept)) {
      return [];
    }
    const profession = have.professions[0] ?? have.legitimations[0] ?? '-';
    return [{ expression: model.role.resource.code ? `${model.role.path}.code[0]` : model.role.path, vars: { profession } }];
  },
});
