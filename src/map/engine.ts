/**
 * The mapping engine: applies a declarative mapping file between a parsed journal message (SourceDoc/TargetDoc)
 * and the canonical referral record. It collects every problem (../../../shared/STYLE.md point 4): each issue has
 * the indexed FHIRPath of the target in `expression` and the source position in `diagnostics`.
 */
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { issue } from '../fhir/outcomes.ts';
import { entryIndex } from './fhir/build-bundle.ts';
import type { FieldDef, MappingFile, MappingRule, Mappings } from './load.ts';
import { indicesOf } from './record.ts';
import type { ReferralRecord } from './record.ts';
import type { SourceDoc, SourceHit, TargetDoc } from './source.ts';
import { createStockholmOffsets } from './transforms/datetime.ts';
import { FIELD_SEPARATOR, getTransform } from './transforms/registry.ts';
import type { Scalar, Transform, TransformContext } from './transforms/registry.ts';
import type { TransformProblem } from './transforms/result.ts';

export interface EngineResult {
  readonly record: ReferralRecord;
  readonly issues: readonly OperationOutcomeIssue[];
}

/** The concrete key of a field for a repetition: `priorTreatment[*].type`, 1 → `priorTreatment[1].type`. */
export function fieldKey(field: string, index: number | undefined): string {
  return index === undefined ? field : field.replace('[*]', `[${index}]`);
}

/** The generic field name of a concrete key: `priorTreatment[1].type` → `priorTreatment[*].type`. */
export function genericField(key: string): { field: string; index: number | undefined } {
  const m = /\[(\d+)\]/.exec(key);
  return m ? { field: key.replace(/\[\d+\]/, '[*]'), index: Number(m[1]) } : { field: key, index: undefined };
}

/** The indexed FHIRPath of a field in the bundle built from `record`. */
export function fieldExpression(def: FieldDef | undefined, record: ReferralRecord, index: number | undefined): string {
  if (!def) {
    return 'Bundle';
  }
  const priorCount = indicesOf(record, 'priorTreatment').length;
  return def.expression.replace(/\{([A-Za-z]+)\}/g, (_m, key: string) => String(entryIndex(key, priorCount, index ?? 0)));
}

function transformsOf(rule: MappingRule): readonly string[] {
  const t = rule.transform;
  return t === undefined ? [] : typeof t === 'string' ? [t] : t;
}

function applyChain(rule: MappingRule, value: Scalar, ctx: TransformContext): { ok: true; value: Scalar } | { ok: false; problem: TransformProblem } {
  let current = value;
  for (const name of transformsOf(rule)) {
    const fn = getTransform(name);
    if (!fn) {
      return { ok: false, problem: { id: 'MAP-TRANSFORM', sv: `Okänd transform ${name}.`, en: `Unknown transform ${name}.` } };
    }
    const r = fn(current, ctx);
    if (!r.ok) {
      return r;
    }
    current = r.value;
  }
  return { ok: true, value: current };
}

function runChain(fns: readonly Transform[], value: Scalar, ctx: TransformContext): { ok: true; value: Scalar } | { ok: false; problem: TransformProblem } {
  let current = value;
  for (const fn of fns) {
    const r = fn(current, ctx);
    if (!r.ok) {
      return r;
    }
    current = r.value;
  }
  return { ok: true, value: current };
}

/** The value typed for its field; `r` itself when it already has the type (no new result object per value). */
function coerce(def: FieldDef, r: { ok: true; value: Scalar }): { ok: true; value: Scalar } | { ok: false; problem: TransformProblem } {
  const value = r.value;
  switch (def.type) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value)
        ? r
        : { ok: false, problem: { id: 'MAP-TYPE', sv: `${def.label}: ett heltal krävs.`, en: `${def.label}: an integer is required.` } };
    case 'boolean':
      return typeof value === 'boolean'
        ? r
        : { ok: false, problem: { id: 'MAP-TYPE', sv: `${def.label}: ja eller nej krävs.`, en: `${def.label}: yes or no is required.` } };
    case 'string':
    case 'code':
    case 'date':
    case 'dateTime':
      return typeof value === 'string' ? r : { ok: true, value: String(value) };
  }
}

function problemIssue(p: TransformProblem, def: FieldDef | undefined, expression: string, position: string): OperationOutcomeIssue {
  const label = def ? `${def.label}: ` : '';
  return issue('value', { id: p.id, text: { sv: `${label}${p.sv}`, en: `${label}${p.en}` }, expression: [expression], diagnostics: position });
}

