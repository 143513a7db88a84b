/** The CLI's commands, one file each. Keep one import and one list entry per command. */
import type { Command } from 'commander';
import { register as start } from './start.ts';
import { register as registerMap } from './map.ts';

export type RegisterCommand = (program: Command) => void;

export const commands: readonly RegisterCommand[] = [
  start,
  registerMap,
];
