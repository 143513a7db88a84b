/** The tokenizer copies runs of text with slice(): it must split exactly as the former character-by-character loop. */
import fc from 'fast-check';
import { tokenizeCsv } from './tokenize.ts';
import type { CsvCell, TokenizeResult } from './tokenize.ts';

/** The former tokenizer, kept as the reference. */
function reference(text: string, separator = ';', maxRows = 10_000): TokenizeResult {
  const rows: CsvCell[][] = [];
  let row: CsvCell[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  let atRowStart = true;
  while (i <= n) {
    if (atRowStart && i === n) {
      break;
    }
    atRowStart = false;
    const cellStartLine = line;
    let value = '';
    if (text[i] === '"') {
      const quoteLine = line;
      const quoteColumn = row.length + 1;
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (c === '\n') {
          line++;
        }
        value += c ?? '';
        i++;
      }
      if (!closed) {
        return { ok: false, line: quoteLine, column: quoteColumn, problem: 'unterminated-quote' };
      }
      if (i < n && text[i] !== separator && text[i] !== '\n' && text[i] !== '\r') {
        return { ok: false, line, column: row.length + 1, problem: 'quote-in-field' };
      }
    } else {
      while (i < n && text[i] !== separator && text[i] !== '\n' && text[i] !== '\r') {
        if (text[i] === '"') {
          return { ok: false, line, column: row.length + 1, problem: 'quote-in-field' };
        }
        value += text[i] ?? '';
        i++;
      }
    }
    row.push({ text: value, line: cellStartLine });
    if (i < n && text[i] === separator) {
      i++;
      continue;
    }
    if (text[i] === '\r') {
      i++;
    }
    if (text[i] === '\n') {
      i++;
    }
    line++;
    if (!(row.length === 1 && row[0]?.text === '')) {
      rows.push(row);
    }
    if (rows.length > maxRows) {
      return { ok: false, line, column: 1, problem: 'too-many-rows' };
    }
    row = [];
    atRowStart = true;
    if (i >= n) {
      break;
    }
  }
  return { ok: true, rows };
}

describe('tokenizeCsv', () => {
  it('reads quoted fields with doubled quotes and line breaks', () => {
    expect(tokenizeCsv('a;"b ""c""\nd";e\r\nf')).toEqual({
      ok: true,
      rows: [
        [
          { text: 'a', line: 1 },
          { text: 'b "c"\nd', line: 1 },
          { text: 'e', line: 2 },
        ],
        [{ text: 'f', line: 3 }],
      ],
    });
  });

  it('splits every text as the former tokenizer did, errors and their positions included', () => {
    const text = fc.array(fc.constantFrom('a', 'bc', 'ö', '😀', ';', '"', '""', '\n', '\r', '\r\n', ' ', ','), { maxLength: 30 }).map((ps) => ps.join(''));
    fc.assert(
      fc.property(text, fc.constantFrom(';', ','), fc.integer({ min: 1, max: 4 }), (t, sep, maxRows) => {
        expect(tokenizeCsv(t, sep, maxRows)).toEqual(reference(t, sep, maxRows));
      }),
      { numRuns: 5000 },
    );
  });
});
