/**
 * The answers of the referral's QuestionnaireResponse by linkId (ReferralModel.answers). Indexed once in document
 * order into flat arrays; the per-linkId list (with each answer's FHIRPath) is made only when a check asks for that
 * linkId, which the bundle checks and rule kinds do for a handful of linkIds only.
 */
import type { QuestionnaireResponseItem, QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';

export interface AnswerAt {
  readonly answer: QuestionnaireResponseItemAnswer;
  /** FHIRPath of the answer, e.g. `Bundle.entry[1].resource.item[2].answer[0]`. */
  readonly path: string;
}

/** Every answer by linkId, in document order; undefined when the linkId has none. */
export interface Answers {
  get(linkId: string): readonly AnswerAt[] | undefined;
}

/** An answer whose FHIRPath (`<items>.item[i].answer[j]`) is only spelled out when a check reports it. */
class IndexedAnswer implements AnswerAt {
  readonly answer: QuestionnaireResponseItemAnswer;
  readonly #items: string;
  readonly #i: number;
  readonly #j: number;

  constructor(answer: QuestionnaireResponseItemAnswer, items: string, i: number, j: number) {
    this.answer = answer;
    this.#items = items;
    this.#i = i;
    this.#j = j;
  }

  get path(): string {
    return `${this.#items}.item[${this.#i}].answer[${this.#j}]`;
  }
}

class AnswerIndex implements Answers {
  /** Per answer, in document order: its item's linkId, the answer, the path of its item list, i and j. */
  readonly linkIds: unknown[] = [];
  readonly answers: QuestionnaireResponseItemAnswer[] = [];
  readonly lists: string[] = [];
  readonly positions: number[] = [];

  get(linkId: string): readonly AnswerAt[] | undefined {
    let found: AnswerAt[] | undefined;
    for (let k = 0; k < this.linkIds.length; k++) {
      const answer = this.answers[k];
      if (this.linkIds[k] === linkId && answer !== undefined) {
        (found ??= []).push(new IndexedAnswer(answer, this.lists[k] ?? '', this.positions[2 * k] ?? 0, this.positions[2 * k + 1] ?? 0));
      }
    }
    return found;
  }

  /** Depth first as the response is written: an item's answers (each followed by its nested items), then its items. */
  add(items: readonly QuestionnaireResponseItem[] | undefined, path: string): void {
    (items ?? []).forEach((item, i) => {
      (item.answer ?? []).forEach((answer, j) => {
        this.linkIds.push(item.linkId);
        this.answers.push(answer);
        this.lists.push(path);
        this.positions.push(i, j);
        if (answer.item !== undefined) {
          this.add(answer.item, `${path}.item[${i}].answer[${j}]`);
        }
      });
      if (item.item !== undefined) {
        this.add(item.item, `${path}.item[${i}]`);
      }
    });
  }
}

/** Indexes the answers under `items` (the response's items, FHIRPath `path`). */
export function indexAnswers(items: readonly QuestionnaireResponseItem[] | undefined, path: string): Answers {
  const index = new AnswerIndex();
  index.add(items, path);
  return index;
}
