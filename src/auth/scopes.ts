/**
 * SMART scopes (v2 `system/Task.rs`, v1 `system/Task.read` / `.write` / `.*`), parsed once per token. An
 * interaction needs one letter: c(reate) r(ead) u(pdate) d(elete) s(earch).
 * https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html
 */
export type ScopeLetter = 'c' | 'r' | 'u' | 'd' | 's';

export interface Scopes {
  allows(resourceType: string, letter: ScopeLetter): boolean;
  readonly text: string;
}

const SCOPE = /^(system|user|patient)\/(\*|[A-Z][A-Za-z]+)\.(\*|read|write|c?r?u?d?s?)$/;

function letters(permission: string): string {
  switch (permission) {
    case '*':
      return 'cruds';
    case 'read':
      return 'rs';
    case 'write':
      return 'cud';
    default:
      return permission;
  }
}

function isLetter(l: string): l is ScopeLetter {
  return 'cruds'.includes(l) && l.length === 1;
}

export function isValidScope(scope: string): boolean {
  const m = SCOPE.exec(scope);
  return m !== null && m[3] !== '';
}

export function parseScopes(text: string): Scopes {
  const grants = new Map<string, string>();
  for (const s of text.split(/\s+/).filter(Boolean)) {
    const m = SCOPE.exec(s);
    if (m?.[2] && m[3]) {
      grants.set(m[2], (grants.get(m[2]) ?? '') + letters(m[3]));
    }
  }
  return {
    text,
    allows: (type, letter) => (grants.get(type) ?? '').includes(letter) || (grants.get('*') ?? '').includes(letter),
  };
}

/** Scopes granted: the requested ones that the client's registered scopes cover (all registered when none asked). */
export function grantScopes(registered: string, requested: string | undefined): string {
  const allowed = parseScopes(registered);
  if (!requested?.trim()) {
    return registered;
  }
  const granted = requested
    .split(/\s+/)
    .filter(Boolean)
    .filter((s) => {
      const m = SCOPE.exec(s);
      if (!m?.[2] || !m[3]) {
        return false;
      }
      const type = m[2];
      return letters(m[3])
        .split('')
        .every((l) => isLetter(l) && allowed.allows(type, l));
    });
  return granted.join(' ');
}

export const ALL_SCOPES: Scopes = parseScopes('system/*.cruds');
