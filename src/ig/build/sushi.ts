/**
 * Runs SUSHI (FSH → FHIR, with snapshots) offline: HOME points at the project-local package cache that holds
 * hl7.fhir.r4.core (see core-package.ts), and an unreachable proxy makes the downloads of SUSHI's automatic
 * dependencies (hl7.terminology, hl7.fhir.uv.extensions, hl7.fhir.uv.tools) fail fast instead of hanging.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface SushiResult {
  exitCode: number;
  errors: number;
  warnings: number;
  /** The `error ...` lines of SUSHI's output, for the build log. */
  errorLines: string[];
  output: string;
}

export interface SushiOptions {
  /** The SUSHI project folder (holds sushi-config.yaml and input/fsh). */
  projectDir: string;
  /** HOME for the SUSHI process: its FHIR package cache is `<home>/.fhir/packages`. */
  home: string;
}

function sushiEntry(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('fsh-sushi/package.json')), 'dist', 'app.js');
}

/** Parses the totals line of SUSHI's results box, e.g. `| ...   0 Errors      5 Warnings |`. */
export function parseSushiTotals(output: string): { errors: number; warnings: number } | undefined {
  const match = /(\d+) Errors?\s+(\d+) Warnings?/.exec(output);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { errors: Number(match[1]), warnings: Number(match[2]) };
}

export function runSushi(options: SushiOptions): Promise<SushiResult> {
  const unreachable = 'http://127.0.0.1:9';
  const env = {
    ...process.env,
    HOME: options.home,
    HTTP_PROXY: unreachable,
    HTTPS_PROXY: unreachable,
    http_proxy: unreachable,
    https_proxy: unreachable,
    NO_PROXY: '',
    no_proxy: '',
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [sushiEntry(), 'build', options.projectDir, '-s'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const output = Buffer.concat(chunks).toString('utf8');
      const totals = parseSushiTotals(output);
      const errorLines = output.split('\n').filter((line) => line.startsWith('error'));
      resolve({
        exitCode: code ?? 1,
        // No totals box means SUSHI stopped early: count that as an error.
        errors: totals?.errors ?? Math.max(1, errorLines.length),
        warnings: totals?.warnings ?? 0,
        errorLines,
        output,
      });
    });
  });
}
