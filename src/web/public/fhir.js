// A small FHIR client for the page: the session's identity on every request, OperationOutcome texts as errors.
const SESSION_KEY = 'remissbrygga.session';

export function loadSession() {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    return raw ? JSON.parse(raw) : undefined;
  } catch {
    return undefined;
  }
}

export function saveSession(session) {
  if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(SESSION_KEY);
}

/** An error carrying the server's OperationOutcome, with the issue texts already in the page's language. */
export class FhirError extends Error {
  constructor(status, outcome) {
    const texts = (outcome?.issue ?? []).map((i) => i.details?.text ?? i.diagnostics ?? i.code).filter(Boolean);
    super(texts.join(' · ') || `HTTP ${status}`);
    this.status = status;
    this.outcome = outcome;
  }
}

export function createClient(session, lang) {
  const headers = (extra = {}) => ({
    Accept: 'application/fhir+json',
    'Accept-Language': lang(),
    ...(session.token ? { Authorization: `Bearer ${session.token}` } : { 'X-Org-Id': session.org, 'X-User-Id': session.user, 'X-Roles': session.role }),
    ...extra,
  });

  async function request(method, path, body, extra) {
    const res = await fetch(`/fhir/${path}`, {
      method,
      headers: headers(body ? { 'Content-Type': 'application/fhir+json', ...extra } : extra),
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    const json = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new FhirError(res.status, json?.resourceType === 'OperationOutcome' ? json : undefined);
    return json;
  }

  return {
    read: (ref) => request('GET', ref),
    search: (type, params) => request('GET', `${type}?${new URLSearchParams(params)}`),
    update: (resource) => request('PUT', `${resource.resourceType}/${resource.id}`, resource, resource.meta?.versionId ? { 'If-Match': `W/"${resource.meta.versionId}"` } : {}),
    create: (resource) => request('POST', resource.resourceType, resource),
  };
}