interface CompiledRule {
  readonly rule: MappingRule;
  readonly field: string;
  readonly def: FieldDef | undefined;
  /** `a | b`: the alternatives in order (the first that has a value wins, e.g. XTN-12, else XTN-1). */
  readonly alternatives: readonly string[];
  readonly repeated: boolean;
  /** A repeated field around its `[*]`: `priorTreatment` and `.type` (fieldKey without a replace per value). */
  readonly keyHead: string;
  readonly keyTail: string;
  readonly transforms: readonly Transform[] | undefined;
}

interface Pending {
  readonly def: FieldDef | undefined;
  readonly index: number | undefined;
  readonly position: string;
  readonly problem: TransformProblem;
}

/** A to-fhir mapping file prepared once: the rules with their field definitions, alternatives and transforms. */
export type CompiledToFhir = (doc: SourceDoc, today: string) => EngineResult;

/** Prepares a to-fhir mapping file once (createMapper keeps one per format); the result maps many messages. */
export function compileToRecord(mappings: Mappings, file: MappingFile): CompiledToFhir {
  const defs = new Map(mappings.fields.map((f) => [f.field, f]));
  // The referral date first: 10-digit personnummer pick their century against it.
  const sorted = [...file.rules].sort((a, b) => Number(b.field === 'referral.authoredOn') - Number(a.field === 'referral.authoredOn'));
  const rules: CompiledRule[] = [];
  for (const rule of sorted) {
    if (rule.field === undefined || rule.source === undefined) {
      continue;
    }
    const fns = transformsOf(rule).map(getTransform);
    const star = rule.field.indexOf('[*]');
    rules.push({
      rule,
      field: rule.field,
      def: defs.get(rule.field),
      alternatives: rule.source.split(' | '),
      repeated: star >= 0,
      keyHead: star >= 0 ? rule.field.slice(0, star) : rule.field,
      keyTail: star >= 0 ? rule.field.slice(star + 3) : '',
      // an unknown transform is reported per value by applyChain (load.ts refuses such files anyway)
      transforms: fns.every((f) => f !== undefined) ? fns : undefined,
    });
  }
  const offsetOf = createStockholmOffsets();
  const findMissing = compileMissing(mappings, file);
  return (doc, today) => {
    const record: Record<string, Scalar> = {};
    const failed = new Set<string>();
    const pending: Pending[] = [];
    let ctx: TransformContext = { codes: mappings.codes, referenceDate: today, offsetOf };
    for (const c of rules) {
      let hits: readonly SourceHit[] = [];
      for (const alt of c.alternatives) {
        hits = doc.read(alt);
        if (hits.length > 0) {
          break;
        }
      }
      if (hits.length === 0 && c.rule.default !== undefined) {
        record[c.field] = c.rule.default;
      }
      const count = c.repeated ? hits.length : Math.min(1, hits.length);
      for (let h = 0; h < count; h++) {
        const hit = hits[h];
        if (hit === undefined) {
          continue;
        }
        const index = c.repeated ? (hit.index ?? 0) : undefined;
        const key = index === undefined ? c.field : `${c.keyHead}[${index}]${c.keyTail}`;
        const mapped = c.transforms ? runChain(c.transforms, hit.value, ctx) : applyChain(c.rule, hit.value, ctx);
        const typed = mapped.ok && c.def ? coerce(c.def, mapped) : mapped;
        if (typed.ok) {
          record[key] = typed.value;
        } else {
          failed.add(key);
          pending.push({ def: c.def, index, position: hit.position, problem: typed.problem });
        }
      }
      if (c.field === 'referral.authoredOn') {
        const authored = record['referral.authoredOn'];
        if (typeof authored === 'string') {
          ctx = { ...ctx, referenceDate: authored.slice(0, 10) };
        }
      }
    }
    const issues: OperationOutcomeIssue[] = pending.map((p) => problemIssue(p.problem, p.def, fieldExpression(p.def, record, p.index), p.position));
    for (const i of findMissing(doc, record, failed)) {
      issues.push(i);
    }
    return { record, issues };
  };
}

/** Applies a to-fhir mapping file to a parsed message (one-off; for many messages use compileToRecord). */
export function toRecord(mappings: Mappings, file: MappingFile, doc: SourceDoc, today: string): EngineResult {
  return compileToRecord(mappings, file)(doc, today);
}

