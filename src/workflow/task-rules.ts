/**
 * The referral Task state machine as data (standards.md §5, AU eRequesting task states; issue 4 "Workflow";
 * docs/ig-design.md rb-task-business-status / rb-task-output / rb-rejection-reason).
 *
 * A change is legal when one row matches (current status, proposed status, proposed businessStatus, caller's
 * party). Adding a transition means adding a row, not a branch.
 *
 * Decisions (documented in README.md):
 * - återremiss (returned to vårdcentral, 000_c04719a0eada0e20.txt:508–511) is status `rejected` +
 *   businessStatus `returned-to-referrer` + a coded statusReason: the provider declines this referral and the
 *   vårdcentral keeps the patient; `cancelled` is reserved for the placer's withdrawal. Once treatment has
 *   started the same businessStatus rides on `failed`.
 * - "more information requested" is businessStatus `information-requested` on a `requested`/`received` Task,
 *   status unchanged; the referrer answers by submitting a new version of the referral (submit.ts), which puts
 *   the Task back to `requested`.
 * - on-hold → failed is allowed in addition to the AU table: a paused treatment the patient abandons must be
 *   able to end without a pretend restart.
 * - start-overdue / rating-missing / no-response are monitoring sub-states set by the system, status unchanged.
 */
import type { Task } from '@medplum/fhirtypes';
import type { BusinessStatus, OutputCode } from './codes.ts';

export type TaskStatus = Task['status'];

/** owner = the provider organisation, requester = the referring vårdcentral, system = the server's own jobs. */
export type Party = 'owner' | 'requester' | 'system';

export type Requirement =
  /** statusReason coded from rb-rejection-reason */
  | { readonly kind: 'rejection-reason' }
  /** statusReason present (coding or text) */
  | { readonly kind: 'status-reason' }
  | { readonly kind: 'output'; readonly code: OutputCode };

export interface TransitionRule {
  /** Short name for messages and tests, e.g. `accept`. */
  readonly name: string;
  readonly from: readonly TaskStatus[];
  /** `unchanged`: a sub-state change that keeps the status. */
  readonly to: TaskStatus | 'unchanged';
  /**
   * The businessStatus the new version carries. Absent: none, or only a monitoring sub-state (which may be
   * kept across a status change).
   */
  readonly businessStatus?: BusinessStatus;
  readonly by: Party;
  readonly requires: readonly Requirement[];
  /** Where the rule comes from. */
  readonly source: string;
}

export const FINAL_STATUSES: readonly TaskStatus[] = ['rejected', 'cancelled', 'completed', 'failed', 'entered-in-error'];
const ACTIVE: readonly TaskStatus[] = ['requested', 'received', 'accepted', 'in-progress', 'on-hold'];

/** Sub-states that may ride along on any active status (set by monitoring, domain.md §3 30-day start rule). */
export const MONITORING_STATUSES: readonly BusinessStatus[] = ['start-overdue', 'rating-missing', 'no-response'];

const AU = 'standards.md §5 (AU eRequesting task states)';

export const TASK_RULES: readonly TransitionRule[] = [
  { name: 'receive', from: ['requested'], to: 'received', by: 'owner', requires: [], source: AU },
  { name: 'accept', from: ['requested', 'received'], to: 'accepted', by: 'owner', requires: [], source: AU },
  {
    name: 'reject',
    from: ['requested', 'received'],
    to: 'rejected',
    by: 'owner',
    requires: [{ kind: 'rejection-reason' }],
    source: `${AU}; coded rejection reasons, domain.md §4`,
  },
  {
    name: 'return-to-referrer',
    from: ['requested', 'received', 'accepted'],
    to: 'rejected',
    businessStatus: 'returned-to-referrer',
    by: 'owner',
    requires: [{ kind: 'rejection-reason' }],
    source: 'återremiss, domain.md §3 (000_c04719a0eada0e20.txt:508–511)',
  },
  {
    name: 'start',
    from: ['accepted'],
    to: 'in-progress',
    by: 'owner',
    // The 30-day start measure runs from arrival to the first session (domain.md §3, 000:268).
    requires: [{ kind: 'output', code: 'first-session-date' }],
    source: `${AU}; issue 4`,
  },
  { name: 'pause', from: ['in-progress'], to: 'on-hold', by: 'owner', requires: [], source: AU },
  { name: 'resume', from: ['on-hold'], to: 'in-progress', by: 'owner', requires: [], source: AU },
  {
    name: 'complete',
    from: ['in-progress'],
    to: 'completed',
    by: 'owner',
    // Treatment summary back to the referrer (domain.md §4 "No feedback on progress or results", 000:387).
    requires: [
      { kind: 'output', code: 'sessions-used' },
      { kind: 'output', code: 'start-rating' },
      { kind: 'output', code: 'end-rating' },
      { kind: 'output', code: 'summary' },
    ],
    source: `${AU}; issue 4`,
  },
  { name: 'fail', from: ['in-progress', 'on-hold'], to: 'failed', by: 'owner', requires: [{ kind: 'status-reason' }], source: AU },
  {
    name: 'return-after-start',
    from: ['in-progress', 'on-hold'],
    to: 'failed',
    businessStatus: 'returned-to-referrer',
    by: 'owner',
    requires: [{ kind: 'status-reason' }],
    source: 'återremiss after treatment start, domain.md §3 (000:508–511)',
  },
  {
    name: 'request-information',
    from: ['requested', 'received'],
    to: 'unchanged',
    businessStatus: 'information-requested',
    by: 'owner',
    requires: [],
    source: 'issue 4 "more information requested"; domain.md §3 "contact the referrer" (000:508)',
  },
  { name: 'cancel', from: ['requested', 'received', 'accepted'], to: 'cancelled', by: 'requester', requires: [], source: AU },
  // Updates that keep the state: the owner records outputs or notes, or clears a sub-state.
  { name: 'update', from: ACTIVE, to: 'unchanged', by: 'owner', requires: [], source: 'issue 4' },
  ...MONITORING_STATUSES.map(
    (bs): TransitionRule => ({
      name: `flag-${bs}`,
      from: ACTIVE,
      to: 'unchanged',
      businessStatus: bs,
      by: 'system',
      requires: [],
      source: 'domain.md §3 (30-day start, ratings at start and end), §4',
    }),
  ),
];

/** Task fields the owner may change; everything else is fixed at submission (focus, for, owner, requester, …). */
/** `contained` carries the start and end ratings (Observations) sent with a change; see task-check.ts. */
export const MUTABLE_TASK_FIELDS: readonly string[] = ['status', 'statusReason', 'businessStatus', 'output', 'note', 'executionPeriod', 'lastModified', 'meta', 'text', 'contained'];
