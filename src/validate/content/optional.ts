/**
 * Input to a validator is untrusted JSON: an element the FHIR types declare required may still be missing.
 * `present(x)` widens a value to `T | undefined` so the checks guard it without fighting the type checker.
 */
export function present<T>(value: T): T | undefined {
  return value;
}
