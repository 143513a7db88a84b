/**
 * HL7 v2.5 REF^I12 (standards.md §4), split the way @medplum/core's Hl7Message reads it (split.ts; the delimiters
 * come from MSH-1/MSH-2, so odd delimiters work). The parsed form is a plain object checked against schema.json; positions are
 * `SEG[n]-field.component` with n the occurrence of that segment (1-based).
 */
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { SourceDoc, SourceHit } from '../../map/source.ts';
import { compileSchema, DEFAULT_LIMITS, loadSchema, parseFailure, parseIssue, perKey, schemaIssues, tooLarge, toText } from '../limits.ts';
import type { ParseLimits, ParseResult } from '../limits.ts';
import { parseHl7Path, unescapeHl7 } from './path.ts';
import { splitHl7 } from './split.ts';
import type { Hl7Path } from './path.ts';

export interface ParsedSegment {
  readonly name: string;
  /** fields[f][repetition][component - 1], escaped; fields[0] is the segment name. */
  readonly fields: readonly (readonly (readonly string[])[])[];
}

export interface ParsedHl7 {
  readonly segments: readonly ParsedSegment[];
}

interface Delimiters {
  readonly subcomponent: string;
  readonly escape: string;
}

function component(seg: ParsedSegment, field: number, comp: number, sub: number | undefined, d: Delimiters): string {
  const raw = seg.fields[field]?.[0]?.[comp - 1] ?? '';
  // Without a subcomponent index a component means its first subcomponent (v2.5 §2.5.3).
  let value: string;
  if (sub === undefined || sub === 1) {
    const cut = raw.indexOf(d.subcomponent);
    value = cut < 0 ? raw : raw.slice(0, cut);
  } else {
    value = raw.split(d.subcomponent)[sub - 1] ?? '';
  }
  return unescapeHl7(value, d.escape);
}

interface Match {
  readonly seg: ParsedSegment;
  /** 1-based occurrence of the segment name in the message. */
  readonly occurrence: number;
}

export function matchingSegments(msg: ParsedHl7, p: Hl7Path, d: Delimiters): Match[] {
  const out: Match[] = [];
  let occurrence = 0;
  const selector = p.conditions[0];
  for (const seg of msg.segments) {
    if (seg.name !== p.segment) {
      continue;
    }
    occurrence++;
    if (!selector || component(seg, selector.field, selector.component, undefined, d) === selector.value) {
      out.push({ seg, occurrence });
    }
  }
  return out;
}

/**
 * matchingSegments for one message, answered from indexes built on first use: the segments per name, and per
 * selector field (`OBX-3.1`) the segments per selector value, so the many rules on one segment type (fourteen OBX
 * selectors) scan the message once instead of once per rule.
 */
function segmentIndex(msg: ParsedHl7, d: Delimiters): (p: Hl7Path) => readonly Match[] {
  let byName: Map<string, Match[]> | undefined;
  const bySelector = new Map<string, Map<string, Match[]>>();
  const named = (name: string): readonly Match[] => {
    if (!byName) {
      byName = new Map();
      for (const seg of msg.segments) {
        const list = byName.get(seg.name);
        if (list) {
          list.push({ seg, occurrence: list.length + 1 });
        } else {
          byName.set(seg.name, [{ seg, occurrence: 1 }]);
        }
      }
    }
    return byName.get(name) ?? [];
  };
  return (p) => {
    const selector = p.conditions[0];
    if (!selector) {
      return named(p.segment);
    }
    const key = `${p.segment}-${selector.field}.${selector.component}`;
    let values = bySelector.get(key);
    if (!values) {
      values = new Map();
      for (const m of named(p.segment)) {
        const v = component(m.seg, selector.field, selector.component, undefined, d);
        const list = values.get(v);
        if (list) {
          list.push(m);
        } else {
          values.set(v, [m]);
        }
      }
      bySelector.set(key, values);
    }
    return values.get(selector.value) ?? [];
  };
}

/** A parsed mapping path and the positions of its hits per segment occurrence (built once per parser). */
export interface CompiledHl7Path {
  readonly path: Hl7Path;
  readonly position: (occurrence: number) => string;
}

export function compileHl7Path(text: string): CompiledHl7Path | undefined {
  const p = parseHl7Path(text);
  if (!p) {
    return undefined;
  }
  const tail = `]-${p.field}.${p.component}${p.subcomponent === undefined ? '' : `.${p.subcomponent}`}`;
  const cached: string[] = [];
  return {
    path: p,
    position: (occurrence) => {
      // the first few occurrences (nearly every hit) are kept; a message with thousands of segments adds none
      const hit = cached[occurrence];
      if (hit !== undefined) {
        return hit;
      }
      const made = `HL7 ${p.segment}[${occurrence}${tail}`;
      if (occurrence < 16) {
        cached[occurrence] = made;
      }
      return made;
    },
  };
}

