/**
 * JSON comparison for fixed[x] (exact) and pattern[x] (the value contains the pattern), per FHIR R4 §2.4.0.1.
 * Plain loops: these run for every value of a patterned element, so no key arrays or closures per call.
 */

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function keyCount(o: Record<string, unknown>): number {
  let n = 0;
  for (const _ in o) {
    n++;
  }
  return n;
}

export function deepEquals(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (!isObject(a) || !isObject(b)) {
    return false;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) {
      return false;
    }
    for (let i = 0; i < a.length; i++) {
      if (!deepEquals(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }
  if (keyCount(a) !== keyCount(b)) {
    return false;
  }
  for (const k in a) {
    if (!deepEquals(a[k], b[k])) {
      return false;
    }
  }
  return true;
}

/** True when `value` has at least everything `pattern` has; arrays: each pattern item is matched by some item. */
export function deepIncludes(value: unknown, pattern: unknown): boolean {
  if (!isObject(pattern)) {
    return value === pattern;
  }
  if (Array.isArray(pattern)) {
    if (!Array.isArray(value)) {
      return false;
    }
    for (const p of pattern) {
      if (!value.some((v) => deepIncludes(v, p))) {
        return false;
      }
    }
    return true;
  }
  if (!isObject(value) || Array.isArray(value)) {
    return false;
  }
  for (const k in pattern) {
    if (!deepIncludes(value[k], pattern[k])) {
      return false;
    }
  }
  return true;
}
