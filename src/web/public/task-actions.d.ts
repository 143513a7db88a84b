// Types for the browser module task-actions.js, so TypeScript tests and tools can use it.
import type { Task } from '@medplum/fhirtypes';

export type Role = 'provider' | 'referrer';
export type ActionInput = Partial<Record<'note' | 'reason' | 'firstSession' | 'sessions' | 'summary' | 'instrument' | 'startScore' | 'endScore' | 'today', string>>;
export declare const instruments: Readonly<Record<'PHQ-9' | 'GAD-7' | 'MADRS-S', { system: string; code: string; max: number }>>;
export interface TaskAction {
  readonly id: string;
  readonly role: Role;
  readonly from: readonly Task['status'][];
  readonly input: readonly (keyof ActionInput)[];
  apply(task: Task, input: ActionInput): Task;
}
export declare const actions: readonly TaskAction[];
export declare function actionsFor(task: Task, role: Role): TaskAction[];
export declare function applyAction(task: Task, role: Role, id: string, input?: ActionInput): Task;
