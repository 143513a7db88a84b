/**
 * OperationOutcome factories: the only error shape (../../../shared/STYLE.md point 3).
 *
 * Each issue carries a rule/issue id in `details.coding` (system RB_ISSUE_SYSTEM) and Swedish text by default;
 * `localizeOutcome` swaps in the English text at the HTTP edge when a client asks for it. The outcome `id`s are
 * medplum's (`conflict`, `precondition-failed`, `not-found`, `gone`), so `getStatus` from @medplum/core maps
 * them to 409/412/404/410 without a second table.
 */
import { OperationOutcomeError } from '@medplum/core';
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

export { OperationOutcomeError, getStatus, isOperationOutcome } from '@medplum/core';

export const RB_ISSUE_SYSTEM = 'https://remissbrygga.se/fhir/CodeSystem/rb-issue';

export type Lang = 'sv' | 'en';

/** Text of one issue in both languages. */
export interface IssueText {
  readonly sv: string;
  readonly en: string;
}

export interface IssueInput {
  /** Rule or issue id, e.g. `STORE-VERSION-CONFLICT`. */
  readonly id: string;
  readonly text: IssueText;
  readonly expression?: readonly string[];
  readonly diagnostics?: string;
  /** Defaults to `error`; validators report rule findings as warnings or information too. */
  readonly severity?: OperationOutcomeIssue['severity'];
}

type IssueType = OperationOutcomeIssue['code'];
type OutcomeId =
  | 'conflict'
  | 'precondition-failed'
  | 'not-found'
  | 'gone'
  | 'bad-request'
  | 'business-rule'
  | 'forbidden'
  | 'unauthorized'
  | 'content-too-large'
  | 'unsupported-media-type';

const EN_TEXT_EXTENSION = 'https://remissbrygga.se/fhir/StructureDefinition/rb-issue-text-en';

/** Builds one issue (an error unless `input.severity` says otherwise); the English text rides along in an extension so the edge can localise without a lookup. */
export function issue(code: IssueType, input: IssueInput): OperationOutcomeIssue {
  return {
    severity: input.severity ?? 'error',
    code,
    details: {
      coding: [{ system: RB_ISSUE_SYSTEM, code: input.id }],
      text: input.text.sv,
      extension: [{ url: EN_TEXT_EXTENSION, valueString: input.text.en }],
    },
    ...(input.expression ? { expression: [...input.expression] } : {}),
    ...(input.diagnostics ? { diagnostics: input.diagnostics } : {}),
  };
}

function outcome(id: OutcomeId, code: IssueType, input: IssueInput): OperationOutcome {
  return { resourceType: 'OperationOutcome', id, issue: [issue(code, input)] };
}

export function conflictOutcome(input: IssueInput): OperationOutcome {
  return outcome('conflict', 'conflict', input);
}

export function preconditionFailedOutcome(input: IssueInput): OperationOutcome {
  return outcome('precondition-failed', 'conflict', input);
}

export function notFoundOutcome(input: IssueInput): OperationOutcome {
  return outcome('not-found', 'not-found', input);
}

export function badRequestOutcome(input: IssueInput): OperationOutcome {
  return outcome('bad-request', 'invalid', input);
}

/** 422: well-formed but not acceptable (validation errors, illegal workflow transitions). */
export function unprocessableOutcome(input: IssueInput): OperationOutcome {
  return outcome('business-rule', 'business-rule', input);
}

/** 422 carrying a whole list of issues, e.g. a validator's report. */
export function unprocessableIssues(issues: readonly OperationOutcomeIssue[]): OperationOutcome {
  return { resourceType: 'OperationOutcome', id: 'business-rule', issue: [...issues] };
}

/** 403: authenticated, but the organisation may not see or change this. */
export function forbiddenOutcome(input: IssueInput): OperationOutcome {
  return outcome('forbidden', 'forbidden', input);
}

/** 401: no or bad credentials. */
export function unauthorizedOutcome(input: IssueInput): OperationOutcome {
  return outcome('unauthorized', 'login', input);
}

/** 413: the body is larger than the configured limit. */
export function tooLargeOutcome(input: IssueInput): OperationOutcome {
  return outcome('content-too-large', 'too-costly', input);
}

/** 415: a media type the server does not speak. */
export function unsupportedMediaTypeOutcome(input: IssueInput): OperationOutcome {
  return outcome('unsupported-media-type', 'not-supported', input);
}

/** Throwable shorthand: `throw outcomeError(conflictOutcome({...}))`. */
export function outcomeError(o: OperationOutcome): OperationOutcomeError {
  return new OperationOutcomeError(o);
}

/** Returns a copy of the outcome whose `details.text` is in `lang` where the issue carries both languages. */
export function localizeOutcome(o: OperationOutcome, lang: Lang): OperationOutcome {
  if (lang === 'sv') {
    return o;
  }
  return {
    ...o,
    issue: o.issue.map((i) => {
      const en = i.details?.extension?.find((e) => e.url === EN_TEXT_EXTENSION)?.valueString;
      return en && i.details ? { ...i, details: { ...i.details, text: en } } : i;
    }),
  };
}
