import type { OperationOutcomeIssue, Questionnaire, QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import { testDefinitions } from '../fixtures-definitions.ts';
import { createContentCheck } from '../index.ts';

const MIN = 'http://hl7.org/fhir/StructureDefinition/minValue';
const MAX = 'http://hl7.org/fhir/StructureDefinition/maxValue';

const questionnaire: Questionnaire = {
  resourceType: 'Questionnaire',
  url: 'urn:test:q',
  version: '1',
  status: 'active',
  item: [
    { linkId: 'name', type: 'string', required: true, maxLength: 5 },
    { linkId: 'age', type: 'integer', required: true, extension: [{ url: MIN, valueInteger: 0 }, { url: MAX, valueInteger: 120 }] },
    { linkId: 'color', type: 'choice', answerOption: [{ valueCoding: { system: 'urn:c', code: 'red' } }, { valueCoding: { system: 'urn:c', code: 'green' } }] },
    { linkId: 'size', type: 'choice', answerOption: [{ valueInteger: 1 }, { valueInteger: 2 }] },
    { linkId: 'mood', type: 'open-choice', answerOption: [{ valueCoding: { system: 'urn:m', code: 'happy' } }] },
    { linkId: 'smoker', type: 'boolean' },
    { linkId: 'cigs', type: 'integer', enableWhen: [{ question: 'smoker', operator: '=', answerBoolean: true }] },
    {
      linkId: 'since',
      type: 'date',
      enableBehavior: 'all',
      enableWhen: [
        { question: 'age', operator: '>=', answerInteger: 18 },
        { question: 'smoker', operator: 'exists', answerBoolean: true },
      ],
    },
    {
      linkId: 'either',
      type: 'string',
      enableBehavior: 'any',
      enableWhen: [
        { question: 'age', operator: '<', answerInteger: 10 },
        { question: 'color', operator: '=', answerCoding: { system: 'urn:c', code: 'red' } },
      ],
    },
    { linkId: 'notgreen', type: 'string', enableWhen: [{ question: 'color', operator: '!=', answerCoding: { system: 'urn:c', code: 'green' } }] },
    { linkId: 'young', type: 'string', enableWhen: [{ question: 'age', operator: '<=', answerInteger: 17 }] },
    { linkId: 'old', type: 'string', enableWhen: [{ question: 'age', operator: '>', answerInteger: 65 }] },
    { linkId: 'tags', type: 'string', repeats: true },
    { linkId: 'g', type: 'group', required: true, repeats: true, item: [{ linkId: 'g.a', type: 'string', required: true }, { linkId: 'g.b', type: 'boolean' }, { linkId: 'g.c', type: 'string', enableWhen: [{ question: 'g.b', operator: '=', answerBoolean: true }] }] },
    { linkId: 'q2', type: 'boolean', item: [{ linkId: 'q2.x', type: 'string', required: true }] },
    { linkId: 'dx', type: 'choice', answerValueSet: 'https://remissbrygga.se/fhir/ValueSet/rb-allowed-diagnoses' },
    { linkId: 'unknownvs', type: 'choice', answerValueSet: 'urn:no:such:vs' },
    { linkId: 'info', type: 'display' },
  ],
};

const defs = testDefinitions([questionnaire]);
const check = createContentCheck();

const base = (): QuestionnaireResponseItem[] => [
  { linkId: 'name', answer: [{ valueString: 'Eva' }] },
  { linkId: 'age', answer: [{ valueInteger: 30 }] },
  { linkId: 'g', item: [{ linkId: 'g.a', answer: [{ valueString: 'x' }] }] },
];

function run(items: QuestionnaireResponseItem[], status: QuestionnaireResponse['status'] = 'completed', questionnaireRef = 'urn:test:q|1'): OperationOutcomeIssue[] {
  const qr: QuestionnaireResponse = { resourceType: 'QuestionnaireResponse', questionnaire: questionnaireRef, status, item: items };
  return check(qr, { defs, basePath: 'QuestionnaireResponse' });
}
const found = (issues: OperationOutcomeIssue[]): [string | undefined, string | undefined][] => issues.map((i) => [i.details?.coding?.[0]?.code, i.expression?.[0]]);

test('a complete response passes', () => {
  expect(run(base())).toEqual([]);
});

describe('required', () => {
  it('fails for an unanswered required item when completed, not when in progress', () => {
    const items = base().filter((i) => i.linkId !== 'name');
    expect(found(run(items))).toEqual([['QR-REQUIRED', 'QuestionnaireResponse']]);
    expect(run(items, 'in-progress')).toEqual([]);
  });
  it('an item present without an answer counts as unanswered', () => {
    const items = base();
    items[0] = { linkId: 'name' };
    expect(found(run(items))).toEqual([['QR-REQUIRED', 'QuestionnaireResponse.item[0]']]);
  });
});

describe('answer type', () => {
  it('fails for a value of the wrong type', () => {
    const items = base();
    items[1] = { linkId: 'age', answer: [{ valueString: '30' }] };
    const issues = run(items);
    expect(found(issues)).toEqual([['QR-ANSWER-TYPE', 'QuestionnaireResponse.item[1].answer[0].valueString']]);
    expect(issues[0]?.details?.text).toBe('Svaret på age har fel typ (valueString; förväntat valueInteger).');
  });
  it('choice takes the answerOption value types', () => {
    expect(run([...base(), { linkId: 'size', answer: [{ valueInteger: 2 }] }])).toEqual([]);
    expect(found(run([...base(), { linkId: 'size', answer: [{ valueCoding: { code: '2' } }] }]))).toEqual([['QR-ANSWER-TYPE', 'QuestionnaireResponse.item[3].answer[0].valueCoding']]);
  });
});

describe('answerOption', () => {
  it('passes for an option and fails for another value', () => {
    expect(run([...base(), { linkId: 'color', answer: [{ valueCoding: { system: 'urn:c', code: 'red' } }] }])).toEqual([]);
    expect(found(run([...base(), { linkId: 'color', answer: [{ valueCoding: { system: 'urn:c', code: 'blue' } }] }]))).toEqual([
      ['QR-ANSWER-OPTION', 'QuestionnaireResponse.item[3].answer[0].valueCoding'],
    ]);
    expect(found(run([...base(), { linkId: 'size', answer: [{ valueInteger: 3 }] }]))).toEqual([['QR-ANSWER-OPTION', 'QuestionnaireResponse.item[3].answer[0].valueInteger']]);
  });
  it('open-choice accepts free text but not an unknown coding', () => {
    expect(run([...base(), { linkId: 'mood', answer: [{ valueString: 'lagom' }] }])).toEqual([]);
    expect(found(run([...base(), { linkId: 'mood', answer: [{ valueCoding: { system: 'urn:m', code: 'sad' } }] }]))[0]?.[0]).toBe('QR-ANSWER-OPTION');
  });
});

describe('answerValueSet', () => {
  it('passes for a code in the expanded ValueSet (alias system too) and fails outside it', () => {
    expect(run([...base(), { linkId: 'dx', answer: [{ valueCoding: { system: 'urn:oid:1.2.752.116.1.1.1.1.3', code: 'F41.1' } }] }])).toEqual([]);
    expect(found(run([...base(), { linkId: 'dx', answer: [{ valueCoding: { system: 'urn:oid:1.2.752.116.1.1.1', code: 'F33.1' } }] }]))).toEqual([
      ['QR-ANSWER-VALUESET', 'QuestionnaireResponse.item[3].answer[0].valueCoding'],
    ]);
  });
  it('an unknown ValueSet is a warning, not silence', () => {
    const issues = run([...base(), { linkId: 'unknownvs', answer: [{ valueCoding: { system: 'urn:x', code: 'y' } }] }]);
    expect(issues.map((i) => [i.details?.coding?.[0]?.code, i.severity])).toEqual([['QR-VALUESET-UNKNOWN', 'warning']]);
  });
});

describe('range and length', () => {
  it('minValue/maxValue bound integers, inclusive', () => {
    const at = (age: number): OperationOutcomeIssue[] => run([base()[0]!, { linkId: 'age', answer: [{ valueInteger: age }] }, base()[2]!]);
    expect([at(0), at(120)]).toEqual([[], []]);
    expect(found(at(121))).toEqual([['QR-RANGE', 'QuestionnaireResponse.item[1].answer[0].valueInteger']]);
    expect(found(at(-1))[0]?.[0]).toBe('QR-RANGE');
  });
  it('maxLength bounds strings', () => {
    const items = base();
    items[0] = { linkId: 'name', answer: [{ valueString: 'Evelina' }] };
    expect(found(run(items))).toEqual([['QR-LENGTH', 'QuestionnaireResponse.item[0].answer[0].valueString']]);
  });
});

describe('enableWhen', () => {
  it('= : an item may be answered when enabled and must not be when disabled', () => {
    expect(run([...base(), { linkId: 'smoker', answer: [{ valueBoolean: true }] }, { linkId: 'cigs', answer: [{ valueInteger: 5 }] }])).toEqual([]);
    expect(found(run([...base(), { linkId: 'smoker', answer: [{ valueBoolean: false }] }, { linkId: 'cigs', answer: [{ valueInteger: 5 }] }]))).toEqual([
      ['QR-ENABLEWHEN', 'QuestionnaireResponse.item[4]'],
    ]);
    expect(found(run([...base(), { linkId: 'cigs', answer: [{ valueInteger: 5 }] }]))[0]?.[0]).toBe('QR-ENABLEWHEN');
  });
  it('>= and exists combined with enableBehavior all', () => {
    const since = { linkId: 'since', answer: [{ valueDate: '2010-01-01' }] };
    expect(run([...base(), { linkId: 'smoker', answer: [{ valueBoolean: false }] }, since])).toEqual([]);
    expect(found(run([...base(), since]))[0]?.[0]).toBe('QR-ENABLEWHEN');
  });
  it('< or = with enableBehavior any', () => {
    const either = { linkId: 'either', answer: [{ valueString: 'x' }] };
    expect(run([...base(), { linkId: 'color', answer: [{ valueCoding: { system: 'urn:c', code: 'red' } }] }, either])).toEqual([]);
    expect(found(run([...base(), either]))[0]?.[0]).toBe('QR-ENABLEWHEN');
    const child = base();
    child[1] = { linkId: 'age', answer: [{ valueInteger: 9 }] };
    expect(run([...child, either])).toEqual([]);
  });
  it('!= holds only when the question has a different answer', () => {
    const notgreen = { linkId: 'notgreen', answer: [{ valueString: 'x' }] };
    expect(run([...base(), { linkId: 'color', answer: [{ valueCoding: { system: 'urn:c', code: 'red' } }] }, notgreen])).toEqual([]);
    expect(found(run([...base(), { linkId: 'color', answer: [{ valueCoding: { system: 'urn:c', code: 'green' } }] }, notgreen]))[0]?.[0]).toBe('QR-ENABLEWHEN');
    expect(found(run([...base(), notgreen]))[0]?.[0]).toBe('QR-ENABLEWHEN');
  });
  it('<= and >', () => {
    expect(found(run([...base(), { linkId: 'young', answer: [{ valueString: 'x' }] }]))[0]?.[0]).toBe('QR-ENABLEWHEN');
    expect(found(run([...base(), { linkId: 'old', answer: [{ valueString: 'x' }] }]))[0]?.[0]).toBe('QR-ENABLEWHEN');
    const senior = base();
    senior[1] = { linkId: 'age', answer: [{ valueInteger: 66 }] };
    expect(run([...senior, { linkId: 'old', answer: [{ valueString: 'x' }] }])).toEqual([]);
  });
  it('within a repeating group the condition is read from the same group instance', () => {
    const g = (b: boolean): QuestionnaireResponseItem => ({
      linkId: 'g',
      item: [{ linkId: 'g.a', answer: [{ valueString: 'x' }] }, { linkId: 'g.b', answer: [{ valueBoolean: b }] }, { linkId: 'g.c', answer: [{ valueString: 'c' }] }],
    });
    const items = [...base().slice(0, 2), g(true), g(false)];
    expect(found(run(items))).toEqual([['QR-ENABLEWHEN', 'QuestionnaireResponse.item[3].item[2]']]);
  });
});

describe('unknown linkId', () => {
  it('fails for a linkId the questionnaire lacks, and for a known one in the wrong place', () => {
    const issues = run([...base(), { linkId: 'shoe-size', answer: [{ valueInteger: 42 }] }, { linkId: 'g.a', answer: [{ valueString: 'x' }] }]);
    expect(found(issues)).toEqual([
      ['QR-UNKNOWN-LINKID', 'QuestionnaireResponse.item[3].linkId'],
      ['QR-UNKNOWN-LINKID', 'QuestionnaireResponse.item[4].linkId'],
    ]);
    expect(issues.map((i) => i.details?.text)).toEqual(['Frågan shoe-size finns inte i formuläret.', 'Frågan g.a finns inte på denna plats i formuläret.']);
  });
});

describe('repeats', () => {
  it('several answers only where repeats = true; a repeating group may occur several times', () => {
    expect(run([...base(), { linkId: 'tags', answer: [{ valueString: 'a' }, { valueString: 'b' }] }, { linkId: 'g', item: [{ linkId: 'g.a', answer: [{ valueString: 'y' }] }] }])).toEqual([]);
    const items = base();
    items[0] = { linkId: 'name', answer: [{ valueString: 'a' }, { valueString: 'b' }] };
    expect(found(run(items))).toEqual([['QR-REPEATS', 'QuestionnaireResponse.item[0].answer[1]']]);
    expect(found(run([...base(), { linkId: 'age', answer: [{ valueInteger: 31 }] }]))).toEqual([['QR-REPEATS', 'QuestionnaireResponse.item[3]']]);
  });
});

describe('nested', () => {
  it('checks required children in every group instance', () => {
    const items = [...base(), { linkId: 'g', item: [{ linkId: 'g.b', answer: [{ valueBoolean: false }] }] }];
    expect(found(run(items))).toEqual([['QR-REQUIRED', 'QuestionnaireResponse.item[3]']]);
  });
  it('children of a question live under its answer', () => {
    expect(run([...base(), { linkId: 'q2', answer: [{ valueBoolean: true, item: [{ linkId: 'q2.x', answer: [{ valueString: 'x' }] }] }] }])).toEqual([]);
    expect(found(run([...base(), { linkId: 'q2', answer: [{ valueBoolean: true }] }]))).toEqual([['QR-REQUIRED', 'QuestionnaireResponse.item[3].answer[0]']]);
    expect(found(run([...base(), { linkId: 'q2', answer: [{ valueBoolean: true, item: [{ linkId: 'q2.x', answer: [{ valueInteger: 1 }] }] }] }]))).toEqual([
      ['QR-ANSWER-TYPE', 'QuestionnaireResponse.item[3].answer[0].item[0].answer[0].valueInteger'],
    ]);
    const wrong = run([...base(), { linkId: 'q2', answer: [{ valueBoolean: true, item: [{ linkId: 'q2.x', answer: [{ valueString: 'x' }] }] }], item: [{ linkId: 'q2.x' }] }]);
    expect(found(wrong)).toEqual([['QR-NESTING', 'QuestionnaireResponse.item[3].item[0]']]);
  });
  it('groups and display items take no answers', () => {
    const items = base();
    items[2] = { linkId: 'g', answer: [{ valueString: 'x' }], item: [{ linkId: 'g.a', answer: [{ valueString: 'x' }] }] };
    expect(found(run(items))).toEqual([['QR-GROUP-ANSWER', 'QuestionnaireResponse.item[2].answer[0]']]);
  });
});

describe('resolving the questionnaire', () => {
  it('by canonical with or without |version; an unknown one or unknown version is a warning', () => {
    expect(run(base(), 'completed', 'urn:test:q')).toEqual([]);
    const issues = run(base(), 'completed', 'urn:test:q|9');
    expect(issues.map((i) => [i.details?.coding?.[0]?.code, i.severity, i.expression?.[0]])).toEqual([['QR-QUESTIONNAIRE-UNKNOWN', 'warning', 'QuestionnaireResponse.questionnaire']]);
  });
});
