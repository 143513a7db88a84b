/** The template-answer issues: id → issue type, severity and Swedish/English text with `{name}` placeholders. */
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { IssueText } from '../../../fhir/outcomes.ts';
import { issue } from '../../../fhir/outcomes.ts';
import type { TaggedIssue } from '../tagged.ts';

export type QrIssueId =
  | 'QR-QUESTIONNAIRE-UNKNOWN'
  | 'QR-UNKNOWN-LINKID'
  | 'QR-REQUIRED'
  | 'QR-ANSWER-TYPE'
  | 'QR-ANSWER-OPTION'
  | 'QR-ANSWER-VALUESET'
  | 'QR-VALUESET-UNKNOWN'
  | 'QR-RANGE'
  | 'QR-LENGTH'
  | 'QR-REPEATS'
  | 'QR-ENABLEWHEN'
  | 'QR-GROUP-ANSWER'
  | 'QR-NESTING';

export interface QrFinding {
  readonly id: QrIssueId;
  readonly expression: string;
  readonly vars: Readonly<Record<string, string | number>>;
}

interface Spec {
  readonly code: OperationOutcomeIssue['code'];
  readonly severity: 'error' | 'warning';
  readonly text: IssueText;
}

const SPECS: Readonly<Record<QrIssueId, Spec>> = {
  'QR-QUESTIONNAIRE-UNKNOWN': {
    code: 'not-found',
    severity: 'warning',
    text: { sv: 'Formuläret {questionnaire} är okänt; svaren kunde inte kontrolleras mot mallen.', en: 'Questionnaire {questionnaire} is unknown; the answers could not be checked against the template.' },
  },
  'QR-UNKNOWN-LINKID': {
    code: 'structure',
    severity: 'error',
    text: { sv: 'Frågan {item} finns inte{where} i formuläret.', en: 'Question {item} does not exist{whereEn} in the questionnaire.' },
  },
  'QR-REQUIRED': { code: 'required', severity: 'error', text: { sv: 'Obligatoriska frågan {item} är inte besvarad.', en: 'Required question {item} is not answered.' } },
  'QR-ANSWER-TYPE': {
    code: 'value',
    severity: 'error',
    text: { sv: 'Svaret på {item} har fel typ ({got}; förväntat {want}).', en: 'The answer to {item} has the wrong type ({got}; expected {want}).' },
  },
  'QR-ANSWER-OPTION': { code: 'value', severity: 'error', text: { sv: 'Svaret {value} på {item} är inte ett av svarsalternativen.', en: 'Answer {value} to {item} is not one of the answer options.' } },
  'QR-ANSWER-VALUESET': {
    code: 'code-invalid',
    severity: 'error',
    text: { sv: 'Svaret {value} på {item} finns inte i värdemängden {valueSet}.', en: 'Answer {value} to {item} is not in value set {valueSet}.' },
  },
  'QR-VALUESET-UNKNOWN': {
    code: 'not-found',
    severity: 'warning',
    text: { sv: 'Värdemängden {valueSet} för {item} är okänd; svaret kunde inte kontrolleras.', en: 'Value set {valueSet} of {item} is unknown; the answer could not be checked.' },
  },
  'QR-RANGE': {
    code: 'value',
    severity: 'error',
    text: { sv: 'Svaret {value} på {item} ligger utanför {min}–{max}.', en: 'Answer {value} to {item} is outside {min}–{max}.' },
  },
  'QR-LENGTH': {
    code: 'value',
    severity: 'error',
    text: { sv: 'Svaret på {item} har {length} tecken (tillåtet {limit}).', en: 'The answer to {item} has {length} characters (allowed {limit}).' },
  },
  'QR-REPEATS': { code: 'structure', severity: 'error', text: { sv: 'Frågan {item} får bara besvaras en gång.', en: 'Question {item} may be answered only once.' } },
  'QR-ENABLEWHEN': {
    code: 'business-rule',
    severity: 'error',
    text: { sv: 'Frågan {item} är besvarad fast den inte gäller (villkoret enableWhen är inte uppfyllt).', en: 'Question {item} is answered although it does not apply (its enableWhen condition is not met).' },
  },
  'QR-GROUP-ANSWER': {
    code: 'structure',
    severity: 'error',
    text: { sv: '{item} är en grupp eller visningstext och kan inte ha svar.', en: '{item} is a group or display item and cannot have answers.' },
  },
  'QR-NESTING': {
    code: 'structure',
    severity: 'error',
    text: { sv: 'Underfrågor till {item} ska ligga under svaret (answer.item), inte under item.', en: 'Sub-questions of {item} belong under its answer (answer.item), not under item.' },
  },
};

function fill(template: string, vars: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (vars[name] === undefined ? whole : String(vars[name])));
}

export function toIssue(f: QrFinding): TaggedIssue {
  const spec = SPECS[f.id];
  const linkId = f.vars.linkId;
  const label = f.vars.label;
  const vars = { ...f.vars, item: typeof label === 'string' && label !== '' ? `"${label}" (${String(linkId)})` : String(linkId) };
  return {
    issue: issue(spec.code, {
      id: f.id,
      severity: spec.severity,
      text: { sv: fill(spec.text.sv, vars), en: fill(spec.text.en, vars) },
      expression: [f.expression],
    }),
    ...(typeof linkId === 'string' ? { linkId } : {}),
  };
}
