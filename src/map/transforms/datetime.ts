/**
 * Swedish local time ↔ FHIR instants. RIV-TA writes timestamps `YYYYMMDDhhmmss` in Swedish local time without a
 * zone and dates `YYYYMMDD` (standards.md §3); HL7 v2 writes `YYYYMMDDHHMM[SS][+ZZZZ]` (standards.md §4). FHIR
 * needs an explicit offset, which depends on daylight saving time in Europe/Stockholm (CET +01:00 / CEST +02:00).
 *
 * Local times that do not exist (the spring-forward hour) move forward by the gap, and ambiguous local times (the
 * autumn hour that occurs twice) take the earlier instant, the same "compatible" disambiguation as Temporal.
 */
import { fail, ok } from './result.ts';
import type { TransformResult } from './result.ts';

const ZONE = 'Europe/Stockholm';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Immutable formatters, created once. */
const OFFSET_FORMAT = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'longOffset' });
const PARTS_FORMAT = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Offset of Stockholm time from UTC at an instant, in milliseconds. */
export function stockholmOffsetMs(utcMs: number): number {
  const name = OFFSET_FORMAT.formatToParts(utcMs).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) {
    return 0;
  }
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * HOUR + Number(m[3]) * 60_000);
}

/** The Stockholm offset at a UTC instant; stockholmOffsetMs or a memo of it (createStockholmOffsets). */
export type OffsetOf = (utcMs: number) => number;

const SINCE_1980 = Date.UTC(1980, 0, 1);
const MEMO_MAX = 10_000;

/**
 * A memo of stockholmOffsetMs by UTC hour, for one mapper: a time-zone look-up costs microseconds and every
 * message has a few timestamps in the same few hours. Exact because Swedish DST changes since 1980 happen on
 * whole UTC hours (01:00 UTC); earlier instants are not memoised. Bounded: cleared at MEMO_MAX hours.
 */
export function createStockholmOffsets(): OffsetOf {
  const byHour = new Map<number, number>();
  return (utcMs) => {
    if (utcMs < SINCE_1980) {
      return stockholmOffsetMs(utcMs);
    }
    const hour = Math.floor(utcMs / HOUR);
    let off = byHour.get(hour);
    if (off === undefined) {
      off = stockholmOffsetMs(hour * HOUR);
      if (byHour.size >= MEMO_MAX) {
        byHour.clear();
      }
      byHour.set(hour, off);
    }
    return off;
  };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const abs = Math.abs(ms);
  return `${sign}${pad(Math.floor(abs / HOUR))}:${pad(Math.floor((abs % HOUR) / 60_000))}`;
}

interface LocalParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function validCalendar(p: LocalParts): boolean {
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.hour > 23 || p.minute > 59 || p.second > 59) {
    return false;
  }
  const days = new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
  return p.day <= days;
}

/** The UTC instant of a Stockholm wall-clock time, with the disambiguation described at the top of the file. */
export function stockholmLocalToUtcMs(p: LocalParts, offsetOf: OffsetOf = stockholmOffsetMs): number {
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const before = offsetOf(wall - DAY);
  const after = offsetOf(wall + DAY);
  if (before === after) {
    // No transition within a day either side (they are months apart): the one offset applies; this saves the
    // time-zone look-ups below for every time but those near a DST change.
    return wall - before;
  }
  // Candidates in order of preference: the earlier instant (larger offset) first.
  const candidates = before >= after ? [before, after] : [after, before];
  for (const off of candidates) {
    if (offsetOf(wall - off) === off) {
      return wall - off;
    }
  }
  // In the gap: interpret with the offset in force before the transition, which lands after the gap.
  return wall - before;
}

