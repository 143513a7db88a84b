#!/usr/bin/env node
/**
 * The `remissbrygga` command line: a thin commander layer over library code (../../../shared/STYLE.md point 8).
 * Each command lives in its own file under `commands/` and exports `register(program)`; adding a command means
 * adding a file and one line below.
 */
import { Command } from 'commander';
import { commands } from './commands/index.ts';

export function buildProgram(): Command {
  const program = new Command('remissbrygga')
    .description('FHIR R4 adapter for psychotherapy referrals in Region Skåne')
    .showHelpAfterError()
    .exitOverride();
  for (const register of commands) {
    register(program);
  }
  return program;
}

async function main(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
  } catch (err) {
    const code = (err as { exitCode?: unknown }).exitCode;
    process.exitCode = typeof code === 'number' ? code : 1;
    if (typeof code !== 'number') {
      process.stderr.write(`remissbrygga: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
}

if (import.meta.main) {
  await main(process.argv);
}
