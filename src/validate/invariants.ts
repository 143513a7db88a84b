/**
 * FHIRPath invariants (issue 3, layer 2): each expression was parsed once when its definition was compiled
 * (plan.ts, `parseFhirPath`); here only the AST is evaluated. Like medplum's validator, an invariant holds only
 * when it evaluates to exactly `true`.
 */
import { evalFhirPathTyped, parseFhirPath } from '@medplum/core';
import type { FhirPathAtom, TypedValue } from '@medplum/core';
import type { Walk } from './context.ts';
import { Fallback } from './fastpath-values.ts';
import type { FastEnv } from './fastpath-values.ts';
import { msg } from './messages.ts';
import type { CompiledConstraint } from './compiled.ts';

const UCUM: TypedValue = { type: 'uri', value: 'http://unitsofmeasure.org' };

/** A native check that could not decide: parse its FHIRPath (rare; not cached, the native path is the norm). */
function parseOnce(c: CompiledConstraint): FhirPathAtom | undefined {
  try {
    return parseFhirPath(c.expression);
  } catch {
    return undefined;
  }
}

export function checkConstraints(w: Walk, constraints: readonly CompiledConstraint[], value: TypedValue, at: string): void {
  if (constraints.length === 0) {
    return;
  }
  const current = w.call.resourceStack.at(-1);
  let variables: Record<string, TypedValue> | undefined;
  let input: readonly unknown[] | undefined; // the closures' input and environment, shared by this value's invariants
  let env: FastEnv | undefined;
  for (const c of constraints) {
    let ok = c.native?.(value.value, current?.resource);
    if (ok === undefined && c.fast) {
      try {
        input ??= [value.value];
        env ??= { context: value.value, resource: current?.resource, root: w.call.rootTyped.value };
        const r = c.fast(input, env);
        ok = r.length === 1 && r[0] === true;
      } catch (e) {
        if (!(e instanceof Fallback)) {
          w.out.push(msg.invariantError(c.key, at));
          continue;
        }
      }
    }
    if (ok === undefined) {
      const atom = c.atom ?? parseOnce(c);
      if (!atom) {
        w.out.push(msg.invariantError(c.key, at));
        continue;
      }
      variables ??= {
        '%context': value,
        '%ucum': UCUM,
        '%rootResource': w.call.rootTyped,
        ...(current ? { '%resource': current.typed } : {}),
      };
      try {
        const result = evalFhirPathTyped(atom, [value], variables);
        ok = result.length === 1 && result[0]?.value === true;
      } catch {
        w.out.push(msg.invariantError(c.key, at));
        continue;
      }
    }
    if (!ok) {
      w.out.push(msg.invariant(c.key, c.human, c.severity, at));
    }
  }
}
