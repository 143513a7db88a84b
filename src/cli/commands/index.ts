/** The CLI's commands, one file each. Keep one import and one list entry per command. */
import type { Command } from 'commander';
import { register as start } from './start.ts';
import { register as registerMap } from './map.ts';
import { register as validate } from './validate.ts';
import { register as outbox } from './outbox.ts';

export type RegisterCommand = (program: Command) => void;

export const commands: readonly RegisterCommand[] = [
  start,
  registerMap,
  validate,
  outbox,
];
