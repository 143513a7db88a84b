/**
 * All IG examples and their manifest (`profiles/examples.json`): the validator's test corpus. Written into
 * `profiles/package/example/` by `npm run ig:build` / `npm run ig:examples`.
 */
import type { Resource } from '@medplum/fhirtypes';
import { INVALID_EXAMPLES } from './invalid.ts';
import { referralBundle } from './referral.ts';
import { VALID_SPECS, WARNING_SPEC } from './valid.ts';
import { WORKFLOW_EXAMPLES } from './workflow.ts';

export interface ExampleManifestEntry {
  /** Path relative to `profiles/package/`, e.g. `example/Bundle-ex-valid-f32-1-depression-kbt.json`. */
  file: string;
  /** True when the example has no error (warnings allowed). */
  valid: boolean;
  /** The one rule the example breaks (CodeSystem rb-issue), or null. */
  rule: string | null;
  /** Severity of `rule` (for rule = null: "error", meaning no issue expected). */
  severity: 'error' | 'warning';
  /** Issues that necessarily accompany `rule` (e.g. the profile invariant mirroring a regional rule). */
  also: string[];
  /** The profile the example claims. */
  profile: string;
  description: string;
}

export interface Examples {
  resources: Resource[];
  manifest: ExampleManifestEntry[];
}

const fileOf = (resource: Resource): string => `example/${resource.resourceType}-${resource.id ?? ''}.json`;

export function buildExamples(): Examples {
  const resources: Resource[] = [];
  const manifest: ExampleManifestEntry[] = [];
  const add = (resource: Resource, entry: Omit<ExampleManifestEntry, 'file' | 'profile'>): void => {
    resources.push(resource);
    manifest.push({ file: fileOf(resource), profile: resource.meta?.profile?.[0] ?? '', ...entry });
  };
  for (const spec of VALID_SPECS) {
    add(referralBundle(spec, `ex-${spec.name}`), {
      valid: true,
      rule: null,
      severity: 'error',
      also: [],
      description: spec.assessment,
    });
  }
  add(referralBundle(WARNING_SPEC, `ex-${WARNING_SPEC.name}`), {
    valid: true,
    rule: 'REM-REFERRER-PSYCHOLOGIST',
    severity: 'warning',
    also: [],
    description: 'Remittenten är läkare, inte psykolog: varning, remissen är giltig (000:29). / Referrer is a physician: warning only.',
  });
  for (const invalid of INVALID_EXAMPLES) {
    add(invalid.build(`ex-${invalid.name}`), {
      valid: false,
      rule: invalid.rule,
      severity: invalid.severity,
      also: invalid.also,
      description: invalid.description,
    });
  }
  for (const workflow of WORKFLOW_EXAMPLES) {
    add(workflow.resource, {
      valid: workflow.valid,
      rule: workflow.rule,
      severity: 'error',
      also: workflow.also,
      description: workflow.description,
    });
  }
  return { resources, manifest };
}


