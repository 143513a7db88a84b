/** The RIV-TA status reader on the saxes reader (tree.ts): bare or in SOAP, and refusals with their position. */
import { createRivStatusParser } from './parse-status.ts';

const parse = createRivStatusParser();

function diagnostics(input: string): [string | undefined, string | undefined] {
  const r = parse(input);
  if (r.ok) {
    throw new Error('expected a failure');
  }
  const i = r.outcome.issue[0];
  return [i?.details?.coding?.[0]?.code, i?.diagnostics];
}

describe('RIV-TA status reader', () => {
  it('reads a ProcessRequestConfirmation inside a SOAP envelope, prefixes dropped', () => {
    const r = parse('<s:Envelope xmlns:s="x"><s:Body><ns:ProcessRequestConfirmation xmlns:ns="y"><ns:confirmation><ns:comment>V&#229;r &amp; dag</ns:comment></ns:confirmation></ns:ProcessRequestConfirmation></s:Body></s:Envelope>');
    expect(r.ok && r.value.message).toBe('ProcessRequestConfirmation');
    expect(r.ok && r.value.doc.read('ProcessRequestConfirmation.confirmation.comment')[0]?.value).toBe('Vår & dag');
  });

  it('refuses malformed XML with the line and column of the problem, and another message at the root', () => {
    expect(diagnostics('<ProcessRequestOutcome>\n  <outcome>\n</ProcessRequestOutcome>')).toEqual(['MAP-PARSE', 'XML rad 3, kolumn 1']);
    expect(diagnostics('<ProcessRequestOutcome>&nbsp;</ProcessRequestOutcome>')).toEqual(['MAP-PARSE', 'XML rad 1, kolumn 24']);
    expect(diagnostics('<ProcessRequest/>')).toEqual(['MAP-PARSE', 'XML /']);
    expect(diagnostics('<!DOCTYPE x><ProcessRequestOutcome/>')[0]).toBe('MAP-XML-DTD');
  });
});
