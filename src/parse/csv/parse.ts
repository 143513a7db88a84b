/**
 * Flat journal export as CSV (mappings/csv.to-fhir.json): `;`-separated, a header row of Swedish column names,
 * one referral per row, UTF-8 (with or without BOM) or Windows-1252 (decoded with iconv-lite when the bytes are
 * not valid UTF-8). Positions are `CSV rad R, kolumn C (namn)` with the file's line and the 1-based column.
 */
import iconv from 'iconv-lite';
import type { Scalar } from '../../map/transforms/registry.ts';
import type { SourceDoc, SourceHit, TargetDoc } from '../../map/source.ts';
import { compileSchema, DEFAULT_LIMITS, loadSchema, parseFailure, parseIssue, perKey, schemaIssues, tooLarge } from '../limits.ts';
import type { ParseLimits, ParseResult } from '../limits.ts';
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { quoteCsv, tokenizeCsv } from './tokenize.ts';
import type { CsvCell } from './tokenize.ts';

export type CsvEncoding = 'utf-8' | 'windows-1252';

/** UTF-8 when the bytes decode strictly as UTF-8, else Windows-1252. */
export function decodeCsv(input: string | Buffer): { text: string; encoding: CsvEncoding } {
  if (typeof input === 'string') {
    return { text: input.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(input).replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(input, 'windows-1252'), encoding: 'windows-1252' };
  }
}

function columnPattern(path: string): RegExp {
  const escape = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${path.split('[*]').map(escape).join('(\\d+)')}$`);
}

/**
 * The columns of one header row, shared by its data rows: the column of a name, the numbered columns of a `[*]`
 * path in repetition order, and the column part of positions, each worked out once per file.
 */
export interface CsvColumns {
  readonly header: readonly string[];
  column(path: string): number;
  repeated(path: string): readonly { readonly col: number; readonly index: number }[];
  /** `, kolumn 3 (patient_namn)` */
  suffix(col: number): string;
}

/** `patterns`: the parser's cache of `[*]` column patterns (default: a new RegExp per header). */
export function csvColumns(header: readonly string[], patterns: (path: string) => RegExp = columnPattern): CsvColumns {
  const columns = new Map<string, number>();
  header.forEach((name, col) => {
    if (!columns.has(name)) {
      columns.set(name, col);
    }
  });
  const repeated = new Map<string, { col: number; index: number }[]>();
  const suffixes: string[] = [];
  return {
    header,
    column: (path) => columns.get(path) ?? -1,
    repeated: (path) => {
      let found = repeated.get(path);
      if (!found) {
        const re = patterns(path);
        found = [];
        header.forEach((name, col) => {
          const m = re.exec(name);
          if (m) {
            found?.push({ col, index: Number(m[1]) - 1 });
          }
        });
        found.sort((x, y) => x.index - y.index);
        repeated.set(path, found);
      }
      return found;
    },
    suffix: (col) => (suffixes[col] ??= `, kolumn ${col + 1} (${header[col] ?? '?'})`),
  };
}

export function csvRowDoc(header: readonly string[], row: readonly CsvCell[], rowLine: number, columns: CsvColumns = csvColumns(header)): SourceDoc {
  const line = `CSV rad ${rowLine}`;
  const position = (col: number): string => line + columns.suffix(col);
  return {
    read: (path) => {
      if (!path.includes('[*]')) {
        const col = columns.column(path);
        const cell = col >= 0 ? row[col] : undefined;
        return cell && cell.text.trim() !== '' ? [{ value: cell.text, position: position(col) }] : [];
      }
      const hits: SourceHit[] = [];
      for (const { col, index } of columns.repeated(path)) {
        const cell = row[col];
        if (cell && cell.text.trim() !== '') {
          hits.push({ value: cell.text, position: position(col), index });
        }
      }
      return hits;
    },
    where: (path) => {
      const col = header.indexOf(path.replace('[*]', '1'));
      return col >= 0 ? position(col) : `CSV rad ${rowLine}, kolumn ${path.replace('[*]', 'N')} (saknas i rubrikraden)`;
    },
  };
}

export function createCsvParser(limits: ParseLimits = DEFAULT_LIMITS): (input: string | Buffer) => ParseResult {
  const validate = compileSchema(loadSchema(new URL('./schema.json', import.meta.url)));
  // The mapping file's `[*]` column patterns, compiled once per parser rather than once per row and rule.
  const patterns = perKey<RegExp>(columnPattern);
  return (input) => {
    const big = tooLarge(input, limits);
    if (big) {
      return parseFailure([big]);
    }
    const { text, encoding } = decodeCsv(input);
    const tokens = tokenizeCsv(text, ';', limits.maxRows);
    if (!tokens.ok) {
      const what = {
        'unterminated-quote': ['citattecknet avslutas aldrig', 'the quote is never closed'],
        'quote-in-field': ['citattecken mitt i ett fält', 'a quote inside a field'],
        'too-many-rows': ['för många rader', 'too many rows'],
      }[tokens.problem];
      return parseFailure([parseIssue('MAP-CSV-SYNTAX', `Trasig CSV: ${what[0]}.`, `Broken CSV: ${what[1]}.`, `CSV rad ${tokens.line}, kolumn ${tokens.column}`)]);
    }
    const [headerRow, ...dataRows] = tokens.rows;
    const header = (headerRow ?? []).map((c) => c.text.trim().toLowerCase());
    const parsed = { header, rows: dataRows.map((r) => r.map((c) => c.text)) };
    if (!validate(parsed)) {
      return parseFailure(schemaIssues(validate, (p) => csvPosition(p, dataRows)));
    }
    const issues: OperationOutcomeIssue[] = [];
    dataRows.forEach((r) => {
      if (r.length > header.length) {
        const line = r[0]?.line ?? 0;
        issues.push(parseIssue('MAP-CSV-WIDTH', `Raden har ${r.length} fält men rubrikraden ${header.length}.`, `The row has ${r.length} fields but the header ${header.length}.`, `CSV rad ${line}, kolumn ${header.length + 1}`));
      }
    });
    if (issues.length > 0) {
      return parseFailure(issues);
    }
    const columns = csvColumns(header, patterns);
    return { ok: true, meta: { encoding }, docs: dataRows.map((r) => csvRowDoc(header, r, r[0]?.line ?? 0, columns)) };
  };
}

/** `/header/3` → `CSV rad 1, kolumn 4`; `/rows/0/2` → the data row's line. */
function csvPosition(instancePath: string, dataRows: readonly (readonly CsvCell[])[]): string {
  const header = /^\/header\/(\d+)/.exec(instancePath);
  if (header) {
    return `CSV rad 1, kolumn ${Number(header[1]) + 1}`;
  }
  const row = /^\/rows\/(\d+)(?:\/(\d+))?/.exec(instancePath);
  if (row) {
    return `CSV rad ${dataRows[Number(row[1])]?.[0]?.line ?? '?'}${row[2] ? `, kolumn ${Number(row[2]) + 1}` : ''}`;
  }
  return 'CSV';
}

export function csvTarget(): TargetDoc {
  const values = new Map<string, string>();
  return {
    write: (path: string, value: Scalar, index?: number) => {
      values.set(path.replace('[*]', String((index ?? 0) + 1)), String(value));
    },
    serialise: () => {
      const header = [...values.keys()];
      return `${header.join(';')}\r\n${header.map((h) => quoteCsv(values.get(h) ?? '')).join(';')}\r\n`;
    },
  };
}
