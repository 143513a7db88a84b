/** Public API of the workflow library (contract: /work/contract-workflow.md); see README.md in this folder. */
export type { Actor, Directory, DirectoryOrganization, Role, SubmitResult, WorkflowDeps } from './types.ts';
export { mayReadPatientData, scopeFor } from './access.ts';
export { postCommunication } from './communication.ts';
export { createDirectory, loadDirectory, parseDirectory } from './directory.ts';
export { nearestProvider } from './nearest.ts';
export { updateServiceRequest } from './service-request.ts';
export { submitReferral } from './submit.ts';
export { transitionTask } from './task-transition.ts';
export type { Party, TransitionRule } from './task-rules.ts';
export { TASK_RULES } from './task-rules.ts';
export type { WorkflowEventPayload, WorkflowEventType } from './events.ts';
