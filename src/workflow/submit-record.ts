/**
 * What the idempotency table keeps per referral identifier (store: `idempotency.response`), parsed back with
 * zod because it crosses a storage boundary. Ids and a content hash only: no patient data.
 */
import type { Bundle } from '@medplum/fhirtypes';
import { z } from 'zod';

const entrySchema = z.object({ index: z.number().int(), resourceType: z.string(), id: z.string() });

const recordSchema = z.object({
  kind: z.literal('rb-referral-submit'),
  /** sha256 of the canonical bundle content with fullUrls replaced by entry positions (submit.ts). */
  contentHash: z.string(),
  requesterOrg: z.string(),
  ownerOrg: z.string(),
  serviceRequestId: z.string(),
  taskId: z.string(),
  /** Where each request entry was stored. */
  entries: z.array(entrySchema),
  /** The transaction-response Bundle of the first answer (entry statuses as given then). */
  response: z.object({ resourceType: z.literal('Bundle') }).loose(),
});

export interface SubmitRecord {
  readonly kind: 'rb-referral-submit';
  readonly contentHash: string;
  readonly requesterOrg: string;
  readonly ownerOrg: string;
  readonly serviceRequestId: string;
  readonly taskId: string;
  readonly entries: readonly { readonly index: number; readonly resourceType: string; readonly id: string }[];
  readonly response: Bundle;
}

export function parseSubmitRecord(value: unknown): SubmitRecord | undefined {
  const parsed = recordSchema.safeParse(value);
  if (!parsed.success) {
    return undefined;
  }
  const response = parsed.data.response;
  return { ...parsed.data, response: isBundle(response) ? response : { resourceType: 'Bundle', type: 'transaction-response' } };
}

function isBundle(value: { resourceType: 'Bundle' }): value is Bundle {
  return typeof Reflect.get(value, 'type') === 'string';
}
