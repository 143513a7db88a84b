/**
 * One pass over an XML message with saxes (a strict, well-formedness-checking SAX parser) that builds the element
 * tree the RIV-TA mapping paths read. The tree is the one fast-xml-parser's XMLParser gives with
 * `removeNSPrefix, ignoreAttributes, parseTagValue: false, trimValues, ignoreDeclaration, ignorePiTags` (the reader
 * this replaced; tree.test.ts compares the two on the golden files and on generated messages):
 * - an element's key is its name after the first `:` (`core:patient` → `patient`); `hasOwnProperty`, `toString`,
 *   `valueOf` and the `__define…`/`__lookup…` names get a `__` prefix, `__proto__`, `constructor` and `prototype` are
 *   refused;
 * - a repeated child becomes an array in document order; a child's key keeps the place of its first occurrence;
 * - an element with text only is its text, an empty one `''`, one with children an object whose text (if any) is
 *   under `#text`, after the children;
 * - text is the run between two tags, comments left out but not splitting the run; each run is trimmed (JS `trim`)
 *   before its references are replaced, and the runs of an element are joined without a separator; CDATA is taken
 *   as written (not trimmed, references kept); attributes, comments, processing instructions and the XML
 *   declaration are dropped; line ends are normalised to `\n` (XML 1.0 §2.11).
 * One deliberate difference: character references (`&#229;`) are replaced (XML 1.0 §4.1); the old reader left them
 * as written.
 * Refused, never thrown: a DOCTYPE, an entity other than XML's five, any well-formedness error (saxes), an element
 * nested deeper than `maxDepth`. Each problem carries the line and column it is at.
 */
import { SaxesParser } from 'saxes';

export type XmlProblemKind = 'malformed' | 'doctype' | 'too-deep';

export interface XmlProblem {
  readonly kind: XmlProblemKind;
  /** English, for the issue text. */
  readonly message: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in characters (code points) from the start of the line. */
  readonly column: number;
}

export type XmlTreeResult = { readonly ok: true; readonly tree: Record<string, unknown> } | { readonly ok: false; readonly problem: XmlProblem };

/** Element names fast-xml-parser renames (`__` prefix) or refuses, so that a tree key never shadows Object's own. */
const RENAMED = new Set(['hasOwnProperty', 'toString', 'valueOf', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);
const REFUSED = new Set(['__proto__', 'constructor', 'prototype']);

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** saxes has already checked every reference, so each `&` here starts one of these. */
const REFERENCE = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|([a-z]+));/g;

function decode(text: string): string {
  if (!text.includes('&')) {
    return text;
  }
  return text.replace(REFERENCE, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (hex !== undefined) {
      return String.fromCodePoint(Number.parseInt(hex, 16));
    }
    if (dec !== undefined) {
      return String.fromCodePoint(Number.parseInt(dec, 10));
    }
    return PREDEFINED[name ?? ''] ?? whole;
  });
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** 1-based line and column (code points) of a string index; line ends are `\n`, `\r\n` and `\r` as in saxes. */
export function positionAt(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < index; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      start = i + 1;
    }
  }
  let column = 1;
  for (let i = start; i < index; i++) {
    // the low half of a surrogate pair belongs to the character its high half started
    if (!isLowSurrogate(text.charCodeAt(i)) || i === start || !isHighSurrogate(text.charCodeAt(i - 1))) {
      column++;
    }
  }
  return { line, column };
}

/** Thrown from a handler to stop saxes at the first problem; caught in readXmlTree. */
class Stop extends Error {
  readonly problem: XmlProblem;
  constructor(problem: XmlProblem) {
    super(problem.message);
    this.problem = problem;
  }
}

interface Frame {
  /** As written, prefix included (for messages and the closing-tag check). */
  readonly qname: string;
  /** The key in the parent object. */
  readonly key: string;
  /** Index of the start tag's `<`. */
  readonly start: number;
  children: Record<string, unknown> | undefined;
  text: string;
}

function add(parent: Frame, key: string, value: unknown): void {
  const children = (parent.children ??= {});
  if (!Object.hasOwn(children, key)) {
    children[key] = value;
    return;
  }
  const existing = children[key];
  if (Array.isArray(existing)) {
    existing.push(value);
  } else {
    children[key] = [existing, value];
  }
}

function valueOf(frame: Frame): unknown {
  if (frame.children === undefined) {
    return frame.text;
  }
  if (frame.text !== '') {
    frame.children['#text'] = frame.text;
  }
  return frame.children;
}

