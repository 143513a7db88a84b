/**
 * The parsed form of an HL7 v2 message straight from its text, in one pass of `split`s: the same result as
 * reading every field of @medplum/core's `Hl7Message.parse` (segments on CR/LF, fields on MSH-1, repetitions and
 * components on MSH-2; MSH-1 and MSH-2 are fields 1 and 2 of MSH), without building its lazy field objects
 * first (that copy cost a quarter of an HL7 conversion). split.test.ts checks the equality against medplum.
 */
import type { ParsedHl7, ParsedSegment } from './parse.ts';

export function splitHl7(text: string): ParsedHl7 {
  const fieldSep = text.charAt(3);
  const componentSep = text.charAt(4);
  const repetitionSep = text.charAt(5);
  const msh2 = text.slice(4, 8);
  const segments: ParsedSegment[] = [];
  for (const line of text.split(/[\r\n]+/)) {
    const raw = line.split(fieldSep);
    const name = raw[0] ?? '';
    const fields: string[][][] = [[[name]]];
    if (name === 'MSH') {
      // MSH-1 always; MSH-2 when the segment has any field after its name (medplum counts MSH fields + 1)
      fields.push([[fieldSep]]);
      if (raw.length > 1) {
        fields.push([[msh2]]);
      }
    }
    for (let f = 1; f < raw.length; f++) {
      if (name === 'MSH' && f === 1) {
        continue; // MSH-2, the encoding characters, is fields[2] already
      }
      fields.push(splitField(raw[f] ?? '', repetitionSep, componentSep));
    }
    segments.push({ name, fields });
  }
  return { segments };
}

/** `a^b~c` → [['a', 'b'], ['c']]; the common field without repetitions or components costs no split. */
function splitField(field: string, repetitionSep: string, componentSep: string): string[][] {
  if (!field.includes(repetitionSep)) {
    return [field.includes(componentSep) ? field.split(componentSep) : [field]];
  }
  const reps = field.split(repetitionSep);
  const out: string[][] = [];
  for (const rep of reps) {
    out.push(rep.split(componentSep));
  }
  return out;
}
