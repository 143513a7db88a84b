/**
 * A provider's Task change (rb-referral-task, docs/ig-design.md) reduced to what the referrer's journal needs:
 * the RIV-TA confirmation/outcome type (standards.md §3) and its details. RIV-TA types: BEK received/accepted,
 * KOM more information requested, AVV rejected (also återremiss, returned to the referrer), AVB cancelled, SSV
 * final answer at completion. `in-progress`, `on-hold`, `failed` have no RIV-TA message.
 */
import type { Task } from '@medplum/fhirtypes';
import { cs } from '../fhir/urls.ts';

export type StatusKind = 'BEK' | 'KOM' | 'AVV' | 'AVB' | 'SSV';

export interface StatusRecord {
  readonly kind: StatusKind;
  readonly referralId: string;
  readonly taskStatus: Task['status'];
  readonly businessStatus?: string;
  /** FHIR dateTime of the change. */
  readonly time: string;
  readonly providerHsaId?: string;
  readonly reasonCode?: string;
  readonly reasonText?: string;
  /** Question (KOM) or note. */
  readonly comment?: string;
  readonly firstSessionDate?: string;
  readonly sessionsUsed?: number;
  readonly summary?: string;
}

function output(task: Task, code: string): NonNullable<Task['output']>[number] | undefined {
  return task.output?.find((o) => o.type.coding?.some((c) => c.code === code && (c.system === undefined || c.system === cs('rb-task-output'))));
}

export function kindOf(task: Task): StatusKind | undefined {
  const business = task.businessStatus?.coding?.[0]?.code;
  if (business === 'information-requested') {
    return 'KOM';
  }
  if (business === 'returned-to-referrer') {
    return 'AVV';
  }
  switch (task.status) {
    case 'received':
    case 'accepted':
      return 'BEK';
    case 'rejected':
      return 'AVV';
    case 'cancelled':
      return 'AVB';
    case 'completed':
      return 'SSV';
    case 'draft':
    case 'requested':
    case 'ready':
    case 'in-progress':
    case 'on-hold':
    case 'failed':
    case 'entered-in-error':
      return undefined;
  }
}

/** The status record of a Task, or undefined when the change has no message for the referrer. */
export function statusOf(task: Task, referralId: string, now: string): StatusRecord | undefined {
  const kind = kindOf(task);
  if (!kind) {
    return undefined;
  }
  const reason = task.statusReason;
  const note = task.note?.map((n) => n.text).join('\n');
  const first = output(task, 'first-session-date')?.valueDate;
  const sessions = output(task, 'sessions-used')?.valueUnsignedInt;
  const summary = output(task, 'summary')?.valueString;
  const provider = task.owner?.identifier?.value;
  const businessStatus = task.businessStatus?.coding?.[0]?.code;
  return {
    kind,
    referralId,
    taskStatus: task.status,
    time: task.lastModified ?? now,
    ...(businessStatus ? { businessStatus } : {}),
    ...(provider ? { providerHsaId: provider } : {}),
    ...(reason?.coding?.[0]?.code ? { reasonCode: reason.coding[0].code } : {}),
    ...(reason?.text ? { reasonText: reason.text } : {}),
    ...(note ? { comment: note } : {}),
    ...(first ? { firstSessionDate: first } : {}),
    ...(sessions !== undefined ? { sessionsUsed: sessions } : {}),
    ...(summary ? { summary } : {}),
  };
}
