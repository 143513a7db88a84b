/** The Task of a referral (one per ServiceRequest: submit.ts creates it), read without scope inside a transaction. */
import type { Task } from '@medplum/fhirtypes';
import { conflictOutcome, outcomeError } from '../fhir/outcomes.ts';
import type { Repository } from '../store/index.ts';

export async function taskOfReferral(tx: Repository, serviceRequestId: string): Promise<Task> {
  const found = await tx.search('Task', { focus: `ServiceRequest/${serviceRequestId}`, _count: '2', _sort: '_id' });
  const task = found.resources[0];
  if (!task) {
    throw outcomeError(
      conflictOutcome({
        id: 'WF-TASK-MISSING',
        text: { sv: 'Remissen har inget uppdrag (Task)', en: 'The referral has no Task' },
        expression: ['ServiceRequest'],
      }),
    );
  }
  return task;
}
