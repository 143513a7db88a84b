/**
 * Destination configuration: the schema is the single source of truth (types via z.infer), validated at the edge
 * (config/destinations.json, admin API, Subscriptions). Secrets are not stored here: headers name values only.
 */
import { z } from 'zod';

export const FORMATS = ['fhir', 'riv', 'hl7', 'flat'] as const;
export type PayloadFormat = (typeof FORMATS)[number];

export const DESTINATION_KINDS = ['fhir', 'webhook', 'subscription'] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

/** Retry policy: exponential backoff with full jitter, bounded by attempts AND age (standards.md §5). */
export const retryPolicySchema = z.object({
  maxAttempts: z.number().int().min(1).max(100).default(8),
  /** Give up (dead letter) once the event is older than this, whatever the attempt count. */
  maxAgeMs: z.number().int().min(1000).default(3 * 24 * 3600 * 1000),
  baseDelayMs: z.number().int().min(1).default(5_000),
  maxDelayMs: z.number().int().min(1).default(3600 * 1000),
});
export type RetryPolicy = z.infer<typeof retryPolicySchema>;

const headerName = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);

export const destinationSchema = z.object({
  /** Outbox destination key: the receiving organisation's HSA-id. */
  destination: z.string().min(1).max(64),
  kind: z.enum(DESTINATION_KINDS),
  format: z.enum(FORMATS).default('fhir'),
  /** FHIR base URL (kind fhir), webhook URL, or the Subscription's channel.endpoint. */
  url: z.url({ protocol: /^https?$/ }),
  headers: z.record(headerName, z.string().max(1024)).default({}),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  retry: retryPolicySchema.default(retryPolicySchema.parse({})),
  /** Subscription without channel.payload: an empty notification (R4 rest-hook), the receiver then pulls. */
  emptyNotification: z.boolean().default(false),
  /** Subscription id when the row came from a FHIR Subscription. */
  subscriptionId: z.string().optional(),
});
export type Destination = z.infer<typeof destinationSchema>;
export type DestinationInput = z.input<typeof destinationSchema>;

export const destinationsFileSchema = z.object({ destinations: z.array(destinationSchema) });
