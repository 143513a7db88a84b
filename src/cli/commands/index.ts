/** The CLI's commands, one file each. Keep one import and one list entry per command. */
import type { Command } from 'commander';

export type RegisterCommand = (program: Command) => void;

export const commands: readonly RegisterCommand[] = [
];
