/**
 * Test support for server-sigkill.int.test.ts: the real server (`remissbrygga start`, src/cli/main.ts) as a child
 * process, so a test can SIGKILL it. The origin is read from the first line `remissbrygga start` prints
 * ("Remissbrygga: http://127.0.0.1:<port>/fhir …", src/app/quickstart.ts), which makes PORT=0 usable.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'src', 'cli', 'main.ts');
/** The project's Node 24 (type stripping); the jest process runs on it too. */
const NODE = existsSync(join(ROOT, 'node_modules', '.bin', 'node')) ? join(ROOT, 'node_modules', '.bin', 'node') : process.execPath;

export interface ServerProcess {
  readonly origin: string;
  readonly child: ChildProcess;
  /** Resolves with the signal (or exit code) once the process has ended. */
  readonly exited: Promise<NodeJS.Signals | number | null>;
  alive(): boolean;
  /** The last lines the process wrote on stderr (for failure messages). */
  stderrTail(): string;
}

/** Starts `remissbrygga start` with exactly `env` (plus PATH/HOME) and waits, up to `timeoutMs`, for its origin. */
export async function startServerProcess(env: Readonly<Record<string, string>>, timeoutMs = 60_000): Promise<ServerProcess> {
  const child = spawn(NODE, [CLI, 'start'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const state = { alive: true, stdout: '', stderr: '' };
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => {
    child.once('exit', (code, signal) => {
      state.alive = false;
      resolve(signal ?? code);
    });
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    state.stderr = (state.stderr + chunk).slice(-4000);
  });
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not report its address within ${String(timeoutMs)} ms; stderr: ${state.stderr}`));
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      state.stdout = (state.stdout + chunk).slice(-8000);
      const m = /Remissbrygga: (http:\/\/[^\s/]+)\/fhir/.exec(state.stdout);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${String(how)}) before it reported its address; stderr: ${state.stderr}`));
    });
  });
  return { origin, child, exited, alive: () => state.alive, stderrTail: () => state.stderr };
}

/** Sends `signal` and waits for the exit (SIGKILL after `timeoutMs` if it does not end). */
export async function stopServerProcess(p: ServerProcess, signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 20_000): Promise<NodeJS.Signals | number | null> {
  if (!p.alive()) {
    return p.exited;
  }
  p.child.kill(signal);
  const timer = setTimeout(() => p.child.kill('SIGKILL'), timeoutMs);
  try {
    return await p.exited;
  } finally {
    clearTimeout(timer);
  }
}
