/** The screening instruments (AUDIT, DUDIT) as rule params, and how to find their Observations. */
import type { Observation } from '@medplum/fhirtypes';
import { z } from 'zod';
import type { Located } from '../bundle-index.ts';
import type { ReferralModel } from '../referral.ts';

export const instrumentSchema = z.strictObject({
  name: z.string(),
  system: z.url(),
  code: z.string(),
  min: z.number(),
  max: z.number(),
});
export type Instrument = z.infer<typeof instrumentSchema>;

export function observationsOf(model: ReferralModel, instrument: Instrument): Located<Observation>[] {
  return model.observations.filter(
    (o) =>
      o.resource.status !== 'entered-in-error' &&
      o.resource.status !== 'cancelled' &&
      (o.resource.code.coding ?? []).some((c) => c.system === instrument.system && c.code === instrument.code),
  );
}

/** The score and the FHIRPath of its value element, when the Observation has one. */
export function scoreOf(o: Located<Observation>): { value: number; path: string } | undefined {
  if (o.resource.valueInteger !== undefined) {
    return { value: o.resource.valueInteger, path: `${o.path}.valueInteger` };
  }
  if (o.resource.valueQuantity?.value !== undefined) {
    return { value: o.resource.valueQuantity.value, path: `${o.path}.valueQuantity.value` };
  }
  return undefined;
}