/** XML 1.0 §2.11: `\r\n` and a lone `\r` become `\n`. */
function lineEnds(raw: string): string {
  return raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

export function readXmlTree(text: string, limits: { readonly maxDepth: number }): XmlTreeResult {
  const parser = new SaxesParser({ defaultXMLVersion: '1.0', forceXMLVersion: true });
  const document: Frame = { qname: '', key: '', start: 0, children: undefined, text: '' };
  const stack: Frame[] = [document];
  let top = document;
  /** Index just after the last markup handled; text runs start here (after the XML declaration, if any). */
  const declarationEnd = text.startsWith('<?xml') ? text.indexOf('?>') : -1;
  let last = declarationEnd < 0 ? 0 : declarationEnd + 2;
  /** Raw text of the current run (comments do not end a run). */
  let pending = '';
  let rootClosed = false;
  /** Set once the whole input is written: saxes's end-of-input checks follow. */
  let atEnd = false;

  const stop = (kind: XmlProblemKind, message: string, index: number): never => {
    throw new Stop({ kind, message, ...positionAt(text, index) });
  };
  /** Ends the text run at the `<` of the markup being handled (text cannot hold a `<`) and returns that index. */
  const endRun = (): number => {
    const lt = text.indexOf('<', last);
    const raw = pending + lineEnds(text.slice(last, lt));
    pending = '';
    if (raw !== '' && top !== document) {
      const trimmed = raw.trim();
      if (trimmed !== '') {
        top.text += decode(trimmed);
      }
    }
    return lt;
  };

  // Six handlers, no more: saxes adds each handler to the parser object with a computed key, and from about
  // eight such additions V8 turns the object into a dictionary, which made the whole pass ~5× slower (measured
  // with bench:mapping). So the XML declaration and a DOCTYPE are handled without handlers of their own.
  parser.on('opentag', (tag) => {
    const lt = endRun();
    if (stack.length === 1 && !rootClosed) {
      // saxes allows a DOCTYPE only before the root element
      const doctype = text.lastIndexOf('<!DOCTYPE', lt);
      if (doctype >= 0) {
        stop('doctype', 'A DOCTYPE is not accepted.', doctype);
      }
    }
    if (stack.length > limits.maxDepth) {
      stop('too-deep', `Element '${tag.name}' is nested deeper than ${limits.maxDepth} levels.`, lt);
    }
    let key = tag.name.slice(tag.name.indexOf(':') + 1);
    if (REFUSED.has(key)) {
      stop('malformed', `Element name '${key}' is not accepted.`, lt);
    } else if (RENAMED.has(key)) {
      key = `__${key}`;
    }
    last = parser.position;
    if (tag.isSelfClosing) {
      add(top, key, '');
      rootClosed ||= top === document;
      return;
    }
    top = { qname: tag.name, key, start: lt, children: undefined, text: '' };
    stack.push(top);
  });
  parser.on('closetag', (tag) => {
    if (tag.isSelfClosing) {
      return;
    }
    const lt = endRun();
    // saxes closes a mismatched element and reports it afterwards; refuse it here, with both tags' positions.
    const closing = text.slice(lt + 2, parser.position - 1).trimEnd();
    if (closing !== top.qname) {
      const opened = positionAt(text, top.start);
      stop('malformed', `Expected closing tag '${top.qname}' (opened in line ${opened.line}, col ${opened.column}) instead of closing tag '${closing}'.`, lt);
    }
    const done = top;
    stack.pop();
    top = stack[stack.length - 1] ?? document;
    add(top, done.key, valueOf(done));
    rootClosed ||= top === document;
    last = parser.position;
  });
  parser.on('cdata', (cdata: string) => {
    endRun();
    top.text += cdata;
    last = parser.position;
  });
  parser.on('comment', () => {
    const lt = text.indexOf('<', last);
    // line ends per slice: a `\r` before the comment and a `\n` after it are two line ends
    pending += lineEnds(text.slice(last, lt));
    // the handler runs on the `--` before the closing `>`
    last = parser.position + 1;
  });
  parser.on('processinginstruction', () => {
    endRun();
    last = parser.position;
  });
  parser.on('error', (err: Error) => {
    const message = err.message.replace(/^\d+:\d+: /, '');
    // saxes reports a bad reference at its `;`: point at its `&`
    const amp = message.includes('entity') ? text.lastIndexOf('&', parser.position - 1) : -1;
    if (amp >= last) {
      stop('malformed', message, amp);
    }
    if (stack.length === 1) {
      // Outside the root element: point at the stray text, or at the tag of a second root or stray closing tag.
      const end = text.indexOf('<', last);
      for (let i = last; i < (end < 0 ? text.length : end); i++) {
        if (!isSpace(text.charCodeAt(i))) {
          stop('malformed', 'Text outside the root element.', i);
        }
      }
      if (rootClosed && end >= 0 && end < parser.position) {
        stop('malformed', message, end);
      }
    }
    // saxes's column is that of the next character: the one it stopped at (0 when that was a line end: then the
    // start of the next line), or just past the end of the input
    throw new Stop({ kind: 'malformed', message, line: parser.line, column: Math.max(1, parser.column + (atEnd ? 1 : 0)) });
  });

  try {
    parser.write(text);
    // An input cut short: saxes would only say where it ended; say where what is left open began.
    const lt = text.indexOf('<', last);
    const amp = text.indexOf('&', Math.max(last, text.lastIndexOf(';') + 1));
    if (amp >= 0 && (lt < 0 || amp < lt)) {
      stop('malformed', "'&' starts no complete reference (write &amp; for the character).", amp);
    }
    if (lt >= 0) {
      stop('malformed', 'The XML ends inside this tag.', lt);
    }
    if (stack.length > 1) {
      stop('malformed', `Unclosed tag '${top.qname}'.`, top.start);
    }
    atEnd = true;
    parser.close();
  } catch (err) {
    if (err instanceof Stop) {
      return { ok: false, problem: err.problem };
    }
    // a fault of ours or of saxes, not of the message's: still an answer, never a throw
    return { ok: false, problem: { kind: 'malformed', message: 'The XML could not be read.', line: parser.line, column: parser.column + 1 } };
  }
  return { ok: true, tree: document.children ?? {} };
}
