/**
 * REM-PNR-CHECKDIGIT: the patient's personnummer/samordningsnummer is 12 digits with a valid Luhn check digit
 * (standards.md §1); the identity decides the age rule (000_c04719a0eada0e20.txt:55). The value is never put in
 * the message.
 */
import type { Patient } from '@medplum/fhirtypes';
import { z } from 'zod';
import { hasValidCheckDigit } from '../personnummer.ts';
import { defineKind } from './kind.ts';

export const pnrCheckDigit = defineKind({
  kind: 'pnr-checkdigit',
  vars: [],
  params: z.strictObject({ systems: z.array(z.string()).min(1) }),
  check(model, params) {
    return model.index.ofType<Patient>('Patient').flatMap((p) =>
      (p.resource.identifier ?? []).flatMap((id, i) =>
        id.system && params.systems.includes(id.system) && !hasValidCheckDigit(id.value ?? '') ? [{ expression: `${p.path}.identifier[${i}].value` }] : [],
      ),
    );
  },
});
