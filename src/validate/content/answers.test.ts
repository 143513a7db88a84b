import type { QuestionnaireResponseItem } from '@medplum/fhirtypes';
import { indexAnswers } from './answers.ts';

const items: QuestionnaireResponseItem[] = [
  { linkId: 'a', answer: [{ valueString: 'a0' }, { valueString: 'a1', item: [{ linkId: 'b', answer: [{ valueString: 'b-under-a1' }] }] }] },
  { linkId: 'g', item: [{ linkId: 'b', answer: [{ valueString: 'b-in-g' }] }, { linkId: 'c', answer: [{ valueBoolean: true }] }] },
  { linkId: 'b', answer: [{ valueString: 'b-top' }] },
  { linkId: 'empty' },
];

test('answers by linkId in document order (answer, its nested items, then the item’s children), with their paths', () => {
  const answers = indexAnswers(items, 'Bundle.entry[1].resource');
  expect(answers.get('a')?.map((a) => [a.answer.valueString, a.path])).toEqual([
    ['a0', 'Bundle.entry[1].resource.item[0].answer[0]'],
    ['a1', 'Bundle.entry[1].resource.item[0].answer[1]'],
  ]);
  expect(answers.get('b')?.map((a) => [a.answer.valueString, a.path])).toEqual([
    ['b-under-a1', 'Bundle.entry[1].resource.item[0].answer[1].item[0].answer[0]'],
    ['b-in-g', 'Bundle.entry[1].resource.item[1].item[0].answer[0]'],
    ['b-top', 'Bundle.entry[1].resource.item[2].answer[0]'],
  ]);
  expect(answers.get('c')?.[0]?.answer.valueBoolean).toBe(true);
});

test('a linkId without answers (or not there) has none', () => {
  const answers = indexAnswers(items, 'QuestionnaireResponse');
  expect(answers.get('empty')).toBeUndefined();
  expect(answers.get('g')).toBeUndefined();
  expect(answers.get('nope')).toBeUndefined();
  expect(indexAnswers(undefined, 'QuestionnaireResponse').get('a')).toBeUndefined();
});

test('a malformed response fails while indexing, not later when a check asks', () => {
  expect(() => indexAnswers([{ linkId: 'a', answer: 'x' } as unknown as QuestionnaireResponseItem], 'Q')).toThrow(TypeError);
  expect(() => indexAnswers([{ linkId: 'a', answer: [null] } as unknown as QuestionnaireResponseItem], 'Q')).toThrow(TypeError);
  expect(() => indexAnswers([null] as unknown as QuestionnaireResponseItem[], 'Q')).toThrow(TypeError);
});
