/**
 * Native equivalents of the base R4 invariants every referral bundle meets on each element (bdl-*, dom-*,
 * ext-1, ref-1, ...). medplum's FHIRPath evaluator takes 5–20 µs per expression; these take well under one,
 * which is what brings a whole bundle under the 300 µs target (docs/benchmarks.md). Keyed by the exact R4
 * expression text, so a profile's own invariant with the same key but another expression still goes through
 * FHIRPath. `undefined` = "cannot decide natively", evaluate the FHIRPath instead.
 * Expressions: https://hl7.org/fhir/R4/ (bundle.html#invs, domainresource.html#invs, ...).
 */
type Json = Record<string, unknown>;

/** value → verdict; `resource` is the resource the element is in (%resource). */
export type NativeCheck = (value: unknown, resource: unknown) => boolean | undefined;

function obj(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

function list(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

function exists(o: Json | undefined, key: string): boolean {
  return o !== undefined && list(o[key]).length > 0;
}

/** A choice element `stem[x]`: any key `stemXxx`. */
function choiceExists(o: Json | undefined, stem: string): boolean {
  if (!o) {
    return false;
  }
  for (const k in o) {
    if (k.length > stem.length && k.startsWith(stem) && /[A-Z]/.test(k.charAt(stem.length)) && o[k] !== undefined) {
      return true;
    }
  }
  return false;
}

function objects(v: unknown): Json[] {
  const out: Json[] = [];
  for (const x of list(v)) {
    const o = obj(x);
    if (o) {
      out.push(o);
    }
  }
  return out;
}

function contained(v: unknown): Json[] {
  return objects(obj(v)?.contained);
}

function codings(v: unknown): Json[] {
  return objects(obj(v)?.coding);
}

function sameCoding(a: Json, b: Json): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

const DATE_ONLY = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const bundleType = (v: unknown): unknown => obj(v)?.type;

export const NATIVE_INVARIANTS: ReadonlyMap<string, NativeCheck> = new Map<string, NativeCheck>([
  ["total.empty() or (type = 'searchset') or (type = 'history')", (v) =>
    !exists(obj(v), 'total') || bundleType(v) === 'searchset' || bundleType(v) === 'history'],
  ["entry.search.empty() or (type = 'searchset')", (v) =>
    bundleType(v) === 'searchset' || list(obj(v)?.entry).every((e) => !exists(obj(e), 'search'))],
  [
    "entry.all(request.exists() = (%resource.type = 'batch' or %resource.type = 'transaction' or %resource.type = 'history'))",
    (v) => {
      const t = bundleType(v);
      const want = t === 'batch' || t === 'transaction' || t === 'history';
      return list(obj(v)?.entry).every((e) => exists(obj(e), 'request') === want);
    },
  ],
  [
    "entry.all(response.exists() = (%resource.type = 'batch-response' or %resource.type = 'transaction-response' or %resource.type = 'history'))",
    (v) => {
      const t = bundleType(v);
      const want = t === 'batch-response' || t === 'transaction-response' || t === 'history';
      return list(obj(v)?.entry).every((e) => exists(obj(e), 'response') === want);
    },
  ],
  [
    "(type = 'history') or entry.where(fullUrl.exists()).select(fullUrl&resource.meta.versionId).isDistinct()",
    (v) => {
      if (bundleType(v) === 'history') {
        return true;
      }
      const keys = new Set<string>();
      for (const e of list(obj(v)?.entry)) {
        const fullUrl = obj(e)?.fullUrl;
        if (typeof fullUrl !== 'string') {
          continue;
        }
        const version = obj(obj(obj(e)?.resource)?.meta)?.versionId;
        const key = fullUrl + (typeof version === 'string' ? version : '');
        if (keys.has(key)) {
          return false;
        }
        keys.add(key);
      }
      return true;
    },
  ],
  ["type = 'document' implies (identifier.system.exists() and identifier.value.exists())", (v) =>
    bundleType(v) !== 'document' || (exists(obj(obj(v)?.identifier), 'system') && exists(obj(obj(v)?.identifier), 'value'))],
  ["type = 'document' implies (timestamp.hasValue())", (v) =>
    bundleType(v) !== 'document' || typeof obj(v)?.timestamp === 'string'],
  ["type = 'document' implies entry.first().resource.is(Composition)", (v) =>
    bundleType(v) !== 'document' || obj(obj(list(obj(v)?.entry)[0])?.resource)?.resourceType === 'Composition'],
  ["type = 'message' implies entry.first().resource.is(MessageHeader)", (v) =>
    bundleType(v) !== 'message' || obj(obj(list(obj(v)?.entry)[0])?.resource)?.resourceType === 'MessageHeader'],
  ['resource.exists() or request.exists() or response.exists()', (v) =>
    exists(obj(v), 'resource') || exists(obj(v), 'request') || exists(obj(v), 'response')],
  ["fullUrl.exists() implies fullUrl.contains('/_history/').not()", (v) => {
    const f = obj(v)?.fullUrl;
    return typeof f !== 'string' || !f.includes('/_history/');
  }],
  ['extension.exists() != value.exists()', (v) => exists(obj(v), 'extension') !== choiceExists(obj(v), 'value')],
  ['contained.contained.empty()', (v) => contained(v).every((c) => !exists(c, 'contained'))],
  ['contained.meta.versionId.empty() and contained.meta.lastUpdated.empty()', (v) =>
    contained(v).every((c) => !exists(obj(c.meta), 'versionId') && !exists(obj(c.meta), 'lastUpdated'))],
  ['contained.meta.security.empty()', (v) => contained(v).every((c) => !exists(obj(c.meta), 'security'))],
  ['dataAbsentReason.empty() or value.empty()', (v) => !exists(obj(v), 'dataAbsentReason') || !choiceExists(obj(v), 'value')],
  [
    'value.empty() or component.code.where(coding.intersect(%resource.code.coding).exists()).empty()',
    (v, resource) => {
      if (!choiceExists(obj(v), 'value')) {
        return true;
      }
      const own = codings(obj(resource)?.code);
      return list(obj(v)?.component).every((c) => !codings(obj(c)?.code).some((x) => own.some((y) => sameCoding(x, y))));
    },
  ],
  ['low.exists() or high.exists() or text.exists()', (v) =>
    exists(obj(v), 'low') || exists(obj(v), 'high') || exists(obj(v), 'text')],
  ['name.exists() or telecom.exists() or address.exists() or organization.exists()', (v) =>
    ['name', 'telecom', 'address', 'organization'].some((k) => exists(obj(v), k))],
  ["where(use = 'home').empty()", (v) => obj(v)?.use !== 'home'],
  ['orderDetail.empty() or code.exists()', (v) => !exists(obj(v), 'orderDetail') || exists(obj(v), 'code')],
  ['(answer.exists() and item.exists()).not()', (v) => !(exists(obj(v), 'answer') && exists(obj(v), 'item'))],
  [
    "abatement.empty() or clinicalStatus.coding.where(system='http://terminology.hl7.org/CodeSystem/condition-clinical' and (code='resolved' or code='remission' or code='inactive')).exists()",
    (v) =>
      !choiceExists(obj(v), 'abatement') ||
      codings(obj(v)?.clinicalStatus).some(
        (c) =>
          c.system === 'http://terminology.hl7.org/CodeSystem/condition-clinical' &&
          (c.code === 'resolved' || c.code === 'remission' || c.code === 'inactive'),
      ),
  ],
  [
    "verificationStatus.coding.where(system='http://terminology.hl7.org/CodeSystem/condition-ver-status' and code='entered-in-error').empty() or clinicalStatus.empty()",
    (v) =>
      !exists(obj(v), 'clinicalStatus') ||
      !codings(obj(v)?.verificationStatus).some(
        (c) => c.system === 'http://terminology.hl7.org/CodeSystem/condition-ver-status' && c.code === 'entered-in-error',
      ),
  ],
  ['summary.exists() or assessment.exists()', (v) => exists(obj(v), 'summary') || exists(obj(v), 'assessment')],
  ['code.exists() or detail.exists()', (v) => exists(obj(v), 'code') || exists(obj(v), 'detail')],
  [
    "reference.startsWith('#').not() or (reference.substring(1).trace('url') in %rootResource.contained.id.trace('ids'))",
    (v, resource) => {
      const ref = obj(v)?.reference;
      if (typeof ref !== 'string' || !ref.startsWith('#')) {
        return true;
      }
      return contained(resource).some((c) => c.id === ref.slice(1));
    },
  ],
  ['start.hasValue().not() or end.hasValue().not() or (start <= end)', (v) => {
    const s = obj(v)?.start;
    const e = obj(v)?.end;
    if (typeof s !== 'string' || typeof e !== 'string') {
      return true;
    }
    if (DATE_ONLY.test(s) && DATE_ONLY.test(e) && s.length === e.length) {
      return s <= e;
    }
    if (WITH_ZONE.test(s) && WITH_ZONE.test(e)) {
      return Date.parse(s) <= Date.parse(e);
    }
    return undefined;
  }],
  ['code.empty() or system.exists()', (v) => !exists(obj(v), 'code') || exists(obj(v), 'system')],
  ['value.empty() or system.exists()', (v) => !exists(obj(v), 'value') || exists(obj(v), 'system')],
  ['data.empty() or contentType.exists()', (v) => !exists(obj(v), 'data') || exists(obj(v), 'contentType')],
]);