/** The required fields without a value, prepared once per mapping file (which fields are required and repeated). */
function compileMissing(mappings: Mappings, file: MappingFile): (doc: SourceDoc, record: ReferralRecord, failed: ReadonlySet<string>) => OperationOutcomeIssue[] {
  const required = mappings.fields.filter((f) => f.required).map((def) => ({ def, repeated: def.field.includes('[*]') }));
  // without any prior treatment only the first required repeated field is reported (one issue, not three)
  const firstRepeated = mappings.fields.find((f) => f.field.includes('[*]') && f.required);
  const sourceOf = (doc: SourceDoc, field: string): string => {
    const rule = file.rules.find((r) => r.field === field && r.source !== undefined);
    if (!rule?.source) {
      return `${file.format}: inget källfält i mappningen / no source field in the mapping`;
    }
    return `${doc.where(rule.source.split(' | ')[0] ?? rule.source)}${rule.label ? ` (${rule.label})` : ''}`;
  };
  return (doc, record, failed) => {
    const out: OperationOutcomeIssue[] = [];
    const priors = indicesOf(record, 'priorTreatment');
    let failedPriors = false;
    for (const k of failed) {
      failedPriors ||= k.startsWith('priorTreatment[');
    }
    const report = (def: FieldDef, key: string, index: number | undefined): void => {
      if (record[key] !== undefined || failed.has(key)) {
        return;
      }
      const where = sourceOf(doc, def.field);
      out.push(
        issue('required', {
          id: def.field === 'referrer.directPhone' ? 'MAP-DIRECT-PHONE-MISSING' : 'MAP-REQUIRED',
          text: { sv: `Uppgift saknas: ${def.label} (källfält ${where}).`, en: `Missing: ${def.label} (source field ${where}).` },
          expression: [fieldExpression(def, record, index)],
          diagnostics: where.replace(/\[\*\]/g, index === undefined ? '[*]' : `[${index}]`),
        }),
      );
    };
    for (const { def, repeated } of required) {
      if (!repeated) {
        report(def, def.field, undefined);
      } else if (priors.length > 0 || failedPriors) {
        for (const i of priors) {
          report(def, fieldKey(def.field, i), i);
        }
      } else if (def === firstRepeated) {
        report(def, fieldKey(def.field, 0), 0);
      }
    }
    return out;
  };
}

/** Applies a from-fhir mapping file: canonical record → the format's message. */
export function fromRecord(mappings: Mappings, file: MappingFile, record: ReferralRecord, target: TargetDoc, today: string): OperationOutcomeIssue[] {
  const defs = new Map(mappings.fields.map((f) => [f.field, f]));
  const ctx: TransformContext = { codes: mappings.codes, referenceDate: today };
  const issues: OperationOutcomeIssue[] = [];
  const writeRule = (rule: MappingRule, index: number | undefined): void => {
    if (rule.target === undefined) {
      return;
    }
    if (rule.const !== undefined) {
      target.write(rule.target, rule.const);
      return;
    }
    if (rule.fields !== undefined) {
      const values = rule.fields.map((f) => record[f]);
      if (values.every((v) => v !== undefined)) {
        const mapped = applyChain(rule, values.map(String).join(FIELD_SEPARATOR), ctx);
        if (mapped.ok) {
          target.write(rule.target, mapped.value);
        }
      }
      return;
    }
    if (rule.field === undefined) {
      return;
    }
    const def = defs.get(rule.field);
    const value = record[fieldKey(rule.field, index)];
    if (value === undefined) {
      return;
    }
    const mapped = applyChain(rule, value, ctx);
    if (mapped.ok) {
      target.write(rule.target, mapped.value, index);
    } else {
      issues.push(problemIssue(mapped.problem, def, fieldExpression(def, record, index), `${file.format}: ${rule.target}`));
    }
  };
  // Consecutive rules of one repeated family are written repetition by repetition (all of item 1, then item 2).
  const rules = file.rules;
  for (let i = 0; i < rules.length; ) {
    const family = repeatedFamily(rules[i]);
    if (family === undefined) {
      const rule = rules[i];
      if (rule) {
        writeRule(rule, undefined);
      }
      i++;
      continue;
    }
    let j = i;
    while (j < rules.length && repeatedFamily(rules[j]) === family) {
      j++;
    }
    const block = rules.slice(i, j);
    for (const index of indicesOf(record, family)) {
      for (const rule of block) {
        writeRule(rule, index);
      }
    }
    i = j;
  }
  return issues;
}

function repeatedFamily(rule: MappingRule | undefined): string | undefined {
  const f = rule?.field;
  return f?.includes('[*]') ? f.slice(0, f.indexOf('[')) : undefined;
}
