/**
 * Terminology bindings (issue 3, layer 3): required → error, extensible → warning (extensible only where a
 * profile sets it; the base spec's extensible bindings are advice for systems we do not govern).
 * See https://hl7.org/fhir/R4/terminologies.html#strength
 */
import type { Walk } from './context.ts';
import { msg } from './messages.ts';
import type { Node } from './compiled.ts';
import type { Membership, Terminology } from './terminology.ts';

interface CodingLike {
  readonly system?: unknown;
  readonly code?: unknown;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function asCoding(v: unknown): CodingLike | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
}

function member(t: Terminology, valueSet: string, system: unknown, code: unknown): Membership {
  return typeof code === 'string' ? t.member(valueSet, typeof system === 'string' ? system : undefined, code) : 'unknown';
}

export function checkBinding(w: Walk, node: Node, typeCode: string, value: unknown, at: string): void {
  const b = node.binding;
  if (!b) {
    return;
  }
  const strength = b.strength === 'required' ? 'required' : b.strength === 'extensible' && !node.fromBase ? 'extensible' : undefined;
  if (!strength) {
    return;
  }
  const t = w.call.engine.terminology;

  switch (typeCode) {
    case 'code':
    case 'string':
    case 'uri': {
      if (member(t, b.valueSet, undefined, value) === 'not-member') {
        w.out.push(msg.binding(strength, String(value), b.valueSet, at));
      }
      return;
    }
    case 'Coding':
    case 'Quantity': {
      const c = asCoding(value);
      if (c && typeof c.code === 'string' && (typeCode === 'Coding' || typeof c.system === 'string')) {
        if (member(t, b.valueSet, c.system, c.code) === 'not-member') {
          w.out.push(msg.binding(strength, `${str(c.system)}#${c.code}`, b.valueSet, `${at}.code`));
        }
      }
      return;
    }
    case 'CodeableConcept': {
      // One pass over the codings: a member settles it; otherwise report the first coding when any was judged.
      const codings = (asCoding(value) as { coding?: unknown } | undefined)?.coding;
      let first: CodingLike | undefined;
      let judged = false;
      if (Array.isArray(codings)) {
        for (const x of codings as unknown[]) {
          const c = asCoding(x);
          if (!c) {
            continue;
          }
          first ??= c;
          const r = member(t, b.valueSet, c.system, c.code);
          if (r === 'member') {
            return;
          }
          judged ||= r === 'not-member';
        }
      }
      if (!first) {
        if (strength === 'required') {
          w.out.push(msg.bindingNoCode(strength, b.valueSet, at));
        }
        return;
      }
      if (judged) {
        w.out.push(msg.binding(strength, `${str(first.system)}#${str(first.code)}`, b.valueSet, `${at}.coding[0]`));
      }
      return;
    }
    default:
      return;
  }
}
