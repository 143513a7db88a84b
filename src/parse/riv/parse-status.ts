/**
 * RIV-TA ProcessRequestConfirmation / ProcessRequestOutcome from a provider system that speaks RIV-TA (bare or in
 * a SOAP envelope), with the same safety as parse.ts and the same reader (tree.ts): DOCTYPE/ENTITY refused, size
 * and depth limits, line/column.
 */
import type { SourceDoc } from '../../map/source.ts';
import { DEFAULT_LIMITS, parseFailure, parseIssue, tooLarge, toText } from '../limits.ts';
import type { ParseLimits, ParseResult } from '../limits.ts';
import { rivDoc } from './parse.ts';
import { readXmlTree } from './tree.ts';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface RivStatusParse {
  readonly message: 'ProcessRequestConfirmation' | 'ProcessRequestOutcome';
  readonly doc: SourceDoc;
}

export function createRivStatusParser(limits: ParseLimits = DEFAULT_LIMITS): (input: string | Buffer) => { ok: true; value: RivStatusParse } | Extract<ParseResult, { ok: false }> {
  return (input) => {
    const big = tooLarge(input, limits);
    if (big) {
      return { ok: false, outcome: { resourceType: 'OperationOutcome', id: 'bad-request', issue: [big] } };
    }
    const text = toText(input).replace(/^\uFEFF/, '');
    if (/<!(DOCTYPE|ENTITY)/i.test(text)) {
      const r = parseFailure([parseIssue('MAP-XML-DTD', 'XML med DOCTYPE eller ENTITY-deklarationer tas inte emot.', 'XML with DOCTYPE or ENTITY declarations is refused.', 'XML')]);
      return r.ok ? { ok: false, outcome: { resourceType: 'OperationOutcome', issue: [] } } : r;
    }
    const read = readXmlTree(text, limits);
    const tree = read.ok ? read.tree : undefined;
    const body = isRecord(tree) && isRecord(tree.Envelope) && isRecord(tree.Envelope.Body) ? tree.Envelope.Body : tree;
    const message = isRecord(body) ? (['ProcessRequestConfirmation', 'ProcessRequestOutcome'] as const).find((m) => isRecord(body[m])) : undefined;
    if (!isRecord(body) || message === undefined) {
      const where = read.ok ? 'XML /' : `XML rad ${read.problem.line}, kolumn ${read.problem.column}`;
      const r = parseFailure([parseIssue('MAP-PARSE', 'Varken ProcessRequestConfirmation eller ProcessRequestOutcome.', 'Neither ProcessRequestConfirmation nor ProcessRequestOutcome.', where)]);
      return r.ok ? { ok: false, outcome: { resourceType: 'OperationOutcome', issue: [] } } : r;
    }
    return { ok: true, value: { message, doc: rivDoc(body) } };
  };
}
