/** splitHl7 reads every message exactly as reading every field of @medplum/core's Hl7Message.parse does. */
import { readdirSync, readFileSync } from 'node:fs';
import { Hl7Message } from '@medplum/core';
import fc from 'fast-check';
import type { ParsedHl7 } from './parse.ts';
import { splitHl7 } from './split.ts';

/** The former parsed form: every field of medplum's lazily parsed message. */
function viaMedplum(text: string): ParsedHl7 {
  return {
    segments: Hl7Message.parse(text).segments.map((seg) => {
      const count = seg.name === 'MSH' ? seg.fields.length + 1 : seg.fields.length;
      const fields: string[][][] = [[[seg.name]]];
      for (let f = 1; f < count; f++) {
        fields.push(seg.name === 'MSH' && f <= 2 ? [[seg.getField(f).toString()]] : seg.getField(f).components.map((rep) => [...rep]));
      }
      return { name: seg.name, fields };
    }),
  };
}

const goldenDir = new URL('../../../test/golden/hl7/', import.meta.url);

describe('splitHl7', () => {
  it.each(readdirSync(goldenDir).filter((f) => f.endsWith('.hl7') && readFileSync(new URL(f, goldenDir), 'utf8').startsWith('MSH')))('equals medplum on %s', (file) => {
    const text = readFileSync(new URL(file, goldenDir), 'utf8').trim();
    expect(splitHl7(text)).toEqual(viaMedplum(text));
  });

  it('equals medplum on odd delimiters, empty fields, repetitions and LF or CRLF segment breaks', () => {
    const delimiters = fc.shuffledSubarray(['|', '^', '~', '\\', '&', '*', ':', '!', '$', '%', '#'], { minLength: 5, maxLength: 5 });
    fc.assert(
      fc.property(delimiters, fc.array(fc.tuple(fc.constantFrom('PID', 'PRD', 'OBX', 'NTE', 'MSH'), fc.array(fc.string({ unit: fc.constantFrom('a', 'B', '1', ' ', '|', '^', '~', '\\', '&', '*', ':', '!', '$', '%', '#') }), { maxLength: 8 })), { maxLength: 6 }), fc.constantFrom('\r', '\n', '\r\n'), ([fs = '|', cs = '^', rs = '~', es = '\\', ss = '&'], segs, br) => {
        const body = segs.map(([name, fields]) => [name, ...fields].join(fs));
        const text = [`MSH${fs}${cs}${rs}${es}${ss}${fs}A${fs}B`, ...body].join(br);
        expect(splitHl7(text)).toEqual(viaMedplum(text));
      }),
      { numRuns: 2000 },
    );
  });
});