/** Formats a UTC instant as FHIR dateTime in Stockholm time with its offset: `2025-03-30T03:30:00+02:00`. */
export function utcMsToFhirStockholm(utcMs: number, offsetOf: OffsetOf = stockholmOffsetMs): string {
  const off = offsetOf(utcMs);
  const d = new Date(utcMs + off);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${formatOffset(off)}`
  );
}

/** Stockholm wall-clock parts of a UTC instant. */
export function utcMsToStockholmParts(utcMs: number): LocalParts {
  const parts = PARTS_FORMAT.formatToParts(utcMs);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? '0');
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

const COMPACT = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?([+-]\d{4})?$/;

/**
 * `YYYYMMDDhhmm[ss][±ZZZZ]` → FHIR dateTime with offset. Without a zone the value is Swedish local time (RIV-TA);
 * with one (HL7 v2) the instant is kept and re-expressed in Stockholm time.
 */
export function compactToFhirDateTime(text: string, offsetOf: OffsetOf = stockholmOffsetMs): TransformResult<string> {
  const m = COMPACT.exec(text.trim());
  if (!m) {
    return fail('MAP-DATETIME-FORMAT', `Ogiltig tidpunkt "${text}": förväntat ÅÅÅÅMMDDttmmss.`, `Invalid timestamp "${text}": expected YYYYMMDDhhmmss.`);
  }
  const p: LocalParts = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6] ?? '0'),
  };
  if (!validCalendar(p)) {
    return fail('MAP-DATETIME-FORMAT', `Ogiltig tidpunkt "${text}": datumet finns inte.`, `Invalid timestamp "${text}": no such date.`);
  }
  const zone = m[7];
  if (zone) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const off = sign * (Number(zone.slice(1, 3)) * HOUR + Number(zone.slice(3, 5)) * 60_000);
    return ok(utcMsToFhirStockholm(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - off, offsetOf));
  }
  return ok(utcMsToFhirStockholm(stockholmLocalToUtcMs(p, offsetOf), offsetOf));
}

const FHIR_DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** FHIR dateTime/instant → UTC milliseconds; a value without zone is read as Stockholm local time. */
export function fhirDateTimeToUtcMs(text: string, offsetOf: OffsetOf = stockholmOffsetMs): TransformResult<number> {
  const m = FHIR_DATETIME.exec(text.trim());
  if (!m) {
    return fail('MAP-DATETIME-FORMAT', `Ogiltig FHIR-tidpunkt "${text}".`, `Invalid FHIR dateTime "${text}".`);
  }
  const p: LocalParts = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? '0'),
    minute: Number(m[5] ?? '0'),
    second: Number(m[6] ?? '0'),
  };
  if (!validCalendar(p)) {
    return fail('MAP-DATETIME-FORMAT', `Ogiltig FHIR-tidpunkt "${text}".`, `Invalid FHIR dateTime "${text}".`);
  }
  const zone = m[7];
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  if (zone === undefined) {
    return ok(stockholmLocalToUtcMs(p, offsetOf));
  }
  if (zone === 'Z') {
    return ok(wall);
  }
  const sign = zone.startsWith('-') ? -1 : 1;
  return ok(wall - sign * (Number(zone.slice(1, 3)) * HOUR + Number(zone.slice(4, 6)) * 60_000));
}

/** FHIR dateTime → RIV-TA `YYYYMMDDhhmmss` in Swedish local time without zone. */
export function fhirDateTimeToRiv(text: string): TransformResult<string> {
  const ms = fhirDateTimeToUtcMs(text);
  if (!ms.ok) {
    return ms;
  }
  const p = utcMsToStockholmParts(ms.value);
  return ok(`${pad(p.year, 4)}${pad(p.month)}${pad(p.day)}${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`);
}

/** FHIR dateTime → HL7 v2 DTM `YYYYMMDDHHMMSS+ZZZZ` in Stockholm time with its offset. */
export function fhirDateTimeToHl7(text: string): TransformResult<string> {
  const ms = fhirDateTimeToUtcMs(text);
  if (!ms.ok) {
    return ms;
  }
  const p = utcMsToStockholmParts(ms.value);
  const off = formatOffset(stockholmOffsetMs(ms.value)).replace(':', '');
  return ok(`${pad(p.year, 4)}${pad(p.month)}${pad(p.day)}${pad(p.hour)}${pad(p.minute)}${pad(p.second)}${off}`);
}

/** `YYYYMMDD` or `YYYY-MM-DD` → FHIR date `YYYY-MM-DD`. */
export function toFhirDate(text: string): TransformResult<string> {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text.trim());
  const parts = m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: 0, minute: 0, second: 0 } : undefined;
  if (!m || !parts || !validCalendar(parts)) {
    return fail('MAP-DATE-FORMAT', `Ogiltigt datum "${text}": förväntat ÅÅÅÅMMDD eller ÅÅÅÅ-MM-DD.`, `Invalid date "${text}": expected YYYYMMDD or YYYY-MM-DD.`);
  }
  return ok(`${m[1] ?? ''}-${m[2] ?? ''}-${m[3] ?? ''}`);
}

/** FHIR date `YYYY-MM-DD` → `YYYYMMDD`. */
export function fhirDateToCompact(text: string): TransformResult<string> {
  const d = toFhirDate(text);
  return d.ok ? ok(d.value.replaceAll('-', '')) : d;
}
