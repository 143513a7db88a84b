/**
 * Mapping service library API (issue 5): journal formats ⇄ the rb-referral-bundle of docs/ig-design.md.
 *
 *   format text ─parse (src/parse/<format>)→ SourceDoc ─<format>.to-fhir.json→ canonical record ─build→ Bundle
 *   Bundle ─fhir.json read (FHIRPath)→ canonical record ─<format>.from-fhir.json→ TargetDoc → format text
 *
 * Every problem of one message comes back in one OperationOutcome: `expression` is the indexed FHIRPath of the
 * target, `diagnostics` the source position.
 */
import type { Bundle, OperationOutcome, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import { issue, unprocessableIssues } from '../fhir/outcomes.ts';
import { DEFAULT_LIMITS } from '../parse/limits.ts';
import type { ParseLimits, ParseResult } from '../parse/limits.ts';
import { compileToRecord, fromRecord } from './engine.ts';
import type { CompiledToFhir } from './engine.ts';
import { buildBundle } from './fhir/build-bundle.ts';
import { compileBundleReader } from './fhir/read-bundle.ts';
import { FORMATS } from './formats/index.ts';
import type { FormatHandler } from './formats/index.ts';
import { loadMappings } from './load.ts';
import type { Mappings } from './load.ts';
import type { ReferralRecord } from './record.ts';

export { loadMappings } from './load.ts';
export type { Mappings, MappingFile, MappingRule, FieldDef } from './load.ts';
export type { ReferralRecord } from './record.ts';

export type ToFhirResult = { readonly bundle: Bundle; readonly warnings?: OperationOutcome } | { readonly outcome: OperationOutcome };
export type FromFhirResult = { readonly text: string } | { readonly outcome: OperationOutcome };

export interface MapperOptions {
  /** Loaded once at start-up; default: the repository's mappings/. */
  readonly mappings?: Mappings;
  readonly limits?: ParseLimits;
  /** The validator, plugged in by the lead: its issues are merged into the answer. */
  readonly validate?: (bundle: Bundle) => OperationOutcome;
  /** FHIR date (YYYY-MM-DD) for choosing the century of 10-digit personnummer when a message has no date; default today. */
  readonly today?: () => string;
}

export interface Mapper {
  readonly formats: readonly string[];
  /** One message holding one referral. */
  toFhir(format: string, input: string | Buffer): ToFhirResult;
  /** A batch export (CSV rows, a JSON array): one result per record, in order. */
  toFhirBatch(format: string, input: string | Buffer): readonly ToFhirResult[];
  fromFhir(format: string, input: Bundle | readonly Resource[]): FromFhirResult;
  /** Lower-level steps, for tests and tools. */
  toRecord(format: string, input: string | Buffer): { record: ReferralRecord; issues: readonly OperationOutcomeIssue[] } | { outcome: OperationOutcome };
}

function unknownFormat(format: string, known: readonly string[]): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    id: 'bad-request',
    issue: [
      issue('not-supported', {
        id: 'MAP-FORMAT-UNKNOWN',
        text: { sv: `Okänt format "${format}" (kända: ${known.join(', ')}).`, en: `Unknown format "${format}" (known: ${known.join(', ')}).` },
      }),
    ],
  };
}

function isErrorIssue(i: OperationOutcomeIssue): boolean {
  return i.severity === 'error' || i.severity === 'fatal';
}

