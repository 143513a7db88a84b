/**
 * The synchronous RIV-TA answer to an inbound ProcessRequest (or Confirmation/Outcome): resultCode OK, INFO or
 * ERROR with errorCode VALIDATION_ERROR (the message was refused for its content) or APPLICATION_ERROR (we failed),
 * standards.md §3. The result text lists the issues (Swedish text and source position), never patient data.
 */
import type { OperationOutcome } from '@medplum/fhirtypes';
import { RIV_NS, xmlElement } from '../../parse/riv/write.ts';

export type RivErrorCode = 'VALIDATION_ERROR' | 'APPLICATION_ERROR';

export function rivResponse(responseElement: string, outcome?: OperationOutcome, errorCode: RivErrorCode = 'VALIDATION_ERROR'): string {
  const errors = outcome?.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal') ?? [];
  const infos = outcome?.issue.filter((i) => i.severity === 'warning' || i.severity === 'information') ?? [];
  const text = (outcome?.issue ?? []).map((i) => `${i.details?.coding?.[0]?.code ?? i.code}: ${i.details?.text ?? ''}${i.diagnostics ? ` [${i.diagnostics}]` : ''}${i.expression?.[0] ? ` (${i.expression[0]})` : ''}`).join('\n');
  const result =
    errors.length > 0
      ? { resultCode: 'ERROR', errorCode, resultText: text }
      : infos.length > 0
        ? { resultCode: 'INFO', resultText: text }
        : { resultCode: 'OK' };
  const ns = RIV_NS[responseElement.replace(/Response$/, '')]?.replace(/Responder:1$/, 'Responder:1') ?? RIV_NS.ProcessRequest;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xmlElement(responseElement, { '@_xmlns': ns, result }, '')}`;
}
