/**
 * BUNDLE-REF-UNRESOLVED: every local reference in a referral bundle (`urn:uuid:`/`urn:oid:`, relative `Type/id`)
 * resolves to an entry (by fullUrl or Type/id), and `#id` to a contained resource. Absolute URLs are left
 * alone (they may point at a registry such as the HSA catalogue).
 */
import type { OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import { isLocalReference } from '../bundle-index.ts';
import type { ReferralModel } from '../referral.ts';
import { bundleIssue } from './finding.ts';

/** Path segments: property names and array indices; joined into FHIRPath only when a reference fails. */
type Segments = (string | number)[];

function pathOf(base: string, segs: Segments): string {
  let p = base;
  for (const s of segs) {
    p += typeof s === 'number' ? `[${s}]` : `.${s}`;
  }
  return p;
}

function visit(node: object, segs: Segments, onRef: (reference: string, segs: Segments) => void): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const v: unknown = node[i];
      if (typeof v === 'object' && v !== null) {
        segs.push(i);
        visit(v, segs, onRef);
        segs.pop();
      }
    }
    return;
  }
  for (const key in node) {
    const value: unknown = Reflect.get(node, key);
    if (key === 'reference' && typeof value === 'string') {
      segs.push(key);
      onRef(value, segs);
      segs.pop();
    } else if (typeof value === 'object' && value !== null) {
      segs.push(key);
      visit(value, segs, onRef);
      segs.pop();
    }
  }
}

export function checkReferences(model: ReferralModel): OperationOutcomeIssue[] {
  const issues: OperationOutcomeIssue[] = [];
  for (const { resource, path } of model.index.entries) {
    const contained = new Set((('contained' in resource ? resource.contained : undefined) ?? []).map((c: Resource) => c.id));
    visit(resource, [], (reference, segs) => {
      const ok = reference.startsWith('#') ? reference === '#' || contained.has(reference.slice(1)) : !isLocalReference(reference) || model.index.resolve(reference) !== undefined;
      if (!ok) {
        issues.push(
          bundleIssue(
            'BUNDLE-REF-UNRESOLVED',
            'not-found',
            { sv: `Referensen ${reference} pekar inte på någon resurs i remissen.`, en: `Reference ${reference} does not point at a resource in the referral.` },
            pathOf(path, segs),
          ),
        );
      }
    });
  }
  return issues;
}
