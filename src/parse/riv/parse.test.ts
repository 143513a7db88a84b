/** The RIV-TA parser's safety (issue 5) on the saxes reader: each refusal is an OperationOutcome issue with its position. */
import { DEFAULT_LIMITS } from '../limits.ts';
import type { ParseResult } from '../limits.ts';
import { createRivParser } from './parse.ts';

function failure(r: ParseResult): { code: string | undefined; text: string | undefined; diagnostics: string | undefined } {
  if (r.ok) {
    throw new Error('expected a failure');
  }
  const i = r.outcome.issue[0];
  return { code: i?.details?.coding?.[0]?.code, text: i?.details?.text, diagnostics: i?.diagnostics };
}

const MESSAGE =
  '<ProcessRequest><request><requestId>R-1</requestId><patient><personId><extension>1</extension></personId><name><givenName>V&#229;rd &amp; Co</givenName></name></patient><requestOrganisation><careUnitName>X</careUnitName></requestOrganisation></request></ProcessRequest>';

describe('RIV-TA parser on the saxes reader', () => {
  const parse = createRivParser({ ...DEFAULT_LIMITS, maxDepth: 6 });

  it('reads a message, with character references replaced', () => {
    const r = parse(MESSAGE);
    // hits spell out their position when it is read (RivHit), so read it explicitly
    const hits = r.ok ? (r.docs[0]?.read('ProcessRequest.request.patient.name.givenName') ?? []) : [];
    expect(hits.map((h) => ({ value: h.value, position: h.position, index: h.index }))).toEqual([{ value: 'Vård & Co', position: 'XML /ProcessRequest/request/patient/name/givenName', index: undefined }]);
  });

  it('reads UTF-8 bytes with a BOM', () => {
    const r = parse(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(MESSAGE, 'utf8')]));
    expect(r.ok).toBe(true);
  });

  it('refuses a DOCTYPE or an ENTITY declaration anywhere, before reading', () => {
    expect(failure(parse('<?xml version="1.0"?>\n<!DOCTYPE ProcessRequest SYSTEM "file:///etc/passwd">\n<ProcessRequest/>'))).toMatchObject({ code: 'MAP-XML-DTD', diagnostics: 'XML rad 2' });
    expect(failure(parse('<ProcessRequest><!-- <!ENTITY x "y"> --></ProcessRequest>')).code).toBe('MAP-XML-DTD');
  });

  it('refuses an undefined entity at its &', () => {
    expect(failure(parse('<ProcessRequest>\n  &nbsp;</ProcessRequest>'))).toEqual({ code: 'MAP-PARSE', text: 'Felaktig XML: undefined entity.', diagnostics: 'XML rad 2, kolumn 3' });
  });

  it('refuses an element deeper than limits.maxDepth at its start tag', () => {
    const deep = `<ProcessRequest><request><a><b><c><d>\n<e/></d></c></b></a></request></ProcessRequest>`;
    expect(failure(parse(deep))).toEqual({ code: 'MAP-TOO-DEEP', text: "XML-strukturen är för djup: Element 'e' is nested deeper than 6 levels.", diagnostics: 'XML rad 2, kolumn 1' });
    // one level less is read, then refused by the schema check (no requestId), not by depth
    expect(failure(parse(deep.replace('\n<e/>', ''))).code).toBe('MAP-SCHEMA');
  });

  it('refuses input over the size limit before reading it', () => {
    const small = createRivParser({ ...DEFAULT_LIMITS, maxBytes: 50 });
    expect(failure(small(`<ProcessRequest>${'<'.repeat(100)}`)).code).toBe('MAP-TOO-LARGE');
  });

  it.each([
    ['empty input', '', 'XML rad 1, kolumn 1'],
    ['garbage', 'not xml at all', 'XML rad 1, kolumn 1'],
    ['a mismatched closing tag', '<ProcessRequest>\n  <request>\n</ProcessRequest>', 'XML rad 3, kolumn 1'],
    ['an unclosed tag', '<ProcessRequest>\n  <request>', 'XML rad 2, kolumn 3'],
    ['text after the root', '<ProcessRequest/>\nx', 'XML rad 2, kolumn 1'],
  ])('%s is MAP-PARSE with its line and column', (_name, xml, diagnostics) => {
    expect(failure(parse(xml))).toMatchObject({ code: 'MAP-PARSE', diagnostics });
  });
});
