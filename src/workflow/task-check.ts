/**
 * Pure check of a proposed Task version against the stored one and the rule table (task-rules.ts). Collects
 * every problem before throwing (STYLE.md point 4): illegal transitions and rule failures are 422 with an issue
 * naming the element (`Task.status`, `Task.statusReason`, `Task.output[2].valueUnsignedInt`); a legal
 * transition attempted by the wrong party is 403.
 */
import type { OperationOutcomeIssue, Task, TaskOutput } from '@medplum/fhirtypes';
import { forbiddenOutcome, issue, outcomeError, unprocessableIssues } from '../fhir/outcomes.ts';
import { sameJson } from './canonical.ts';
import type { BusinessStatus, OutputCode } from './codes.ts';
import { BUSINESS_STATUSES, CS, REJECTION_REASONS } from './codes.ts';
import type { Party, Requirement, TransitionRule } from './task-rules.ts';
import { FINAL_STATUSES, MONITORING_STATUSES, MUTABLE_TASK_FIELDS, TASK_RULES } from './task-rules.ts';

export function checkTransition(current: Task, proposed: Task, parties: readonly Party[], rules: readonly TransitionRule[] = TASK_RULES): TransitionRule {
  if (FINAL_STATUSES.includes(current.status)) {
    throw outcomeError(
      unprocessableIssues([
        issue('business-rule', {
          id: 'WF-TASK-FINAL',
          text: {
            sv: `Uppdraget har slutstatus ${current.status} och kan inte ändras`,
            en: `The Task has the final status ${current.status} and cannot change`,
          },
          expression: ['Task.status'],
        }),
      ]),
    );
  }
  const issues: OperationOutcomeIssue[] = [...immutableIssues(current, proposed)];
  const bs = businessStatusOf(proposed);
  if (bs === null) {
    issues.push(
      issue('code-invalid', {
        id: 'WF-TASK-BUSINESS-STATUS',
        text: { sv: 'Task.businessStatus måste vara en kod från rb-task-business-status', en: 'Task.businessStatus must be a code from rb-task-business-status' },
        expression: ['Task.businessStatus'],
      }),
    );
    throw outcomeError(unprocessableIssues(issues));
  }
  const to = proposed.status === current.status ? 'unchanged' : proposed.status;
  const candidates = rules.filter((r) => r.from.includes(current.status) && r.to === to && businessStatusMatches(r, bs));
  if (candidates.length === 0) {
    const what = to === 'unchanged' ? `underliggande status ${bs ?? '(ingen)'}` : `status ${proposed.status}`;
    const whatEn = to === 'unchanged' ? `sub-state ${bs ?? '(none)'}` : `status ${proposed.status}`;
    issues.push(
      issue('business-rule', {
        id: 'WF-TASK-TRANSITION',
        text: {
          sv: `Otillåten övergång: från ${current.status} till ${what}`,
          en: `Illegal transition: from ${current.status} to ${whatEn}`,
        },
        expression: [to === 'unchanged' ? 'Task.businessStatus' : 'Task.status'],
      }),
    );
    throw outcomeError(unprocessableIssues(issues));
  }
  const rule = candidates.find((r) => parties.includes(r.by));
  if (!rule) {
    const who = candidates.map((r) => r.by).join(', ');
    throw outcomeError(
      forbiddenOutcome({
        id: 'WF-TASK-PARTY',
        text: {
          sv: `Endast ${partySv(who)} får göra denna ändring (${candidates[0]?.name ?? ''})`,
          en: `Only the ${who} may make this change (${candidates[0]?.name ?? ''})`,
        },
        expression: ['Task.status'],
      }),
    );
  }
  issues.push(...rule.requires.flatMap((req) => requirementIssues(req, proposed, rule)));
  if (issues.length > 0) {
    throw outcomeError(unprocessableIssues(issues));
  }
  return rule;
}

function partySv(who: string): string {
  return who.replace('owner', 'mottagande enhet').replace('requester', 'remitterande enhet').replace('system', 'systemet');
}

/** The proposed sub-state: a code, undefined (none), or null (present but not one of ours). */
export function businessStatusOf(task: Task): BusinessStatus | undefined | null {
  const coding = task.businessStatus?.coding;
  if (!task.businessStatus) {
    return undefined;
  }
  const code = coding?.find((c) => c.system === CS.taskBusinessStatus)?.code;
  return BUSINESS_STATUSES.find((b) => b === code) ?? null;
}

function businessStatusMatches(rule: TransitionRule, bs: BusinessStatus | undefined): boolean {
  if (rule.businessStatus !== undefined) {
    return rule.businessStatus === bs;
  }
  return bs === undefined || MONITORING_STATUSES.includes(bs);
}

