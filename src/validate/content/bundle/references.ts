/**
 * BUNDLE-REF-UNRESOLVED: every local reference in a referral bundle (`urn:uuid:`/`urn:oid:`, relative `Type/id`)
 * resolves to an entry (by fullUrl or Type/id), and `#id` to a contained resource. Absolute URLs are left
 * alone (they may point at a registry such as the HSA catalogue).
 */
import type { OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import { isLocalReference } from '../bundle-index.ts';
import type { ReferralModel } from '../referral.ts';
import { bundleIssue } from './finding.ts';

function visit(node: unknown, path: string, onRef: (reference: string, path: string) => void): void {
  if (Array.isArray(node)) {
    node.forEach((n, i) => {
      visit(n, `${path}[${i}]`, onRef);
    });
    return;
  }
  if (node === null || typeof node !== 'object') {
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'reference' && typeof value === 'string') {
      onRef(value, `${path}.reference`);
    } else if (typeof value === 'object' && value !== null) {
      visit(value, `${path}.${key}`, onRef);
    }
  }
}

export function checkReferences(model: ReferralModel): OperationOutcomeIssue[] {
  const issues: OperationOutcomeIssue[] = [];
  for (const { resource, path } of model.index.entries) {
    const contained = new Set((('contained' in resource ? resource.contained : undefined) ?? []).map((c: Resource) => c.id));
    visit(resource, path, (reference, at) => {
      const ok = reference.startsWith('#') ? reference === '#' || contained.has(reference.slice(1)) : !isLocalReference(reference) || model.index.resolve(reference) !== undefined;
      if (!ok) {
        issues.push(
          bundleIssue(
            'BUNDLE-REF-UNRESOLVED',
            'not-found',
            { sv: `Referensen ${reference} pekar inte på någon resurs i remissen.`, en: `Reference ${reference} does not point at a resource in the referral.` },
            at,
          ),
        );
      }
    });
  }
  return issues;
}
