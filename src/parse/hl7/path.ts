/**
 * HL7 v2 paths used by the mapping files: `SEG(sel)[*]-F.C.S`.
 * - `PRD(1.1=RP)-5.12`: the first PRD whose PRD-1.1 is RP, field 5 component 12.
 * - `OBX(3.1=screening.audit;2=NM;11=F)-5`: the first condition selects; later ones are only written when the
 *   segment is created (value type, result status).
 * - `OBX(3.1=tidigare-behandling.typ)[*]-5.1`: every matching segment, the repetition index is its order.
 * Fields count as in the standard (MSH-1 is the field separator); components and subcomponents are 1-based.
 */
export interface Condition {
  readonly field: number;
  readonly component: number;
  readonly value: string;
}

export interface Hl7Path {
  readonly segment: string;
  readonly conditions: readonly Condition[];
  readonly repeated: boolean;
  readonly field: number;
  readonly component: number;
  readonly subcomponent: number | undefined;
  /** The segment part (`PRD(1.1=RP)`), used to group writes into one segment. */
  readonly key: string;
}

const PATH = /^([A-Z][A-Z0-9]{2})(?:\(([^)]*)\))?(\[\*\])?-(\d+)(?:\.(\d+))?(?:\.(\d+))?$/;

export function parseHl7Path(path: string): Hl7Path | undefined {
  const m = PATH.exec(path.trim());
  if (!m) {
    return undefined;
  }
  const conditions: Condition[] = [];
  for (const cond of (m[2] ?? '').split(';').filter((c) => c !== '')) {
    const c = /^(\d+)(?:\.(\d+))?=(.*)$/.exec(cond);
    if (!c) {
      return undefined;
    }
    conditions.push({ field: Number(c[1]), component: Number(c[2] ?? '1'), value: c[3] ?? '' });
  }
  return {
    segment: m[1] ?? '',
    conditions,
    repeated: m[3] !== undefined,
    field: Number(m[4]),
    component: Number(m[5] ?? '1'),
    subcomponent: m[6] === undefined ? undefined : Number(m[6]),
    key: `${m[1] ?? ''}${m[2] === undefined ? '' : `(${m[2]})`}`,
  };
}

function escapePattern(escape: string): RegExp {
  const e = escape.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${e}(F|S|T|R|E|\\.br|X0D0A|X0A|X0D)${e}`, 'g');
}

/** The pattern for the usual escape character, built once (replace() with a global pattern keeps no state). */
const DEFAULT_ESCAPES = escapePattern('\\');

/** HL7 escape sequences (v2.5 §2.7): \F\ \S\ \T\ \R\ \E\ and line breaks as \.br\ or \X0A\. */
export function unescapeHl7(text: string, escape = '\\'): string {
  if (!text.includes(escape)) {
    return text;
  }
  return text.replace(escape === '\\' ? DEFAULT_ESCAPES : escapePattern(escape), (_m, code: string) => {
    switch (code) {
      case 'F':
        return '|';
      case 'S':
        return '^';
      case 'T':
        return '&';
      case 'R':
        return '~';
      case 'E':
        return '\\';
      default:
        return '\n';
    }
  });
}

export function escapeHl7(text: string): string {
  return text
    .replaceAll('\\', '\\E\\')
    .replaceAll('|', '\\F\\')
    .replaceAll('^', '\\S\\')
    .replaceAll('&', '\\T\\')
    .replaceAll('~', '\\R\\')
    .replace(/\r?\n/g, '\\.br\\');
}
