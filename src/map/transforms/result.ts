/** The result of one normalising transform: a value, or a bilingual problem that the engine turns into an issue. */
export interface TransformProblem {
  /** Issue id, e.g. `MAP-PNR-CHECK-DIGIT`. */
  readonly id: string;
  readonly sv: string;
  readonly en: string;
}

export type TransformResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: TransformProblem };

export function ok<T>(value: T): TransformResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(id: string, sv: string, en: string): TransformResult<T> {
  return { ok: false, problem: { id, sv, en } };
}
