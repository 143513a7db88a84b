/** The CLI's commands, one file each. Keep one import and one list entry per command. */
import type { Command } from 'commander';
import { register as outbox } from './outbox.ts';

export type RegisterCommand = (program: Command) => void;

export const commands: readonly RegisterCommand[] = [
  outbox,
];
