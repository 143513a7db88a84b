/** The CLI's commands, one file each. Keep one import and one list entry per command. */
import type { Command } from 'commander';
import { register as validate } from './validate.ts';

export type RegisterCommand = (program: Command) => void;

export const commands: readonly RegisterCommand[] = [
  validate,
];
