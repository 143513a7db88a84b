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

/** What the walk over one resource needs; one object per check, updated per entry (no closure per entry). */
interface Walk {
  readonly model: ReferralModel;
  readonly issues: OperationOutcomeIssue[];
  readonly segs: Segments;
  path: string;
  contained: ReadonlySet<unknown>;
}

const NO_IDS: ReadonlySet<unknown> = new Set();

function onReference(w: Walk, reference: string): void {
  const ok = reference.startsWith('#') ? reference === '#' || w.contained.has(reference.slice(1)) : !isLocalReference(reference) || w.model.index.resolve(reference) !== undefined;
  if (!ok) {
    w.issues.push(
      bundleIssue(
        'BUNDLE-REF-UNRESOLVED',
        'not-found',
        { sv: `Referensen ${reference} pekar inte på någon resurs i remissen.`, en: `Reference ${reference} does not point at a resource in the referral.` },
        pathOf(w.path, w.segs),
      ),
    );
  }
}

function visit(node: object, w: Walk): void {
  const segs = w.segs;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const v: unknown = node[i];
      if (typeof v === 'object' && v !== null) {
        segs.push(i);
        visit(v, w);
        segs.pop();
      }
    }
    return;
  }
  // A JSON object read by key (an indexed load is cheaper here than Reflect.get: this visits every element)
  const record = node as Readonly<Record<string, unknown>>;
  for (const key in record) {
    const value = record[key];
    if (typeof value === 'object') {
      if (value !== null) {
        segs.push(key);
        visit(value, w);
        segs.pop();
      }
    } else if (key === 'reference' && typeof value === 'string') {
      segs.push(key);
      onReference(w, value);
      segs.pop();
    }
  }
}

function containedIds(resource: Resource): ReadonlySet<unknown> {
  return new Set((('contained' in resource ? resource.contained : undefined) ?? []).map((c: Resource) => c.id));
}

export function checkReferences(model: ReferralModel): OperationOutcomeIssue[] {
  const w: Walk = { model, issues: [], segs: [], path: '', contained: NO_IDS };
  for (const { resource, path } of model.index.entries) {
    const contained: unknown = 'contained' in resource ? resource.contained : undefined;
    w.contained = contained === undefined || contained === null ? NO_IDS : containedIds(resource);
    w.path = path;
    visit(resource, w);
  }
  return w.issues;
}
