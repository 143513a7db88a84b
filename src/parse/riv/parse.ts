/**
 * RIV-TA `clinicalprocess:activity:request` ProcessRequest (standards.md §3), bare or inside a SOAP envelope.
 * Safe parsing: DOCTYPE and entity declarations are refused outright (no XXE, no entity expansion), the size and
 * element depth are limited, and well-formedness errors carry line and column. Paths in the mapping file are
 * element paths without namespace prefixes (`ProcessRequest.request.patient.personId.extension`); a path with
 * `#Label` reads a structured line of that element's text (lines.ts).
 */
import type { SourceDoc, SourceHit } from '../../map/source.ts';
import { parsePath, readObjectPath } from '../flat-json/path.ts';
import type { ObjectHit, Step } from '../flat-json/path.ts';
import { compileSchema, DEFAULT_LIMITS, loadSchema, parseFailure, parseIssue, perKey, schemaIssues, tooLarge, toText } from '../limits.ts';
import type { ParseLimits, ParseResult } from '../limits.ts';
import { compileLabel, matchLine, parseLines } from './lines.ts';
import type { LabelPattern, Line } from './lines.ts';
import { readXmlTree } from './tree.ts';

/** `request.condition[1].code` → `/ProcessRequest/request/condition[2]/code` (XPath-style, 1-based). */
export function xmlPath(trail: readonly string[]): string {
  return `/${trail.map((t) => t.replace(/\[(\d+)\]$/, (_m, n: string) => `[${Number(n) + 1}]`)).join('/')}`;
}

/**
 * A hit whose source position is spelled out only when asked for (it is read only for a finding): the XPath of the
 * element, and for a structured line its number and label.
 */
class RivHit implements SourceHit {
  readonly value: SourceHit['value'];
  declare readonly index?: number; // an own property only when there is a running number, as in the other readers
  readonly #element: ObjectHit;
  readonly #line: Line | undefined;
  readonly #positions: Map<ObjectHit, string>;

  constructor(value: SourceHit['value'], element: ObjectHit, line: Line | undefined, index: number | undefined, positions: Map<ObjectHit, string>) {
    this.value = value;
    if (index !== undefined) {
      this.index = index;
    }
    this.#element = element;
    this.#line = line;
    this.#positions = positions;
  }

  get position(): string {
    let p = this.#positions.get(this.#element);
    if (p === undefined) {
      p = `XML ${xmlPath(this.#element.trail)}`;
      this.#positions.set(this.#element, p);
    }
    return this.#line ? `${p}, rad ${this.#line.number} "${this.#line.label}:"` : p;
  }
}

/** What a RIV parser prepares once (perKey) and keeps across messages: element paths parsed, label patterns. */
export interface RivPrepared {
  readonly steps: (elementPath: string) => readonly Step[];
  readonly label: (pattern: string) => LabelPattern;
}

function prepareRiv(): RivPrepared {
  return { steps: perKey(parsePath), label: perKey(compileLabel) };
}

