/**
 * The saxes reader (tree.ts) against the reader it replaced: fast-xml-parser's XMLParser with the configuration
 * parse.ts had, on the golden RIV-TA files, on generated RIV-TA messages and on generated XML. Trees must be equal,
 * key order included (JSON text). Then malformed input: each problem with its line and column, never a throw.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { readXmlTree } from './tree.ts';
import type { XmlProblem, XmlTreeResult } from './tree.ts';

const OLD_CONFIG = { removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, trimValues: true, ignoreDeclaration: true, ignorePiTags: true, processEntities: true, htmlEntities: false, jPath: false } as const;
const oldReader = new XMLParser(OLD_CONFIG);
// The old reader left character references (`&#229;`) as written. With htmlEntities it replaces them, and for XML
// saxes accepts (no entities beyond XML's five) that is its only difference.
const oldReaderWithCharRefs = new XMLParser({ ...OLD_CONFIG, htmlEntities: true });
const LIMITS = { maxDepth: 64 };

function oldTree(xml: string): unknown {
  return (xml.includes('&#') ? oldReaderWithCharRefs : oldReader).parse(xml) as unknown;
}

function tree(r: XmlTreeResult): Record<string, unknown> {
  if (!r.ok) {
    throw new Error(`expected a tree: ${JSON.stringify(r.problem)}`);
  }
  return r.tree;
}

function problem(r: XmlTreeResult): XmlProblem {
  if (r.ok) {
    throw new Error(`expected a problem: ${JSON.stringify(r.tree)}`);
  }
  return r.problem;
}

function expectSameTree(xml: string): void {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the old reader's well-formedness check, as the oracle
  expect(XMLValidator.validate(xml)).toBe(true);
  const got = tree(readXmlTree(xml, LIMITS));
  const want = oldTree(xml);
  expect(got).toEqual(want);
  expect(JSON.stringify(got)).toBe(JSON.stringify(want));
}

const GOLDEN = new URL('../../../test/golden/riv/', import.meta.url);
const goldenFiles = readdirSync(GOLDEN).filter((f) => f.endsWith('.xml'));
const golden = (f: string): string => readFileSync(new URL(f, GOLDEN), 'utf8');

describe('the golden RIV-TA files', () => {
  it.each(goldenFiles.filter((f) => !['malformed.input.xml', 'xxe.input.xml'].includes(f)))('%s gives the old tree', (f) => {
    expectSameTree(golden(f));
  });

  it('malformed.input.xml is refused at its mismatched closing tag, as the old reader did', () => {
    expect(problem(readXmlTree(golden('malformed.input.xml'), LIMITS))).toEqual({
      kind: 'malformed',
      message: "Expected closing tag 'core:careUnitName' (opened in line 32, col 11) instead of closing tag 'core:requestOrganisation'.",
      line: 34,
      column: 9,
    });
  });

  it('xxe.input.xml is refused for its DOCTYPE', () => {
    expect(problem(readXmlTree(golden('xxe.input.xml'), LIMITS))).toMatchObject({ kind: 'doctype', line: 2, column: 1 });
  });
});

describe('the rules found by testing fast-xml-parser, one by one', () => {
  it.each([
    ['prefixes dropped up to the first colon', '<p:a><q:b>1</q:b><x:y:z>2</x:y:z><xmlns:c/></p:a>'],
    ['repeated children become arrays, keys keep their first place', '<a><b/><c>1</c><b>x</b><d/><b><e/></b></a>'],
    ['mixed content: runs joined, #text after the children', '<a> x <b/> y <c>1</c>z</a>'],
    ['comments do not split a run, processing instructions do', '<a> x <!-- c --> y <?pi z?> w </a>'],
    ['CDATA as written, not trimmed, references kept', '<a> <![CDATA[ &amp; <b> ]]> </a>'],
    ['empty CDATA and whitespace-only text give an empty string', '<a><b><![CDATA[]]></b><c>  \n\t </c><d></d></a>'],
    ['trim before references are replaced', '<a>&#32;x&#x20; &amp; </a>'],
    ['line ends normalised', '<a>\r\n 1\r\n2\r3 <![CDATA[4\r\n]]></a>'],
    ['JS trim takes no-break spaces too', '<a>\u00a0x\u00a0</a>'],
    ['Object method names get a __ prefix', '<a><toString>1</toString><valueOf/><hasOwnProperty>2</hasOwnProperty><__lookupGetter__/></a>'],
    ['a local name that is a number', '<a><n:1>x</n:1><n:2/><b/></a>'],
    ['declaration, comments and PIs around the root', '<?xml version="1.0" encoding="UTF-8"?>\n<!-- c -->\n<?pi x?>\n<a>1</a>\n<!-- d -->\n'],
    ['attributes ignored, > inside an attribute value', '<a x="1>2" y=\'&amp;\'>t<b z="1"/></a >'],
  ])('%s', (_name, xml) => {
    expectSameTree(xml);
  });

  it('replaces character references, which the old reader left as written (XML 1.0 §4.1)', () => {
    const xml = '<a>V&#229;rdcentralen &#x1F600;&#38;lt;</a>';
    expect(tree(readXmlTree(xml, LIMITS))).toEqual({ a: 'Vårdcentralen 😀&lt;' });
    expect(oldReader.parse(xml)).toEqual({ a: 'V&#229;rdcentralen &#x1F600;&#38;lt;' });
  });
});

type Gen = fc.GeneratorValue;

const pick = <T>(g: Gen, values: readonly T[]): T => values[g(fc.nat, { max: values.length - 1 })] as T;
const chance = (g: Gen, percent: number): boolean => g(fc.integer, { min: 1, max: 100 }) <= percent;

const LOCAL = ['ProcessRequest', 'request', 'patient', 'personId', 'root', 'extension', 'name', 'code', 'text', 'condition', 'toString', 'valueOf', 'é', '_x', 'x-1.2'];
const PREFIX = ['', '', 'core:', 'ns:', 'p:q:'];
const TEXT = ['Sara', 'å', 'Ö', ' ', '  ', '\n', '\r\n', '\r', '\t', '\u00a0', '😀', '>', ']', '"', "'", ':', '#', '1', '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#229;', '&#x20;', '&#32;', '&#10;', '&#13;', '&#x1F600;', '&#160;'];
const CDATA = ['x', ' ', '\r\n', '<b>', '&amp;', '&', ']', ']]', 'å'];
const COMMENT = ['c', ' ', '-x', '<a>', '&', '\r\n', 'å'];
const SPACE = ['', ' ', '\n', '\r\n  ', '\t'];

const pieces = (g: Gen, from: readonly string[], max: number): string => Array.from({ length: g(fc.integer, { min: 0, max }) }, () => pick(g, from)).join('');
const text = (g: Gen): string => pieces(g, TEXT, 6).replaceAll(']]>', ']]&gt;');
const comment = (g: Gen): string => `<!--${pieces(g, COMMENT, 4)}-->`;
const misc = (g: Gen): string => pick(g, [() => pick(g, SPACE), () => comment(g), () => `<?pi ${pieces(g, ['x', ' ', '<', '>', '&'], 3)}?>`])();

function element(g: Gen, depth: number): string {
  // a few names at each level, so that siblings repeat and prefixes collide
  const local = chance(g, 60) ? pick(g, ['a', 'b', 'c']) : pick(g, LOCAL);
  const name = pick(g, PREFIX) + local;
  const attrs = chance(g, 20) ? ' x="1 &amp; 2" y=\'&#65;\'' : '';
  const space = pick(g, SPACE);
  const count = depth >= 6 ? 0 : g(fc.integer, { min: 0, max: 4 });
  const content: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = g(fc.integer, { min: 0, max: 9 });
    if (kind <= 3) {
      content.push(text(g));
    } else if (kind <= 6) {
      content.push(element(g, depth + 1));
    } else if (kind === 7) {
      content.push(`<![CDATA[${pieces(g, CDATA, 4)}]]>`);
    } else {
      content.push(misc(g));
    }
  }
  if (content.length === 0 && chance(g, 50)) {
    return `<${name}${attrs}${space}/>`;
  }
  return `<${name}${attrs}${space}>${content.join('')}</${name}${space}>`;
}

function xmlDocument(g: Gen): string {
  const declaration = chance(g, 50) ? `<?xml version="1.0" encoding="UTF-8"?>${pick(g, SPACE)}` : '';
  const root = element(g, 1);
  const body = chance(g, 30) ? `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header/><soapenv:Body>${root}</soapenv:Body></soapenv:Envelope>` : root;
  return `${declaration}${misc(g)}${body}${misc(g)}`;
}

/** Text of a golden value, written one of the ways XML allows: references, CDATA, split by a comment, CRLF. */
function writeText(g: Gen, value: string): string {
  const lineEnd = pick(g, ['\n', '\r\n']);
  const padding = pick(g, SPACE);
  if (!value.includes(']]>') && chance(g, 15)) {
    return `<![CDATA[${value.replaceAll('\n', lineEnd)}]]>`;
  }
  const escaped = Array.from(value, (ch) => {
    if (ch === '&') {
      return pick(g, ['&amp;', '&#38;', '&#x26;']);
    }
    if (ch === '<') {
      return pick(g, ['&lt;', '&#60;']);
    }
    if (ch === '\n') {
      return lineEnd;
    }
    return chance(g, 5) ? `&#${ch.codePointAt(0) ?? 0};` : ch;
  }).join('');
  const cut = g(fc.integer, { min: 0, max: escaped.length });
  const split = chance(g, 10) && !/&[^;]*$/.test(escaped.slice(0, cut)) ? `${escaped.slice(0, cut)}${comment(g)}${escaped.slice(cut)}` : escaped;
  return `${padding}${split}${padding}`;
}

