/**
 * The template answers of the examples against the template itself, with a small checker written for this test
 * (the real one is the validator's): valid bundles have no problem; each QR-* example has exactly its problem;
 * the regional examples have none beyond what their manifest entry lists in `also`.
 */
import type {
  Bundle,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
  ValueSet,
} from '@medplum/fhirtypes';
import { loadExampleManifest, loadIgPackage } from '../package.ts';
import { resourceOf } from './edit.ts';

const ig = loadIgPackage();
const template = ig.resources.find((r): r is Questionnaire => r.resourceType === 'Questionnaire');
const valueSets = new Map(
  ig.resources.filter((r): r is ValueSet => r.resourceType === 'ValueSet').map((vs) => [vs.url ?? '', vs]),
);
const codeSystemCodes = new Map(
  ig.resources.flatMap((r) =>
    r.resourceType === 'CodeSystem' ? [[r.url ?? '', (r.concept ?? []).map((c) => c.code)] as const] : [],
  ),
);

function valueSetCodes(url: string): Set<string> {
  const codes = new Set<string>();
  for (const include of valueSets.get(url)?.compose?.include ?? []) {
    const listed = include.concept?.map((c) => c.code) ?? codeSystemCodes.get(include.system ?? '') ?? [];
    for (const code of listed) codes.add(`${include.system ?? ''}|${code}`);
  }
  return codes;
}

const VALUE_KEY: Record<string, keyof QuestionnaireResponseItemAnswer> = {
  text: 'valueString',
  string: 'valueString',
  choice: 'valueCoding',
  integer: 'valueInteger',
  date: 'valueDate',
  boolean: 'valueBoolean',
};

function flatten(items: QuestionnaireResponseItem[] | undefined): QuestionnaireResponseItem[] {
  return (items ?? []).flatMap((i) => [i, ...flatten(i.item), ...flatten(i.answer?.flatMap((a) => a.item ?? []))]);
}

/** `all`: every answered item of the response, to resolve enableWhen questions (linkIds are unique). */
function check(items: QuestionnaireItem[], answers: QuestionnaireResponseItem[] | undefined, all: QuestionnaireResponseItem[]): string[] {
  const problems: string[] = [];
  const known = new Set(items.map((i) => i.linkId));
  for (const answer of answers ?? []) if (!known.has(answer.linkId)) problems.push('QR-UNKNOWN-LINKID');
  for (const item of items) {
    const given = (answers ?? []).filter((a) => a.linkId === item.linkId);
    const enabled = (item.enableWhen ?? []).every((cond) =>
      all.some((s) => s.linkId === cond.question && s.answer?.[0]?.valueBoolean === cond.answerBoolean),
    );
    if (!enabled) {
      if (given.length > 0) problems.push('QR-ENABLEWHEN');
      continue;
    }
    if (item.required === true && given.length === 0) problems.push('QR-REQUIRED');
    for (const g of given) {
      if (item.type === 'group') {
        problems.push(...check(item.item ?? [], g.item, all));
        continue;
      }
      for (const answer of g.answer ?? []) {
        const key = VALUE_KEY[item.type];
        if (key === undefined || answer[key] === undefined) problems.push('QR-TYPE');
        if (item.answerValueSet !== undefined) {
          const coding = answer.valueCoding;
          if (!valueSetCodes(item.answerValueSet).has(`${coding?.system ?? ''}|${coding?.code ?? ''}`)) {
            problems.push('QR-ANSWER-VALUESET');
          }
        }
        const max = item.extension?.find((e) => e.url.endsWith('/maxValue'))?.valueInteger;
        if (max !== undefined && (answer.valueInteger ?? 0) > max) problems.push('QR-RANGE');
        if (answer.item) problems.push(...check(item.item ?? [], answer.item, all));
      }
    }
  }
  return problems;
}

const examples = loadExampleManifest().filter((m) => m.file.includes('/Bundle-'));
const bundleOf = (file: string): Bundle | undefined =>
  ig.examples.find((r): r is Bundle => r.resourceType === 'Bundle' && `example/Bundle-${r.id ?? ''}.json` === file);

test.each(examples.map((m) => [m.file, m.rule ?? 'valid', m.also]))(
  '%s: template answers have exactly the expected problems (%s)',
  (file, rule, also) => {
    const bundle = bundleOf(file);
    expect(bundle).toBeDefined();
    if (!bundle || !template) return;
    const answers = resourceOf(bundle, 'QuestionnaireResponse');
    const problems = [...new Set(check(template.item ?? [], answers.item, flatten(answers.item)))].sort();
    const expected = [...(rule.startsWith('QR-') ? [rule] : []), ...also.filter((id) => id.startsWith('QR-'))].sort();
    expect(problems).toEqual(expected);
  },
);
