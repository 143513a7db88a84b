/** If-Match handling shared by the update operations (https://hl7.org/fhir/R4/http.html#concurrency). */
import { outcomeError, preconditionFailedOutcome } from '../fhir/outcomes.ts';

/** `W/"3"`, `"3"` or `3` → `3` */
export function versionOfETag(etag: string): string {
  return etag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

/** 412 when the caller's If-Match names another version than the stored one. */
export function checkIfMatch(ifMatch: string | undefined, resourceType: string, id: string, current: string | undefined): void {
  if (ifMatch === undefined || versionOfETag(ifMatch) === current) {
    return;
  }
  throw outcomeError(
    preconditionFailedOutcome({
      // Same id as the store's own check (which catches a concurrent write): one code for a 412, whoever detects it.
      id: 'STORE-VERSION-CONFLICT',
      text: {
        sv: `Versionskonflikt: ${resourceType}/${id} har version ${current ?? '?'}, begäran gällde ${versionOfETag(ifMatch)}`,
        en: `Version conflict: ${resourceType}/${id} is at version ${current ?? '?'}, the request expected ${versionOfETag(ifMatch)}`,
      },
      diagnostics: `If-Match: ${ifMatch}`,
    }),
  );
}
