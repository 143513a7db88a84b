/**
 * hl7Doc answers from per-message indexes (segments per name, per selector value) and cached positions: it must
 * read what scanning the segments for every path read.
 */
import fc from 'fast-check';
import type { SourceHit } from '../../map/source.ts';
import { createHl7Parser, hl7Doc, matchingSegments } from './parse.ts';
import type { ParsedHl7, ParsedSegment } from './parse.ts';
import { parseHl7Path, unescapeHl7 } from './path.ts';
import { splitHl7 } from './split.ts';

const d = { subcomponent: '&', escape: '\\' };

/** The former reading: scan every segment per path, split the subcomponents. */
function reference(msg: ParsedHl7, path: string): SourceHit[] {
  const p = parseHl7Path(path);
  if (!p) {
    return [];
  }
  const component = (seg: ParsedSegment, field: number, comp: number, sub: number | undefined): string =>
    unescapeHl7((seg.fields[field]?.[0]?.[comp - 1] ?? '').split(d.subcomponent)[(sub ?? 1) - 1] ?? '', d.escape);
  const matches = matchingSegments(msg, p, d);
  const chosen = p.repeated ? matches : matches.slice(0, 1);
  const hits: SourceHit[] = [];
  chosen.forEach(({ seg, occurrence }, k) => {
    const value = component(seg, p.field, p.component, p.subcomponent);
    if (value.trim() !== '') {
      hits.push({
        value,
        position: `HL7 ${p.segment}[${occurrence}]-${p.field}.${p.component}${p.subcomponent === undefined ? '' : `.${p.subcomponent}`}`,
        ...(p.repeated ? { index: k } : {}),
      });
    }
  });
  return hits;
}

describe('hl7Doc', () => {
  it('reads selected and repeated segments with their occurrence', () => {
    const r = createHl7Parser()('MSH|^~\\&|A|B|C|D|2025||REF^I12|1|P|2.5\rOBX|1|ST|x||skip\rOBX|2|ST|typ||a&sub\rOBX|3|ST|typ||\rOBX|4|ST|typ||b\\T\\c');
    const doc = r.ok ? r.docs[0] : undefined;
    expect(doc?.read('OBX(3.1=typ)[*]-5.1')).toEqual([
      { value: 'a', position: 'HL7 OBX[2]-5.1', index: 0 },
      { value: 'b&c', position: 'HL7 OBX[4]-5.1', index: 2 },
    ]);
    expect(doc?.read('OBX(3.1=typ)-5.1.2')).toEqual([{ value: 'sub', position: 'HL7 OBX[2]-5.1.2' }]);
    expect(doc?.read('OBX(3.1=none)-5.1')).toEqual([]);
  });

  it('reads every path as scanning the message per path did', () => {
    const text = fc.constantFrom('', 'a', 'b', 'a&b', '&x', 'a\\T\\b', ' ', 'c^a', 'a~b', 'NM');
    const segment = fc.tuple(fc.constantFrom('OBX', 'PID', 'PRD'), fc.array(text, { maxLength: 6 })).map(([name, fields]) => [name, ...fields].join('|'));
    const path = fc.constantFrom(
      'OBX-5',
      'OBX-5.1.2',
      'OBX-5.0',
      'OBX(3.1=a)-5.1',
      'OBX(3.1=a)[*]-5.1',
      'OBX(3=b;2=NM)[*]-4.1.2',
      'OBX(3.2=a)[*]-1',
      'OBX(1.1=a)-2.1.0',
      'PID(2=a&b)-3.1',
      'PID[*]-1.2',
      'PRD(1.1=NM)-3.1',
      'NTE-1',
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), fc.array(path, { minLength: 1, maxLength: 4 }), (segs, paths) => {
        const msg = splitHl7(['MSH|^~\\&|A|B', ...segs].join('\r'));
        const doc = hl7Doc(msg, d);
        for (const p of paths) {
          expect(doc.read(p)).toEqual(reference(msg, p));
        }
      }),
      { numRuns: 3000 },
    );
  });
});
