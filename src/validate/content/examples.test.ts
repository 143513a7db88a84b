/**
 * The IG's example corpus (profiles/examples.json, written by the IG) is the contract: every valid example gets no
 * content error (a warning example gets its warning), every invalid example whose rule is a content rule fails
 * with that rule, and no example gets a content error outside its rule and the manifest's `also` list.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import { z } from 'zod';
import { loadDefinitions } from '../index.ts';
import type { Definitions } from '../types.ts';
import { createContentCheck } from './index.ts';

const PROFILES = join(import.meta.dirname, '../../../profiles');
const manifestSchema = z.array(
  z.object({ file: z.string(), valid: z.boolean(), rule: z.string().nullable(), severity: z.enum(['error', 'warning']), also: z.array(z.string()).default([]) }),
);
const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(PROFILES, 'examples.json'), 'utf8')));
const check = createContentCheck();
let defs: Definitions;

beforeAll(async () => {
  defs = await loadDefinitions({ igDir: join(PROFILES, 'package') });
});

const isContentRule = (id: string | null): boolean => id !== null && /^(REM|QR|BUNDLE)-/.test(id);

test('the manifest has valid and invalid referral bundles for every content rule it names', () => {
  expect(manifest.filter((e) => e.valid && e.file.includes('Bundle-')).length).toBeGreaterThanOrEqual(4);
  expect(manifest.filter((e) => isContentRule(e.rule)).length).toBeGreaterThanOrEqual(15);
});

test.each(manifest.map((e) => [e.file, e] as const))('%s gets its expected content verdict', (file, e) => {
  const resource: Resource = JSON.parse(readFileSync(join(PROFILES, 'package', file), 'utf8'));
  const issues = check(resource, { defs, basePath: resource.resourceType });
  const errors = issues.filter((i) => i.severity === 'error').map((i) => i.details?.coding?.[0]?.code ?? '?');
  const warnings = issues.filter((i) => i.severity === 'warning').map((i) => i.details?.coding?.[0]?.code ?? '?');
  const allowed = new Set([...(e.rule ? [e.rule] : []), ...e.also]);
  expect(errors.filter((id) => !allowed.has(id))).toEqual([]);
  if (e.rule && isContentRule(e.rule)) {
    expect(e.severity === 'warning' ? warnings : errors).toContain(e.rule);
  }
  if (e.valid) {
    expect(errors).toEqual([]);
  }
});
