/**
 * RFC 4180 style CSV with `;` as separator (Swedish spreadsheets and journal exports), quoted fields with `""`
 * escapes and line breaks inside quotes. Broken quoting is reported with its row and column, never guessed.
 */
export interface CsvCell {
  readonly text: string;
  /** 1-based line of the file where the cell starts. */
  readonly line: number;
}

export type TokenizeResult =
  | { readonly ok: true; readonly rows: readonly (readonly CsvCell[])[] }
  | { readonly ok: false; readonly line: number; readonly column: number; readonly problem: 'unterminated-quote' | 'quote-in-field' | 'too-many-rows' };

const QUOTE = 0x22;
const NEWLINE = 0x0a;

export function tokenizeCsv(text: string, separator = ';', maxRows = 10_000): TokenizeResult {
  const rows: CsvCell[][] = [];
  let row: CsvCell[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  let cellStartLine = 1;
  let atRowStart = true;
  while (i <= n) {
    if (atRowStart && i === n) {
      break;
    }
    atRowStart = false;
    cellStartLine = line;
    let value = '';
    if (text[i] === '"') {
      const quoteLine = line;
      const quoteColumn = row.length + 1;
      i++;
      let closed = false;
      // the text between quotes is copied in runs (slices), not character by character
      let run = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
          if (text.charCodeAt(i + 1) === QUOTE) {
            value += text.slice(run, i + 1);
            i += 2;
            run = i;
            continue;
          }
          value += text.slice(run, i);
          i++;
          closed = true;
          break;
        }
        if (c === NEWLINE) {
          line++;
        }
        i++;
      }
      if (!closed) {
        return { ok: false, line: quoteLine, column: quoteColumn, problem: 'unterminated-quote' };
      }
      if (i < n && text[i] !== separator && text[i] !== '\n' && text[i] !== '\r') {
        return { ok: false, line, column: row.length + 1, problem: 'quote-in-field' };
      }
    } else {
      const start = i;
      while (i < n && text[i] !== separator && text[i] !== '\n' && text[i] !== '\r') {
        if (text.charCodeAt(i) === QUOTE) {
          return { ok: false, line, column: row.length + 1, problem: 'quote-in-field' };
        }
        i++;
      }
      value = text.slice(start, i);
    }
    row.push({ text: value, line: cellStartLine });
    if (i < n && text[i] === separator) {
      i++;
      continue;
    }
    // End of row (newline, CRLF or end of input).
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

export function quoteCsv(value: string, separator = ';'): string {
  return /[";\r\n]/.test(value) || value.includes(separator) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value;
}
