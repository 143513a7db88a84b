/**
 * Acknowledgements: when does a receiver's answer mean "delivered"? HTTP 2xx, and for message formats the
 * application ack too: HL7 v2 MSA-1 = AA (standards.md §4), RIV-TA resultCode OK or INFO (standards.md §3:
 * INFO = processed, with information). Everything else is a failure; some failures are permanent (retrying
 * cannot help) and go straight to the dead letters with the reason.
 */
import type { PayloadFormat } from './config.ts';

export interface ReceiverResponse {
  readonly status: number;
  readonly contentType: string | null;
  readonly body: string;
}

export type AckResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly permanent: boolean; readonly reason: string };

/** HTTP statuses worth retrying: server errors and the 4xx that mean "later" (timeout, conflict, rate limit). */
const RETRYABLE_4XX = new Set([408, 409, 423, 425, 429]);

export function interpretResponse(format: PayloadFormat, res: ReceiverResponse): AckResult {
  if (res.status < 200 || res.status >= 300) {
    const permanent = res.status >= 400 && res.status < 500 && !RETRYABLE_4XX.has(res.status);
    return { ok: false, permanent, reason: `HTTP ${String(res.status)}` };
  }
  switch (format) {
    case 'hl7':
      return hl7Ack(res.body);
    case 'riv':
      return rivAck(res.body);
    case 'fhir':
    case 'flat':
      return { ok: true };
  }
}

/** MSA-1: AA accept; AE error (retry); AR reject (permanent). Also the enhanced-mode CA/CE/CR. */
export function hl7Ack(body: string): AckResult {
  const segments = body.trim().split(/\r\n|\r|\n/);
  const msh = segments[0];
  const msa = segments.find((s) => s.startsWith('MSA'));
  if (!msh?.startsWith('MSH') || !msa) {
    return { ok: false, permanent: false, reason: 'HL7 ACK missing (no MSH/MSA)' };
  }
  const code = msa.split(msh.charAt(3))[1] ?? '';
  if (code === 'AA' || code === 'CA') {
    return { ok: true };
  }
  return { ok: false, permanent: code === 'AR' || code === 'CR', reason: `HL7 ACK MSA-1=${code.slice(0, 4)}` };
}

export function rivAck(body: string): AckResult {
  const code = /<(?:\w+:)?resultCode>\s*([A-Z_]+)\s*</.exec(body)?.[1];
  if (code === 'OK' || code === 'INFO') {
    return { ok: true };
  }
  if (code === undefined) {
    return { ok: false, permanent: false, reason: 'RIV resultCode missing' };
  }
  const errorCode = /<(?:\w+:)?errorCode>\s*([A-Z_]+)\s*</.exec(body)?.[1];
  // VALIDATION_ERROR will fail again unchanged; APPLICATION_ERROR may be transient on the receiver's side.
  return { ok: false, permanent: errorCode === 'VALIDATION_ERROR', reason: `RIV resultCode=${code}${errorCode ? ` errorCode=${errorCode}` : ''}` };
}
