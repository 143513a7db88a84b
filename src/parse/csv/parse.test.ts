/** CSV rows read through the header's columns, worked out once per file: the same hits as reading per row. */
import fc from 'fast-check';
import type { SourceHit } from '../../map/source.ts';
import { createCsvParser, csvColumns, csvRowDoc } from './parse.ts';
import type { CsvCell } from './tokenize.ts';

/** The former per-row reading, kept as the reference. */
function reference(header: readonly string[], row: readonly CsvCell[], rowLine: number, path: string): SourceHit[] {
  const position = (col: number): string => `CSV rad ${rowLine}, kolumn ${col + 1} (${header[col] ?? '?'})`;
  if (!path.includes('[*]')) {
    const col = header.indexOf(path);
    const cell = col >= 0 ? row[col] : undefined;
    return cell && cell.text.trim() !== '' ? [{ value: cell.text, position: position(col) }] : [];
  }
  const escape = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^${path.split('[*]').map(escape).join('(\\d+)')}$`);
  const hits: SourceHit[] = [];
  header.forEach((name, col) => {
    const m = re.exec(name);
    const cell = row[col];
    if (m && cell && cell.text.trim() !== '') {
      hits.push({ value: cell.text, position: position(col), index: Number(m[1]) - 1 });
    }
  });
  return hits.sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
}

describe('CSV columns', () => {
  it('reads numbered columns in repetition order, whatever the header order', () => {
    const r = createCsvParser()('typ_2;namn;typ_1;typ_10\r\nb;x;a;c\r\n');
    expect(r.ok && r.docs[0]?.read('typ_[*]')).toEqual([
      { value: 'a', position: 'CSV rad 2, kolumn 3 (typ_1)', index: 0 },
      { value: 'b', position: 'CSV rad 2, kolumn 1 (typ_2)', index: 1 },
      { value: 'c', position: 'CSV rad 2, kolumn 4 (typ_10)', index: 9 },
    ]);
  });

  it('takes the first of two columns with one name (the parser refuses such a header; the reader stays defined)', () => {
    const doc = csvRowDoc(['namn', 'namn'], [{ text: 'first', line: 2 }, { text: 'second', line: 2 }], 2);
    expect(doc.read('namn')).toEqual([{ value: 'first', position: 'CSV rad 2, kolumn 1 (namn)' }]);
  });

  it('reads every path as reading each row on its own did', () => {
    const name = fc.constantFrom('a', 'a_1', 'a_2', 'a_0', 'a_01', 'b_1_c', 'b_2_c', 'x.y', 'x(1)');
    const cell = fc.constantFrom('', ' ', 'v', 'w z');
    const path = fc.constantFrom('a', 'a_[*]', 'b_[*]_c', 'x.y', 'x([*])', 'missing', 'a_1');
    fc.assert(
      fc.property(fc.array(name, { maxLength: 8 }), fc.array(cell, { maxLength: 8 }), fc.integer({ min: 2, max: 9 }), path, (header, texts, line, p) => {
        const row = texts.map((text) => ({ text, line }));
        const columns = csvColumns(header);
        expect(csvRowDoc(header, row, line, columns).read(p)).toEqual(reference(header, row, line, p));
        // and again through the cache the first read filled
        expect(csvRowDoc(header, row, line, columns).read(p)).toEqual(reference(header, row, line, p));
      }),
      { numRuns: 3000 },
    );
  });
});
