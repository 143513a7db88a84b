/**
 * Outbox events the workflow writes in the same transaction as the change (transactional outbox; delivery is
 * src/deliver's job). Destination = the HSA-id of the organisation to tell; aggregate key = the ServiceRequest
 * id, so events about one referral are delivered in order (standards.md §5). Payloads carry ids and codes only,
 * never patient data.
 */
import type { OutboxEvent } from '../store/index.ts';

export type WorkflowEventType = 'referral.created' | 'referral.updated' | 'referral.revoked' | 'task.status-changed' | 'communication.created';

export interface WorkflowEventPayload {
  readonly serviceRequestId: string;
  readonly taskId?: string;
  readonly communicationId?: string;
  /** Task.status / ServiceRequest.status after the change. */
  readonly status?: string;
  readonly businessStatus?: string;
  readonly previousStatus?: string;
  readonly category?: string;
  readonly versionId?: string;
}

export function workflowEvent(type: WorkflowEventType, destination: string, payload: WorkflowEventPayload): OutboxEvent {
  return { eventType: type, destination, aggregateKey: payload.serviceRequestId, payload };
}