/** A golden message's tree written back as XML with random prefixes, layout, escaping and extra repetitions. */
function writeElement(g: Gen, key: string, value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    return value.map((v) => writeElement(g, key, v, indent)).join('');
  }
  const name = pick(g, ['', 'core:', 'ns:']) + key;
  const nl = pick(g, ['\n', '\r\n', '']);
  const again = indent !== '' && chance(g, 3); // never the root: one root only
  let out: string;
  if (typeof value === 'string') {
    out = value === '' && chance(g, 50) ? `${indent}<${name}/>${nl}` : `${indent}<${name}>${writeText(g, value)}</${name}>${nl}`;
  } else {
    const children = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => (chance(g, 5) ? misc(g) : '') + writeElement(g, k, v, `${indent}  `))
      .join('');
    out = `${indent}<${name}>${nl}${children}${indent}</${name}>${nl}`;
  }
  return again ? out + out : out;
}

const goldenTrees = goldenFiles.filter((f) => !['malformed.input.xml', 'xxe.input.xml'].includes(f)).map((f) => oldReader.parse(golden(f)) as Record<string, unknown>);

function rivMessage(g: Gen): string {
  const [root, value] = Object.entries(pick(g, goldenTrees))[0] ?? ['ProcessRequest', ''];
  return `${chance(g, 70) ? '<?xml version="1.0" encoding="UTF-8"?>\n' : ''}${writeElement(g, root, value, '')}`;
}