/** `paths`: the parser's cache of compiled mapping paths (default: compile on every read). */
export function hl7Doc(msg: ParsedHl7, d: Delimiters, paths: (path: string) => CompiledHl7Path | undefined = compileHl7Path): SourceDoc {
  const matching = segmentIndex(msg, d);
  return {
    read: (path) => {
      const compiled = paths(path);
      if (!compiled) {
        return [];
      }
      const p = compiled.path;
      const matches = matching(p);
      const count = p.repeated ? matches.length : Math.min(1, matches.length);
      const hits: SourceHit[] = [];
      for (let k = 0; k < count; k++) {
        const m = matches[k];
        const value = m ? component(m.seg, p.field, p.component, p.subcomponent, d) : '';
        if (m && value.trim() !== '') {
          const position = compiled.position(m.occurrence);
          hits.push(p.repeated ? { value, position, index: k } : { value, position });
        }
      }
      return hits;
    },
    where: (path) => `HL7 ${path.replace('[*]', '')}`,
  };
}

export interface Hl7ParseOptions {
  /** Accepted MSH-9 message types. */
  readonly messageTypes: readonly string[];
}

export function createHl7Parser(limits: ParseLimits = DEFAULT_LIMITS, options: Hl7ParseOptions = { messageTypes: ['REF^I12'] }): (input: string | Buffer) => ParseResult {
  const validate = compileSchema(loadSchema(new URL('./schema.json', import.meta.url)));
  // The mapping file's paths, parsed once per parser rather than once per message and rule.
  const paths = perKey<CompiledHl7Path | undefined>(compileHl7Path);
  return (input) => {
    const big = tooLarge(input, limits);
    if (big) {
      return parseFailure([big]);
    }
    const text = stripFraming(toText(input));
    if (!text.startsWith('MSH')) {
      return parseFailure([parseIssue('MAP-HL7-MSH', 'HL7-meddelandet måste börja med ett MSH-segment.', 'The HL7 message must start with an MSH segment.', 'HL7 MSH[1]')]);
    }
    const enc = text.slice(3, 8);
    if (enc.length < 5 || new Set(enc).size !== 5 || /[A-Za-z0-9\s]/.test(enc)) {
      return parseFailure([
        parseIssue('MAP-HL7-DELIMITERS', 'Ogiltiga avgränsare i MSH-1/MSH-2.', 'Invalid delimiters in MSH-1/MSH-2.', 'HL7 MSH[1]-2'),
      ]);
    }
    // one pass of splits, equal to reading every field of medplum's Hl7Message.parse (split.test.ts)
    const parsed = splitHl7(text);
    if (!validate(parsed)) {
      return parseFailure(schemaIssues(validate, (p) => hl7Position(p, parsed)));
    }
    const d: Delimiters = { subcomponent: enc[4] ?? '&', escape: enc[3] ?? '\\' };
    const issues: OperationOutcomeIssue[] = [];
    const msh = parsed.segments[0];
    const type = msh ? `${msh.fields[9]?.[0]?.[0] ?? ''}^${msh.fields[9]?.[0]?.[1] ?? ''}` : '';
    if (!options.messageTypes.includes(type)) {
      issues.push(parseIssue('MAP-HL7-TYPE', `Meddelandetypen ${type} stöds inte (förväntat ${options.messageTypes.join(', ')}).`, `Message type ${type} is not supported (expected ${options.messageTypes.join(', ')}).`, 'HL7 MSH[1]-9'));
    }
    return issues.length > 0 ? parseFailure(issues) : { ok: true, docs: [hl7Doc(parsed, d, paths)] };
  };
}

function hl7Position(instancePath: string, parsed: ParsedHl7): string {
  const m = /^\/segments\/(\d+)(?:\/fields\/(\d+))?/.exec(instancePath);
  if (!m) {
    return 'HL7';
  }
  const seg = parsed.segments[Number(m[1])];
  return `HL7 segment ${Number(m[1]) + 1} (${seg?.name ?? '?'})${m[2] ? `-${m[2]}` : ''}`;
}

/** MLLP framing (VT … FS CR) and surrounding whitespace or BOM are not part of the message. */
function stripFraming(text: string): string {
  let start = 0;
  let end = text.length;
  const framing = (c: string | undefined): boolean => c === '\u000b' || c === '\u001c' || c === '\uFEFF' || (c !== undefined && /\s/.test(c));
  while (start < end && framing(text[start])) {
    start++;
  }
  while (end > start && framing(text[end - 1])) {
    end--;
  }
  return text.slice(start, end);
}
