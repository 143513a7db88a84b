import { getStatus } from '@medplum/core';
import { badRequestOutcome, conflictOutcome, forbiddenOutcome, issue, localizeOutcome, notFoundOutcome, preconditionFailedOutcome, RB_ISSUE_SYSTEM, tooLargeOutcome, unauthorizedOutcome, unprocessableIssues, unprocessableOutcome, unsupportedMediaTypeOutcome } from './outcomes.ts';

const input = { id: 'TEST-RULE', text: { sv: 'på svenska', en: 'in English' }, expression: ['Bundle.entry[2].resource'], diagnostics: 'rad 3' };

test('factories map to the HTTP status medplum derives from the outcome id', () => {
  expect([conflictOutcome(input), preconditionFailedOutcome(input), notFoundOutcome(input), badRequestOutcome(input)].map(getStatus)).toEqual([409, 412, 404, 400]);
});

test('an issue carries the rule id, Swedish text, expression and diagnostics', () => {
  const issue = conflictOutcome(input).issue[0];
  expect(issue?.details?.coding).toEqual([{ system: RB_ISSUE_SYSTEM, code: 'TEST-RULE' }]);
  expect([issue?.severity, issue?.code, issue?.details?.text, issue?.expression, issue?.diagnostics]).toEqual([
    'error',
    'conflict',
    'på svenska',
    ['Bundle.entry[2].resource'],
    'rad 3',
  ]);
});

test('localizeOutcome switches details.text to English and leaves Swedish as is', () => {
  const o = notFoundOutcome(input);
  expect(localizeOutcome(o, 'en').issue[0]?.details?.text).toBe('in English');
  expect(localizeOutcome(o, 'sv')).toBe(o);
  expect(o.issue[0]?.details?.text).toBe('på svenska');
});

describe('status-carrying outcomes', () => {
  const text = { sv: 'Fel', en: 'Error' };
  it.each([
    [unprocessableOutcome, 422],
    [forbiddenOutcome, 403],
    [unauthorizedOutcome, 401],
    [tooLargeOutcome, 413],
    [unsupportedMediaTypeOutcome, 415],
  ] as const)('%p maps to its HTTP status', (make, status) => {
    expect(getStatus(make({ id: 'X', text }))).toBe(status);
  });
  it('unprocessableIssues keeps every issue and maps to 422', () => {
    const o = unprocessableIssues([issue('required', { id: 'A', text }), issue('value', { id: 'B', text })]);
    expect(o.issue.map((i) => i.details?.coding?.[0]?.code)).toEqual(['A', 'B']);
    expect(getStatus(o)).toBe(422);
  });
});

test('issue() takes an optional severity and defaults to error', () => {
  const text = { sv: 'Varning', en: 'Warning' };
  expect(issue('business-rule', { id: 'W', text, severity: 'warning' }).severity).toBe('warning');
  expect(issue('business-rule', { id: 'E', text }).severity).toBe('error');
});