describe('generated input gives the old tree', () => {
  it('RIV-TA messages: the golden messages rewritten with random prefixes, layout, escaping, CDATA, comments, repetitions (400)', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        expectSameTree(rivMessage(g));
      }),
      { numRuns: 400, endOnFailure: true },
    );
  });

  it('XML of random shape: names, prefixes, nesting, repetition, mixed content, references, CDATA, comments, PIs (600)', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        expectSameTree(xmlDocument(g));
      }),
      { numRuns: 600, endOnFailure: true },
    );
  });
});

describe('malformed input: a problem with the line and column where it is, never a throw', () => {
  it.each<[string, string, Partial<XmlProblem>]>([
    ['a mismatched closing tag (at the closing tag)', '<a>\n  <b>\n</a>', { message: "Expected closing tag 'b' (opened in line 2, col 3) instead of closing tag 'a'.", line: 3, column: 1 }],
    ['a wrong-case closing tag', '<a></A>', { message: "Expected closing tag 'a' (opened in line 1, col 1) instead of closing tag 'A'.", line: 1, column: 4 }],
    ['an unclosed tag (at its start tag)', '<a>\n  <b>x</b>\n', { message: "Unclosed tag 'a'.", line: 1, column: 1 }],
    ['the innermost unclosed tag', '<a>\n  <b>\n', { message: "Unclosed tag 'b'.", line: 2, column: 3 }],
    ['input ending inside a tag', '<a>\n  <b x="1', { message: 'The XML ends inside this tag.', line: 2, column: 3 }],
    ['a bare & (at the &)', '<a>\n fish & chips</a>', { line: 2, column: 7 }],
    ['an unknown entity (at the &)', '<a>x&nbsp;</a>', { message: 'undefined entity.', line: 1, column: 5 }],
    ['a character reference to a non-character', '<a>x&#0;</a>', { message: 'malformed character entity.', line: 1, column: 5 }],
    ['text after the root (at the text)', '<a/>\n  trailing', { message: 'Text outside the root element.', line: 2, column: 3 }],
    ['garbage', 'hello', { message: 'Text outside the root element.', line: 1, column: 1 }],
    ['JSON', '\n{"a": 1}', { message: 'Text outside the root element.', line: 2, column: 1 }],
    ['a second root (at its tag)', '<a/>\n<b/>', { message: 'documents may contain only one root.', line: 2, column: 1 }],
    ['a closing tag after the root (at its tag)', '<a/></b>', { message: 'unmatched closing tag: b.', line: 1, column: 5 }],
    ['empty input', '', { message: 'document must contain a root element.', line: 1, column: 1 }],
    ['whitespace only (at its end)', '  \n ', { message: 'document must contain a root element.', line: 2, column: 2 }],
    ['an unquoted attribute (at the value)', '<a b=1/>', { message: 'unquoted attribute value.', line: 1, column: 6 }],
    [']]> in text', '<a>x]]>y</a>', { line: 1, column: 7 }],
    ['-- inside a comment', '<a><!-- x -- y --></a>', { message: 'malformed comment.', line: 1, column: 13 }],
    ['a control character', '<a>\u0001</a>', { message: 'disallowed character.', line: 1, column: 4 }],
    ['an element named constructor', '<a>\n <constructor/></a>', { message: "Element name 'constructor' is not accepted.", line: 2, column: 2 }],
    ['columns count characters, not UTF-16 units', '<a>😀<b></a>', { message: "Expected closing tag 'b' (opened in line 1, col 5) instead of closing tag 'a'.", line: 1, column: 8 }],
    ['CRLF line ends', '<a>\r\n<b>\r\n</a>', { line: 3, column: 1 }],
  ])('%s', (_name, xml, expected) => {
    expect(problem(readXmlTree(xml, LIMITS))).toMatchObject({ kind: 'malformed', ...expected });
  });

  it('refuses a DOCTYPE at its start, whatever it declares', () => {
    expect(problem(readXmlTree('<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY e "x">]>\n<a>&e;</a>', LIMITS))).toMatchObject({ kind: 'doctype', line: 2, column: 1 });
  });

  it('refuses an element deeper than maxDepth at its start tag, self-closing ones too, without recursing', () => {
    const limits = { maxDepth: 3 };
    expect(tree(readXmlTree('<a><b><c/></b></a>', limits))).toEqual({ a: { b: { c: '' } } });
    expect(problem(readXmlTree('<a><b><c>\n <d/></c></b></a>', limits))).toEqual({ kind: 'too-deep', message: "Element 'd' is nested deeper than 3 levels.", line: 2, column: 2 });
    const started = Date.now();
    expect(problem(readXmlTree('<a>'.repeat(500_000), { maxDepth: 32 })).kind).toBe('too-deep');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('never throws on arbitrary text made of XML punctuation, and what it accepts is read as the old reader reads it', () => {
    const unit = fc.constantFrom('<', '>', '/', '</', '<a>', '</a>', '<b/>', 'a', 'b:', ':', '&', '&amp;', '&#', ';', '!', '--', '<!--', '-->', '<![CDATA[', ']]>', '?', '<?', '?>', ' ', '\n', '\r', '"', '=', '\u0000', '😀');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), (units) => {
        const xml = units.join('');
        const r = readXmlTree(xml, LIMITS);
        if (r.ok) {
          expectSameTree(xml);
        } else {
          expect(r.problem.line).toBeGreaterThanOrEqual(1);
          expect(r.problem.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 1000, endOnFailure: true },
    );
  });

  it('never throws on a golden message with characters cut out or put in, and reads what stays well-formed as before', () => {
    const basic = golden('basic.input.xml');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: basic.length }), fc.nat({ max: 3 }), fc.constantFrom('', '<', '>', '&', '/', 'x', '<!--', ']]>', '"')), { minLength: 1, maxLength: 4 }), (edits) => {
        let xml = basic;
        for (const [at, cut, put] of edits) {
          xml = xml.slice(0, at) + put + xml.slice(at + cut);
        }
        const r = readXmlTree(xml, LIMITS);
        if (r.ok) {
          expectSameTree(xml);
        }
      }),
      { numRuns: 500, endOnFailure: true },
    );
  });
});
