/** JSON comparison for fixed[x] (exact) and pattern[x] (the value contains the pattern), per FHIR R4 §2.4.0.1. */

export function deepEquals(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return false;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEquals(x, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => deepEquals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/** True when `value` has at least everything `pattern` has; arrays: each pattern item is matched by some item. */
export function deepIncludes(value: unknown, pattern: unknown): boolean {
  if (typeof pattern !== 'object' || pattern === null) {
    return value === pattern;
  }
  if (Array.isArray(pattern)) {
    return Array.isArray(value) && pattern.every((p) => value.some((v) => deepIncludes(v, p)));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const v = value as Record<string, unknown>;
  return Object.entries(pattern).every(([k, p]) => deepIncludes(v[k], p));
}
