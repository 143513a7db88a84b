/**
 * Validating files and directories (the library behind `remissbrygga validate`): bad input becomes issues in
 * that file's outcome; I/O failures are collected separately (the CLI exits 2 on them).
 */
import type { OperationOutcome } from '@medplum/fhirtypes';
import { localizeOutcome } from '../fhir/outcomes.ts';
import { expandPaths, readResourceFile } from './input.ts';
import type { FileResult } from './report/types.ts';
import type { Validator } from './types.ts';
import { isValid } from './validator.ts';

export interface ValidateFilesOptions {
  readonly profile?: readonly string[];
  readonly lang?: 'sv' | 'en';
  readonly ruleset?: string;
  readonly maxBytes?: number;
  /** Called after each file (for a progress line). */
  readonly onProgress?: (done: number, total: number, file: string) => void;
}

export async function validateFiles(
  validator: Validator,
  paths: readonly string[],
  opts: ValidateFilesOptions = {},
): Promise<{ results: FileResult[]; ioErrors: string[] }> {
  const { files, errors } = await expandPaths(paths);
  const results: FileResult[] = [];
  const lang = opts.lang ?? 'sv';
  for (const [n, file] of files.entries()) {
    const read = await readResourceFile(file, opts.maxBytes);
    if (read.kind === 'io-error') {
      errors.push(read.message);
    } else {
      let outcome: OperationOutcome;
      if (read.kind === 'bad-input') {
        outcome = localizeOutcome({ resourceType: 'OperationOutcome', issue: [...read.issues] }, lang);
      } else {
        const validated = validator.validate(read.resource, {
          lang,
          ...(opts.profile ? { profile: opts.profile } : {}),
          ...(opts.ruleset ? { ruleset: opts.ruleset } : {}),
        });
        const before = localizeOutcome({ resourceType: 'OperationOutcome', issue: [...read.issues] }, lang).issue;
        const own = validated.issue.filter((i) => before.length === 0 || i.details?.coding?.[0]?.code !== 'OK');
        outcome = { ...validated, issue: [...before, ...own] };
      }
      results.push({ file, outcome, valid: isValid(outcome) });
    }
    opts.onProgress?.(n + 1, files.length, file);
  }
  return { results, ioErrors: errors };
}
