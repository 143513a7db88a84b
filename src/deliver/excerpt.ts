/**
 * What a delivery attempt records of the receiver's answer: never patient data. Receivers may echo what they got
 * (names, personnummer, clinical text), so the excerpt keeps only a whitelist of structural fields for the formats
 * we understand (FHIR OperationOutcome/Bundle, HL7 MSA, RIV resultCode) and otherwise redacts anything that looks
 * like an identity number, e-mail or phone, then truncates (helper-common: never log personal identity numbers).
 */

const MAX_EXCERPT = 300;

/** 12- or 10-digit personnummer/samordningsnummer with or without separator (standards.md §1). */
const IDENTITY_NUMBER = /(?<!\d)(?:\d{2})?\d{6}[-+ ]?\d{4}(?!\d)/g;
const EMAIL = /[^\s@"'<>]+@[^\s@"'<>]+\.[a-z]{2,}/gi;
const PHONE = /(?<![\w])(?:\+46|0)[\d -]{6,14}\d/g;

export function responseExcerpt(contentType: string | null, body: string): string {
  const text = body.trim();
  if (text === '') {
    return '';
  }
  const structured = (contentType?.includes('json') || text.startsWith('{')) ? jsonSummary(text) : undefined;
  const summary = structured ?? hl7Summary(text) ?? rivSummary(text) ?? redact(text);
  return truncate(summary);
}

export function redact(text: string): string {
  return text.replace(IDENTITY_NUMBER, '[id]').replace(EMAIL, '[email]').replace(PHONE, '[phone]');
}

function truncate(s: string): string {
  const oneLine = s.replace(/\s+/g, ' ');
  return oneLine.length > MAX_EXCERPT ? `${oneLine.slice(0, MAX_EXCERPT)}…` : oneLine;
}

function jsonSummary(text: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed)) {
    return 'json';
  }
  const parts: string[] = [];
  const resourceType = parsed['resourceType'];
  if (typeof resourceType === 'string') {
    parts.push(`resourceType=${safeToken(resourceType)}`);
  }
  const issues = parsed['issue'];
  if (Array.isArray(issues)) {
    for (const i of issues.slice(0, 5)) {
      if (isRecord(i)) {
        parts.push(`issue=${safeToken(i['severity'])}/${safeToken(i['code'])}${issueCodes(i['details'])}`);
      }
    }
  }
  const entries = parsed['entry'];
  if (Array.isArray(entries)) {
    const statuses = entries.map((e) => (isRecord(e) && isRecord(e['response']) ? safeToken(e['response']['status']) : '?'));
    parts.push(`entries=${String(entries.length)} status=${statuses.slice(0, 10).join(',')}`);
  }
  for (const key of ['status', 'resultCode', 'result', 'error', 'code']) {
    const v = parsed[key];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
      parts.push(`${key}=${safeToken(v)}`);
    }
  }
  return parts.length > 0 ? parts.join(' ') : 'json';
}

function issueCodes(details: unknown): string {
  if (!isRecord(details) || !Array.isArray(details['coding'])) {
    return '';
  }
  const codes = details['coding'].map((c) => (isRecord(c) ? safeToken(c['code']) : '')).filter((c) => c !== '');
  return codes.length > 0 ? `(${codes.join(',')})` : '';
}

/** MSH + MSA only: message type, ack code and control id; no PID, no free text. */
function hl7Summary(text: string): string | undefined {
  if (!text.startsWith('MSH')) {
    return undefined;
  }
  const segments = text.split(/\r\n|\r|\n/);
  const msa = segments.find((s) => s.startsWith('MSA'));
  const fieldSep = text.charAt(3);
  const msh = segments[0]?.split(fieldSep) ?? [];
  const type = safeToken(msh[8] ?? '');
  if (!msa) {
    return `hl7 ${type} (no MSA)`;
  }
  const f = msa.split(fieldSep);
  return `hl7 ${type} MSA-1=${safeToken(f[1] ?? '')} MSA-2=${safeToken(f[2] ?? '')}`;
}

function rivSummary(text: string): string | undefined {
  if (!text.startsWith('<')) {
    return undefined;
  }
  const code = /<(?:\w+:)?resultCode>\s*([A-Z_]+)\s*</.exec(text)?.[1];
  const errorCode = /<(?:\w+:)?errorCode>\s*([A-Z_]+)\s*</.exec(text)?.[1];
  return `xml resultCode=${code ?? '?'}${errorCode ? ` errorCode=${errorCode}` : ''}`;
}

/** A short code-like token; anything longer or odd (free text) is dropped. */
function safeToken(v: unknown): string {
  const s = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
  return /^[A-Za-z0-9_.:^ -]{0,40}$/.test(s) ? redact(s) : '[text]';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
