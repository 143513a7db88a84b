/** `--format json`: a FHIR Bundle (type collection) with one OperationOutcome per file, fullUrl = the file. */
import { pathToFileURL } from 'node:url';
import type { Bundle } from '@medplum/fhirtypes';
import type { FileResult } from './types.ts';

export function formatJson(results: readonly FileResult[]): string {
  const bundle: Bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: results.map((r) => ({ fullUrl: pathToFileURL(r.file).href, resource: r.outcome })),
  };
  return `${JSON.stringify(bundle, null, 2)}\n`;
}
