/**
 * Flat journal export as CSV (mappings/csv.to-fhir.json): `;`-separated, a header row of Swedish column names,
 * one referral per row, UTF-8 (with or without BOM) or Windows-1252 (decoded with iconv-lite when the bytes are
 * not valid UTF-8). Positions are `CSV rad R, kolumn C (namn)` with the file's line and the 1-based column.
 */
import iconv from 'iconv-lite';
import type { Scalar } from '../../map/transforms/registry.ts';
import type { SourceDoc, SourceHit, TargetDoc } from '../../map/source.ts';
import { compileSchema, DEFAULT_LIMITS, loadSchema, parseFailure, parseIssue, schemaIssues, tooLarge } from '../limits.ts';
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

export function csvRowDoc(header: readonly string[], row: readonly CsvCell[], rowLine: number): SourceDoc {
  const position = (col: number): string => `CSV rad ${rowLine}, kolumn ${col + 1} (${header[col] ?? '?'})`;
  return {
    read: (path) => {
      if (!path.includes('[*]')) {
        const col = header.indexOf(path);
        const cell = col >= 0 ? row[col] : undefined;
        return cell && cell.text.trim() !== '' ? [{ value: cell.text, position: position(col) }] : [];
      }
      const re = columnPattern(path);
      const hits: SourceHit[] = [];
      header.forEach((name, col) => {
        const m = re.exec(name);
        const cell = row[col];
        if (m && cell && cell.text.trim() !== '') {
          hits.push({ value: cell.text, position: position(col), index: Number(m[1]) - 1 });
        }
      });
      return hits.sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    },
    where: (path) => {
      const col = header.indexOf(path.replace('[*]', '1'));
      return col >= 0 ? position(col) : `CSV rad ${rowLine}, kolumn ${path.replace('[*]', 'N')} (saknas i rubrikraden)`;
    },
  };
}

export function createCsvParser(limits: ParseLimits = DEFAULT_LIMITS): (input: string | Buffer) => ParseResult {
  const validate = compileSchema(loadSchema(new URL('./schema.json', import.meta.url)));
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
    return { ok: true, meta: { encoding }, docs: dataRows.map((r) => csvRowDoc(header, r, r[0]?.line ?? 0)) };
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
