/** Safe parsing (issue 5): odd delimiters, limits, broken input → an OperationOutcome with a position, never a throw. */
import { createCsvParser } from './csv/parse.ts';
import { tokenizeCsv } from './csv/tokenize.ts';
import { createFlatJsonParser } from './flat-json/parse.ts';
import { createHl7Parser } from './hl7/parse.ts';
import { escapeHl7, parseHl7Path, unescapeHl7 } from './hl7/path.ts';
import { DEFAULT_LIMITS } from './limits.ts';
import type { ParseResult } from './limits.ts';
import { createRivParser } from './riv/parse.ts';
import iconv from 'iconv-lite';

function failure(r: ParseResult): { id: string | undefined; diagnostics: string | undefined } {
  if (r.ok) {
    throw new Error('expected a failure');
  }
  const i = r.outcome.issue[0];
  return { id: i?.details?.coding?.[0]?.code, diagnostics: i?.diagnostics };
}

describe('HL7 v2', () => {
  const parse = createHl7Parser();

  it('reads a message with odd delimiters', () => {
    const msg = 'MSH*:!$%*A*B*C*D*20250101**REF:I12*1*P*2.5\rPID*1**191212121212::::NNSWE!X**Tolvansson:Tolvan%mid';
    const r = parse(msg);
    expect(r.ok).toBe(true);
    const doc = r.ok ? r.docs[0] : undefined;
    expect(doc?.read('PID-3.1')).toEqual([{ value: '191212121212', position: 'HL7 PID[1]-3.1' }]);
    expect(doc?.read('PID-5.2')).toEqual([{ value: 'Tolvan', position: 'HL7 PID[1]-5.2' }]);
    expect(doc?.read('PID-5.2.2')).toEqual([{ value: 'mid', position: 'HL7 PID[1]-5.2.2' }]);
  });

  it('refuses wrong encoding characters, a missing MSH and another message type', () => {
    expect(failure(parse('MSH|^~\\|A|B')).id).toBe('MAP-HL7-DELIMITERS');
    expect(failure(parse('PID|1||x')).id).toBe('MAP-HL7-MSH');
    expect(failure(parse('MSH|^~\\&|A|B|C|D|2025||ORU^R01|1|P|2.5\rPID|1')).diagnostics).toBe('HL7 MSH[1]-9');
  });

  it('strips MLLP framing and reads LF-separated segments', () => {
    const r = parse('\u000bMSH|^~\\&|A|B|C|D|2025||REF^I12|1|P|2.5\nRF1||||||X#1\n\u001c\r');
    expect(r.ok && r.docs[0]?.read('RF1-6.1')[0]?.value).toBe('X#1');
  });

  it('escapes and unescapes every delimiter', () => {
    const text = 'a|b^c~d\\e&f\ng';
    expect(unescapeHl7(escapeHl7(text))).toBe(text);
    expect(escapeHl7(text)).not.toMatch(/[|^~&\n]/);
  });

  it('parses selector paths', () => {
    expect(parseHl7Path('OBX(3.1=a.b;2=NM)[*]-5.1')).toMatchObject({ segment: 'OBX', repeated: true, field: 5, component: 1, conditions: [{ field: 3, component: 1, value: 'a.b' }, { field: 2, component: 1, value: 'NM' }] });
    expect(parseHl7Path('nonsense')).toBeUndefined();
  });
});

describe('RIV-TA XML', () => {
  const parse = createRivParser({ ...DEFAULT_LIMITS, maxDepth: 8 });

  it('refuses DOCTYPE and entity declarations (XXE, billion laughs)', () => {
    const laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><ProcessRequest>&lol2;</ProcessRequest>';
    expect(failure(parse(laughs)).id).toBe('MAP-XML-DTD');
  });

  it('limits the element depth', () => {
    const deep = `<ProcessRequest><request>${'<a>'.repeat(20)}x${'</a>'.repeat(20)}</request></ProcessRequest>`;
    const r = parse(deep);
    expect(r.ok).toBe(false);
  });

  it('reports malformed XML with line and column, and a wrong root with its path', () => {
    expect(failure(parse('<ProcessRequest>\n  <request>\n</ProcessRequest>')).diagnostics).toMatch(/^XML rad 3, kolumn \d+$/);
    expect(failure(parse('<Other/>')).id).toBe('MAP-SCHEMA');
  });

  it('limits the size', () => {
    const small = createRivParser({ ...DEFAULT_LIMITS, maxBytes: 100 });
    expect(failure(small(`<ProcessRequest>${'x'.repeat(200)}</ProcessRequest>`)).id).toBe('MAP-TOO-LARGE');
  });
});

describe('CSV', () => {
  const parse = createCsvParser();

  it('tokenizes quotes, doubled quotes, separators and line breaks inside quotes', () => {
    const t = tokenizeCsv('a;b\r\n"x;""y""\nz";2\r\n');
    expect(t.ok && t.rows.map((r) => r.map((c) => c.text))).toEqual([['a', 'b'], ['x;"y"\nz', '2']]);
  });

  it('reports broken quoting with its line and column', () => {
    expect(failure(parse('a;b\r\n1;"open\r\n'))).toEqual({ id: 'MAP-CSV-SYNTAX', diagnostics: 'CSV rad 2, kolumn 2' });
    expect(failure(parse('a;b\r\n1;x"y\r\n'))).toEqual({ id: 'MAP-CSV-SYNTAX', diagnostics: 'CSV rad 2, kolumn 2' });
  });

  it('reads Windows-1252 and UTF-8 with BOM alike', () => {
    const text = 'vardcentral_namn;patient_namn\r\nVårdcentralen Möllevången;Öberg, Åsa\r\n';
    for (const bytes of [iconv.encode(text, 'windows-1252'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])]) {
      const r = parse(bytes);
      expect(r.ok && r.docs[0]?.read('patient_namn')).toEqual([{ value: 'Öberg, Åsa', position: 'CSV rad 2, kolumn 2 (patient_namn)' }]);
    }
  });

  it('refuses rows wider than the header, duplicate columns and an empty file', () => {
    expect(failure(parse('a;b\r\n1;2;3\r\n')).id).toBe('MAP-CSV-WIDTH');
    expect(failure(parse('a;a\r\n1;2\r\n')).id).toBe('MAP-SCHEMA');
    expect(failure(parse('')).id).toBe('MAP-SCHEMA');
  });

  it('returns one document per row for batches', () => {
    const r = parse('remiss_id\r\nA#1\r\nA#2\r\n');
    expect(r.ok && r.docs.map((d) => d.read('remiss_id')[0]?.position)).toEqual(['CSV rad 2, kolumn 1 (remiss_id)', 'CSV rad 3, kolumn 1 (remiss_id)']);
  });
});

describe('flat JSON', () => {
  const parse = createFlatJsonParser({ ...DEFAULT_LIMITS, maxDepth: 4 });

  it('refuses non-objects, nested values and deep structures', () => {
    expect(failure(parse('42')).id).toBe('MAP-SCHEMA');
    expect(failure(parse('{"remiss_id": {"a": 1}}')).diagnostics).toBe('JSON /remiss_id');
    expect(failure(parse('{"tidigare_behandling": [{"a": [[[[1]]]]}]}')).id).toBe('MAP-TOO-DEEP');
  });
});
