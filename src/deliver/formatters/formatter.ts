/**
 * The Formatter seam: one file per payload format (fhir here; riv, hl7 and flat come from the mapping service).
 * A formatter turns an outbox event plus the current resources into the bytes sent, and may read the receiver's
 * application acknowledgement (default: ack.ts by format). The registry is keyed by format and built once at
 * start-up from a list, so adding a format means adding a file and one list entry where the app is wired.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { AckResult, ReceiverResponse } from '../ack.ts';
import type { Destination, PayloadFormat } from '../config.ts';

export interface DeliveryEvent {
  /** The outbox id: also the idempotency key receivers use to drop duplicates. */
  readonly id: number;
  readonly eventType: string;
  readonly destination: string;
  readonly aggregateKey: string;
  readonly created: Date;
  readonly attempt: number;
}

export interface FormatInput {
  readonly event: DeliveryEvent;
  /** The current versions of the resources the event names (and what they reference), loaded by id. */
  readonly resources: readonly Resource[];
  readonly destination: Destination;
}

export interface FormattedMessage {
  readonly body: string;
  readonly contentType: string;
}

export type RenderResult = FormattedMessage | { readonly skip: string };

export interface Formatter {
  readonly format: PayloadFormat;
  /**
   * The message, or `{ skip }` when the format has no message for this event (e.g. RIV-TA has none for a
   * Communication or an on-hold Task): the event is then recorded as done with the reason, not sent.
   */
  render(input: FormatInput): RenderResult | Promise<RenderResult>;
  /** Reads the application-level ack of a 2xx answer; absent = ack.ts's rule for `format`. */
  parseAck?(response: ReceiverResponse): AckResult;
}

export interface FormatterRegistry {
  get(format: PayloadFormat): Formatter | undefined;
  formats(): PayloadFormat[];
}

export function createFormatterRegistry(formatters: readonly Formatter[]): FormatterRegistry {
  const byFormat = new Map<PayloadFormat, Formatter>();
  for (const f of formatters) {
    if (byFormat.has(f.format)) {
      throw new Error(`two formatters for format ${f.format}`);
    }
    byFormat.set(f.format, f);
  }
  return {
    get: (format) => byFormat.get(format),
    formats: () => [...byFormat.keys()],
  };
}