export function createMapper(options: MapperOptions = {}): Mapper {
  const mappings = options.mappings ?? loadMappings();
  const limits = options.limits ?? DEFAULT_LIMITS;
  const today = options.today ?? ((): string => new Date().toISOString().slice(0, 10));
  const handlers = new Map<string, { handler: FormatHandler; parse: (input: string | Buffer) => ParseResult }>(
    FORMATS.map((h) => [h.name, { handler: h, parse: h.createParser(limits) }]),
  );
  const names = [...handlers.keys()];
  const compiled = new Map<string, CompiledToFhir>();
  for (const [key, file] of mappings.files) {
    if (file.direction === 'to-fhir') {
      compiled.set(key, compileToRecord(mappings, file));
    }
  }

  const readBundle = compileBundleReader(mappings.fields, mappings.fhirPaths);
  const buildOptions = { icdDisplay: (code: string): string | undefined => mappings.codes.icd10se[code] };

  type Records = { records: readonly { record: ReferralRecord; issues: readonly OperationOutcomeIssue[] }[] } | { outcome: OperationOutcome };
  const records = (format: string, input: string | Buffer): Records => {
    const h = handlers.get(format);
    const map = compiled.get(`${format}:to-fhir`);
    if (!h || !map) {
      return { outcome: unknownFormat(format, names) };
    }
    const parsed = h.parse(input);
    if (!parsed.ok) {
      return { outcome: parsed.outcome };
    }
    const date = today();
    return { records: parsed.docs.map((doc) => map(doc, date)) };
  };

  const record: Mapper['toRecord'] = (format, input) => {
    const r = records(format, input);
    if ('outcome' in r) {
      return r;
    }
    const [first, ...rest] = r.records;
    if (!first || rest.length > 0) {
      return {
        outcome: unprocessableIssues([
          issue('structure', {
            id: 'MAP-RECORD-COUNT',
            text: { sv: `Meddelandet ska innehålla exakt en remiss (innehåller ${r.records.length}).`, en: `The message must hold exactly one referral (it holds ${r.records.length}).` },
          }),
        ]),
      };
    }
    return first;
  };

  const finish = (r: { record: ReferralRecord; issues: readonly OperationOutcomeIssue[] }): ToFhirResult => {
    if (r.issues.length > 0) {
      return { outcome: unprocessableIssues(r.issues) };
    }
    const bundle = buildBundle(r.record, buildOptions);
    const checked = options.validate?.(bundle);
    if (checked?.issue.some(isErrorIssue)) {
      return { outcome: unprocessableIssues(checked.issue) };
    }
    return checked?.issue.some((i) => i.severity === 'warning') ? { bundle, warnings: checked } : { bundle };
  };

  return {
    formats: names,
    toRecord: record,
    toFhir(format, input) {
      const r = record(format, input);
      return 'outcome' in r ? r : finish(r);
    },
    toFhirBatch(format, input) {
      const r = records(format, input);
      return 'outcome' in r ? [r] : r.records.map(finish);
    },
    fromFhir(format, input) {
      const h = handlers.get(format);
      const file = mappings.files.get(`${format}:from-fhir`);
      if (!h || !file) {
        return { outcome: unknownFormat(format, names) };
      }
      const bundle = Array.isArray(input) ? undefined : (input as Bundle);
      if (bundle?.resourceType !== 'Bundle') {
        return {
          outcome: unprocessableIssues([
            issue('not-supported', { id: 'MAP-INPUT', text: { sv: 'En remissbunt (Bundle) krävs.', en: 'A referral Bundle is required.' }, expression: ['Bundle'] }),
          ]),
        };
      }
      const rec = readBundle(bundle);
      const target = h.handler.createTarget();
      const issues = fromRecord(mappings, file, rec, target, today());
      return issues.length > 0 ? { outcome: unprocessableIssues(issues) } : { text: target.serialise() };
    },
  };
}

/** One-shot conversion; for repeated use keep a Mapper from createMapper(). */
export function toFhir(format: string, input: string | Buffer, opts: MapperOptions = {}): ToFhirResult {
  return createMapper(opts).toFhir(format, input);
}

/** One-shot conversion of a referral bundle into a journal format. */
export function fromFhir(format: string, input: Bundle | readonly Resource[], opts: MapperOptions = {}): FromFhirResult {
  return createMapper(opts).fromFhir(format, input);
}

export { taskToMessage, inboundReply, statusOf } from './status/index.ts';
export type { TaskMessageResult, TaskMessageOptions, StatusRecord, StatusKind } from './status/index.ts';
export { createInboundStatusReader } from './status/index.ts';
export type { TaskChange, TaskChangeResult } from './status/index.ts';
