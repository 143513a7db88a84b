import type { Resource } from '@medplum/fhirtypes';

export interface ExampleManifestEntry {
  file: string;
  valid: boolean;
  rule: string | null;
  severity: 'error' | 'warning';
}

export function buildExamples(): { resources: Resource[]; manifest: ExampleManifestEntry[] } {
  return { resources: [], manifest: [] };
}
