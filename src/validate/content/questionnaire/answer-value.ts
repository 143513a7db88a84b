/**
 * The value[x] of an answer, answerOption or enableWhen as a tagged value, with equality and ordering
 * (FHIR R4 Questionnaire: enableWhen operators, answerOption membership).
 */
import type { Coding, Quantity, Reference } from '@medplum/fhirtypes';
import { normalizeSystem } from '../constants.ts';

export type ValueKind = 'Boolean' | 'Decimal' | 'Integer' | 'Date' | 'DateTime' | 'Time' | 'String' | 'Uri' | 'Coding' | 'Quantity' | 'Reference' | 'Attachment';

export interface TaggedValue {
  readonly kind: ValueKind;
  readonly value: unknown;
}

const KINDS: readonly ValueKind[] = ['Boolean', 'Decimal', 'Integer', 'Date', 'DateTime', 'Time', 'String', 'Uri', 'Coding', 'Quantity', 'Reference', 'Attachment'];

/** Element name → kind, per prefix (`valueString` → String): one Map lookup per key instead of slicing the name. */
const BY_KEY: Readonly<Record<'value' | 'answer', ReadonlyMap<string, ValueKind>>> = {
  value: new Map(KINDS.map((k) => [`value${k}`, k])),
  answer: new Map(KINDS.map((k) => [`answer${k}`, k])),
};

/** The first `<prefix><Kind>` element present on the object (`value`, `answer`). */
export function valueOf(holder: object, prefix: 'value' | 'answer'): TaggedValue | undefined {
  const kinds = BY_KEY[prefix];
  for (const key in holder) {
    const kind = kinds.get(key);
    if (kind !== undefined) {
      const value: unknown = Reflect.get(holder, key);
      if (value !== undefined) {
        return { kind, value };
      }
    }
  }
  return undefined;
}

function codingKey(c: Coding): [string | undefined, string | undefined] {
  return [normalizeSystem(c.system), c.code];
}

export function valuesEqual(a: TaggedValue, b: TaggedValue): boolean {
  if (a.kind === 'Coding' && b.kind === 'Coding') {
    const [sa, ca] = codingKey(a.value as Coding);
    const [sb, cb] = codingKey(b.value as Coding);
    return ca !== undefined && ca === cb && (sa === undefined || sb === undefined || sa === sb);
  }
  if (a.kind === 'Quantity' && b.kind === 'Quantity') {
    const qa = a.value as Quantity;
    const qb = b.value as Quantity;
    return qa.value === qb.value && (qa.code ?? qa.unit) === (qb.code ?? qb.unit);
  }
  if (a.kind === 'Reference' && b.kind === 'Reference') {
    return (a.value as Reference).reference === (b.value as Reference).reference;
  }
  const numeric = (k: ValueKind): boolean => k === 'Decimal' || k === 'Integer';
  if (numeric(a.kind) && numeric(b.kind)) {
    return a.value === b.value;
  }
  return a.kind === b.kind && a.value === b.value;
}

/** Negative, zero or positive; undefined when the two cannot be ordered. */
export function compareValues(a: TaggedValue, b: TaggedValue): number | undefined {
  const num = (t: TaggedValue): number | undefined => {
    if (t.kind === 'Decimal' || t.kind === 'Integer') {
      return typeof t.value === 'number' ? t.value : undefined;
    }
    if (t.kind === 'Quantity') {
      return (t.value as Quantity).value;
    }
    return undefined;
  };
  const na = num(a);
  const nb = num(b);
  if (na !== undefined && nb !== undefined) {
    return na - nb;
  }
  const temporal = (k: ValueKind): boolean => k === 'Date' || k === 'DateTime' || k === 'Time' || k === 'String';
  if (temporal(a.kind) && a.kind === b.kind && typeof a.value === 'string' && typeof b.value === 'string') {
    return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  }
  if ((a.kind === 'Date' || a.kind === 'DateTime') && (b.kind === 'Date' || b.kind === 'DateTime') && typeof a.value === 'string' && typeof b.value === 'string') {
    const x = a.value.slice(0, 10);
    const y = b.value.slice(0, 10);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return undefined;
}

export function display(t: TaggedValue): string {
  if (t.kind === 'Coding') {
    const c = t.value as Coding;
    return c.code ?? c.display ?? '?';
  }
  if (t.kind === 'Quantity') {
    const q = t.value as Quantity;
    return `${q.value ?? '?'} ${q.unit ?? q.code ?? ''}`.trim();
  }
  if (t.kind === 'Reference') {
    return (t.value as Reference).reference ?? '?';
  }
  if (t.kind === 'Attachment') {
    return 'attachment';
  }
  return typeof t.value === 'string' || typeof t.value === 'number' || typeof t.value === 'boolean' ? String(t.value) : '?';
}