export function rivDoc(root: unknown, prepared: RivPrepared = prepareRiv()): SourceDoc {
  // Per message: the element hits of a path and the structured lines of an element are computed once, since many
  // rules read lines of the same element (`administrativeInformation#Label`).
  const elements = new Map<string, readonly ObjectHit[]>();
  const lines = new Map<ObjectHit, { readonly all: readonly Line[]; readonly byLabel: ReadonlyMap<string, readonly Line[]> }>();
  const positions = new Map<ObjectHit, string>();
  const elementHits = (elementPath: string): readonly ObjectHit[] => {
    let hits = elements.get(elementPath);
    if (!hits) {
      hits = readObjectPath(root, elementPath, prepared.steps(elementPath));
      elements.set(elementPath, hits);
    }
    return hits;
  };
  const linesOf = (h: ObjectHit): { readonly all: readonly Line[]; readonly byLabel: ReadonlyMap<string, readonly Line[]> } => {
    let parsed = lines.get(h);
    if (!parsed) {
      const all = parseLines(String(h.value));
      const byLabel = new Map<string, Line[]>();
      for (const line of all) {
        const list = byLabel.get(line.lower);
        if (list) {
          list.push(line);
        } else {
          byLabel.set(line.lower, [line]);
        }
      }
      parsed = { all, byLabel };
      lines.set(h, parsed);
    }
    return parsed;
  };
  return {
    read: (path) => {
      const hash = path.indexOf('#');
      const elementPath = hash < 0 ? path : path.slice(0, hash);
      const hits = elementHits(elementPath);
      if (hash < 0) {
        return hits.map((h) => new RivHit(typeof h.value === 'string' ? h.value.trim() : h.value, h, undefined, h.index, positions));
      }
      const pattern = prepared.label(path.slice(hash + 1));
      const out: SourceHit[] = [];
      for (const h of hits) {
        const parsed = linesOf(h);
        // a label without a running number is a case-insensitive equality: look it up
        for (const line of pattern.exact === undefined ? parsed.all : (parsed.byLabel.get(pattern.exact) ?? [])) {
          const index = matchLine(pattern, line);
          if (index !== undefined) {
            out.push(new RivHit(line.value, h, line, index < 0 ? undefined : index, positions));
          }
        }
      }
      return out;
    },
    where: (path) => {
      const [elementPath = '', label] = path.split('#');
      const element = `XML /${elementPath.replaceAll('.', '/').replaceAll('[*]', '')}`;
      return label === undefined ? element : `${element}, rad "${label.replace('[*]', 'N')}:"`;
    },
  };
}

const FORBIDDEN = /<!(DOCTYPE|ENTITY)/i;

export function createRivParser(limits: ParseLimits = DEFAULT_LIMITS): (input: string | Buffer) => ParseResult {
  const validate = compileSchema(loadSchema(new URL('./schema.json', import.meta.url)));
  const prepared = prepareRiv();
  return (input) => {
    const big = tooLarge(input, limits);
    if (big) {
      return parseFailure([big]);
    }
    const text = toText(input).replace(/^\uFEFF/, '');
    const forbidden = FORBIDDEN.exec(text);
    if (forbidden) {
      const before = text.slice(0, forbidden.index);
      const line = before.split('\n').length;
      return parseFailure([
        parseIssue('MAP-XML-DTD', 'XML med DOCTYPE eller ENTITY-deklarationer tas inte emot.', 'XML with DOCTYPE or ENTITY declarations is refused.', `XML rad ${line}`),
      ]);
    }
    const read = readXmlTree(text, limits);
    if (!read.ok) {
      const { kind, message, line, column } = read.problem;
      const position = `XML rad ${line}, kolumn ${column}`;
      if (kind === 'too-deep') {
        return parseFailure([parseIssue('MAP-TOO-DEEP', `XML-strukturen är för djup: ${message}`, `The XML structure is too deep: ${message}`, position)]);
      }
      if (kind === 'doctype') {
        return parseFailure([parseIssue('MAP-XML-DTD', 'XML med DOCTYPE eller ENTITY-deklarationer tas inte emot.', 'XML with DOCTYPE or ENTITY declarations is refused.', position)]);
      }
      return parseFailure([parseIssue('MAP-PARSE', `Felaktig XML: ${message}`, `Malformed XML: ${message}`, position)]);
    }
    const root = unwrapSoap(read.tree);
    if (!validate(root)) {
      return parseFailure(schemaIssues(validate, (p) => `XML ${p.replace(/\/(\d+)(?=\/|$)/g, (_m, n: string) => `[${Number(n) + 1}]`) || '/'}`));
    }
    return { ok: true, docs: [rivDoc(root, prepared)] };
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `Envelope/Body/ProcessRequest` → `{ ProcessRequest }`. */
function unwrapSoap(tree: unknown): unknown {
  if (isRecord(tree) && isRecord(tree.Envelope) && isRecord(tree.Envelope.Body)) {
    return tree.Envelope.Body;
  }
  return tree;
}
