import { dateRange, parseSearch, sqlBuilder } from './search.ts';

describe('dateRange', () => {
  test.each([
    ['2025', 'eq', '2025-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'],
    ['ge2025-12', 'ge', '2025-12-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'],
    ['lt2025-02-28', 'lt', '2025-02-28T00:00:00.000Z', '2025-03-01T00:00:00.000Z'],
    ['gt2025-03-14T10:00+01:00', 'gt', '2025-03-14T09:00:00.000Z', '2025-03-14T09:01:00.000Z'],
    ['le2025-03-14T10:00:05Z', 'le', '2025-03-14T10:00:05.000Z', '2025-03-14T10:00:06.000Z'],
    ['2025-03-14T10:00:05.250Z', 'eq', '2025-03-14T10:00:05.250Z', '2025-03-14T10:00:05.251Z'],
  ])('%s', (value, prefix, lo, hi) => {
    const r = dateRange(value);
    expect([r?.prefix, r?.lo.toISOString(), r?.hi.toISOString()]).toEqual([prefix, lo, hi]);
  });

  test.each(['xx2025', '2025-13', '2025-01-32', '2025-01-01T25:00Z', '20250101'])('%s is rejected', (value) => {
    expect(dateRange(value)).toBeUndefined();
  });
});

describe('parseSearch', () => {
  test('binds every value; no value is spliced into SQL', () => {
    const sql = sqlBuilder();
    const hostile = "x' OR '1'='1";
    const parsed = parseSearch('ServiceRequest', { _id: hostile, status: `${hostile},active` }, sql);
    expect(parsed.where).not.toContain(hostile);
    expect(sql.values).toEqual(['ServiceRequest', hostile, hostile, 'active']);
  });

  test('an empty org scope matches nothing', () => {
    expect(parseSearch('Task', {}, sqlBuilder(), {}).where).toContain('false');
  });

  test('_count is capped', () => {
    expect(parseSearch('Task', { _count: '999999' }, sqlBuilder()).count).toBe(1000);
  });
});