function immutableIssues(current: Task, proposed: Task): OperationOutcomeIssue[] {
  const keys = new Set([...Object.keys(current), ...Object.keys(proposed)]);
  const issues: OperationOutcomeIssue[] = [];
  for (const key of [...keys].sort()) {
    if (MUTABLE_TASK_FIELDS.includes(key)) {
      continue;
    }
    if (!sameJson(Reflect.get(current, key), Reflect.get(proposed, key))) {
      issues.push(
        issue('business-rule', {
          id: 'WF-TASK-IMMUTABLE',
          text: { sv: `Task.${key} får inte ändras`, en: `Task.${key} cannot be changed` },
          expression: [`Task.${key}`],
        }),
      );
    }
  }
  return issues;
}

function requirementIssues(req: Requirement, task: Task, rule: TransitionRule): OperationOutcomeIssue[] {
  switch (req.kind) {
    case 'rejection-reason': {
      const codes = (task.statusReason?.coding ?? []).filter((c) => c.system === CS.rejectionReason).map((c) => c.code);
      return codes.some((c) => c !== undefined && REJECTION_REASONS.includes(c))
        ? []
        : [
            issue('required', {
              id: 'WF-TASK-REJECTION-REASON',
              text: {
                sv: `Orsak krävs (${rule.name}): Task.statusReason med en kod från rb-rejection-reason`,
                en: `A reason is required (${rule.name}): Task.statusReason coded from rb-rejection-reason`,
              },
              expression: ['Task.statusReason'],
            }),
          ];
    }
    case 'status-reason':
      return task.statusReason?.text?.trim() || (task.statusReason?.coding ?? []).some((c) => c.code)
        ? []
        : [
            issue('required', {
              id: 'WF-TASK-STATUS-REASON',
              text: { sv: `Orsak krävs (${rule.name}): Task.statusReason`, en: `A reason is required (${rule.name}): Task.statusReason` },
              expression: ['Task.statusReason'],
            }),
          ];
    case 'output':
      return outputIssues(req.code, task, rule);
  }
}

function outputIssues(code: OutputCode, task: Task, rule: TransitionRule): OperationOutcomeIssue[] {
  const outputs = task.output ?? [];
  const index = outputs.findIndex((o) => o.type.coding?.some((c) => c.system === CS.taskOutput && c.code === code));
  const output = outputs[index];
  if (!output) {
    return [
      issue('required', {
        id: 'WF-TASK-OUTPUT-MISSING',
        text: { sv: `Utdata ${code} krävs (${rule.name})`, en: `Output ${code} is required (${rule.name})` },
        expression: ['Task.output'],
      }),
    ];
  }
  const problem = outputValueProblem(code, output, task);
  return problem
    ? [
        issue('value', {
          id: 'WF-TASK-OUTPUT-VALUE',
          text: { sv: `Utdata ${code}: ${problem.sv}`, en: `Output ${code}: ${problem.en}` },
          expression: [`Task.output[${index}].${problem.element}`],
        }),
      ]
    : [];
}

function outputValueProblem(code: OutputCode, o: TaskOutput, task: Task): { sv: string; en: string; element: string } | undefined {
  switch (code) {
    case 'first-session-date':
      return o.valueDate && /^\d{4}-\d{2}-\d{2}$/.test(o.valueDate) ? undefined : { sv: 'datum (valueDate) krävs', en: 'a date (valueDate) is required', element: 'valueDate' };
    case 'sessions-used':
      // The cap per referral is the validator's rule (REM-SESSION-CAP, domain.md §3); here: at least one session.
      return o.valueUnsignedInt !== undefined && Number.isInteger(o.valueUnsignedInt) && o.valueUnsignedInt >= 1
        ? undefined
        : { sv: 'antal sessioner (valueUnsignedInt) ≥ 1 krävs', en: 'a session count (valueUnsignedInt) ≥ 1 is required', element: 'valueUnsignedInt' };
    case 'start-rating':
    case 'end-rating': {
      const ref = o.valueReference?.reference;
      if (ref?.startsWith('#')) {
        // A rating sent with the change itself: a contained Observation (the validator checks it against
        // rb-rating-observation and its score range).
        const found = task.contained?.some((r) => r.resourceType === 'Observation' && r.id === ref.slice(1));
        return found
          ? undefined
          : { sv: `den inbäddade skattningen ${ref} finns inte i Task.contained`, en: `the contained rating ${ref} is not in Task.contained`, element: 'valueReference.reference' };
      }
      return ref || o.valueReference?.identifier
        ? undefined
        : { sv: 'referens till skattningen (valueReference) krävs', en: 'a reference to the rating (valueReference) is required', element: 'valueReference' };
    }
    case 'summary':
      return o.valueString?.trim() ? undefined : { sv: 'sammanfattning (valueString) krävs', en: 'a summary (valueString) is required', element: 'valueString' };
  }
}
