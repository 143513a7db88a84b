import { compactToFhirDateTime, createStockholmOffsets, fhirDateTimeToHl7, fhirDateTimeToRiv, stockholmOffsetMs, toFhirDate } from './datetime.ts';

function value(r: { ok: true; value: string } | { ok: false }): string {
  if (!r.ok) {
    throw new Error('expected ok');
  }
  return r.value;
}

describe('RIV-TA local time → FHIR with the Stockholm offset', () => {
  it.each([
    ['20250115120000', '2025-01-15T12:00:00+01:00'],
    ['20250715120000', '2025-07-15T12:00:00+02:00'],
    ['20250330015959', '2025-03-30T01:59:59+01:00'],
    // 02:30 does not exist on the spring-forward night: it moves forward by the gap.
    ['20250330023000', '2025-03-30T03:30:00+02:00'],
    ['20250330030000', '2025-03-30T03:00:00+02:00'],
    // 02:30 occurs twice in the autumn: the earlier (summer time) instant wins.
    ['20251026023000', '2025-10-26T02:30:00+02:00'],
    ['20251026033000', '2025-10-26T03:30:00+01:00'],
    ['202510260300', '2025-10-26T03:00:00+01:00'],
    ['20240229235959', '2024-02-29T23:59:59+01:00'],
  ])('%s → %s', (input, expected) => {
    expect(value(compactToFhirDateTime(input))).toBe(expected);
  });

  it('keeps the instant of an HL7 value with an explicit zone', () => {
    expect(value(compactToFhirDateTime('20250701100000+0000'))).toBe('2025-07-01T12:00:00+02:00');
  });

  it.each(['2025013112000', '20250230120000', '20251301120000', 'x', '20250115250000'])('refuses %s', (input) => {
    const r = compactToFhirDateTime(input);
    expect(r.ok).toBe(false);
  });
});

describe('FHIR → RIV-TA and HL7', () => {
  it.each([
    ['2025-10-26T00:30:00Z', '20251026023000', '20251026023000+0200'],
    ['2025-10-26T01:30:00Z', '20251026023000', '20251026023000+0100'],
    ['2025-03-30T01:00:00Z', '20250330030000', '20250330030000+0200'],
    ['2025-01-15T12:00:00+01:00', '20250115120000', '20250115120000+0100'],
  ])('%s', (fhir, riv, hl7) => {
    expect(value(fhirDateTimeToRiv(fhir))).toBe(riv);
    expect(value(fhirDateTimeToHl7(fhir))).toBe(hl7);
  });

  it('round-trips every local minute of the DST nights except the skipped hour', () => {
    for (const day of ['20250330', '20251026']) {
      for (let minute = 0; minute < 24 * 60; minute += 7) {
        const local = `${day}${String(Math.floor(minute / 60)).padStart(2, '0')}${String(minute % 60).padStart(2, '0')}00`;
        const fhir = value(compactToFhirDateTime(local));
        const back = value(fhirDateTimeToRiv(fhir));
        const skipped = day === '20250330' && local.slice(8, 10) === '02';
        expect(back === local).toBe(!skipped);
      }
    }
  });
});

describe('dates', () => {
  it('accepts YYYYMMDD and YYYY-MM-DD', () => {
    expect(value(toFhirDate('20250301'))).toBe('2025-03-01');
    expect(value(toFhirDate('2025-03-01'))).toBe('2025-03-01');
    expect(toFhirDate('20250231').ok).toBe(false);
  });
});

describe('the per-mapper memo of the Stockholm offset', () => {
  it('gives the look-up\'s offset for every 7th minute of DST nights 1980–2037 and spelled timestamps alike', () => {
    const offsetOf = createStockholmOffsets();
    const nights: number[] = [];
    for (let year = 1980; year <= 2037; year += 3) {
      for (const month of [2, 8, 9]) {
        // the last Sunday of March, September (until 1995) and October, midnight UTC
        const last = new Date(Date.UTC(year, month + 1, 0));
        nights.push(Date.UTC(year, month, last.getUTCDate() - last.getUTCDay()));
      }
    }
    for (const night of nights) {
      for (let minute = -120; minute < 6 * 60; minute += 7) {
        const t = night + minute * 60_000;
        expect(offsetOf(t)).toBe(stockholmOffsetMs(t));
      }
    }
    for (const local of ['20250330015959', '20250330023000', '20251026023000', '20251026033000', '19950924023000', '20240101120000']) {
      expect(compactToFhirDateTime(local, offsetOf)).toEqual(compactToFhirDateTime(local));
    }
  });
});
