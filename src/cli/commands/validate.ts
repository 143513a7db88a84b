/**
 * `remissbrygga validate <files|dirs...>` (issue 3): a thin shell over src/validate. Exit 0 when every file is
 * valid, 1 when one is not, 2 for usage or I/O errors. Output: text (colour on a TTY), json (a Bundle of one
 * OperationOutcome per file) or junit.
 */
import { CommanderError, Option } from 'commander';
import type { Command } from 'commander';
import { z } from 'zod';
import { igPackageDir } from '../../ig/package.ts';
import { createContentCheck } from '../../validate/content/index.ts';
import { validateFiles } from '../../validate/files.ts';
import { createValidator, loadDefinitions } from '../../validate/index.ts';
import { loadConformance } from '../../validate/input.ts';
import { formatJson } from '../../validate/report/json.ts';
import { formatJunit } from '../../validate/report/junit.ts';
import { formatText } from '../../validate/report/text.ts';

const DEFAULT_IG = igPackageDir();

const optionsSchema = z.object({
  load: z.array(z.string()).default([]),
  profile: z.array(z.string().min(1)).default([]),
  format: z.enum(['text', 'json', 'junit']).default('text'),
  lang: z.enum(['sv', 'en']).default('sv'),
  ruleset: z.string().min(1).optional(),
  ig: z.string().min(1).default(DEFAULT_IG),
  maxBytes: z.coerce.number().int().positive().optional(),
});

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function fail(code: number, message: string): never {
  if (message) {
    process.stderr.write(`remissbrygga validate: ${message}\n`);
  }
  throw new CommanderError(code, 'remissbrygga.validate', message);
}

async function run(paths: string[], raw: unknown): Promise<void> {
  const parsed = optionsSchema.safeParse(raw);
  if (!parsed.success) {
    fail(2, parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  }
  const opts = parsed.data;
  const loaded = await loadConformance(opts.load);
  if (loaded.errors.length) {
    fail(2, `--load: ${loaded.errors.join('; ')}`);
  }
  const defs = await loadDefinitions({ igDir: opts.ig, extra: loaded.resources }).catch((e: unknown) =>
    fail(2, `--ig ${opts.ig}: ${e instanceof Error ? e.message : String(e)}`),
  );
  let contentChecks;
  try {
    contentChecks = createContentCheck(opts.ruleset ? { defaultRuleset: opts.ruleset } : {});
  } catch (e) {
    fail(2, `--ruleset: ${e instanceof Error ? e.message : String(e)}`);
  }
  const validator = createValidator(defs, { contentChecks, ...(opts.ruleset ? { ruleset: opts.ruleset } : {}) });
  const tty = process.stderr.isTTY;
  const { results, ioErrors } = await validateFiles(validator, paths, {
    lang: opts.lang,
    ...(opts.profile.length ? { profile: opts.profile } : {}),
    ...(opts.ruleset ? { ruleset: opts.ruleset } : {}),
    ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}),
    ...(tty
      ? {
          onProgress: (done: number, total: number) => {
            if (total > 1) {
              process.stderr.write(done < total ? `\r[${done}/${total}]` : '\r\u001b[K');
            }
          },
        }
      : {}),
  });
  const color = process.stdout.isTTY && !process.env.NO_COLOR;
  if (results.length === 0) {
    fail(2, ioErrors.length ? ioErrors.join('; ') : 'no files to validate');
  }
  switch (opts.format) {
    case 'json':
      process.stdout.write(formatJson(results));
      break;
    case 'junit':
      process.stdout.write(formatJunit(results));
      break;
    case 'text':
      process.stdout.write(formatText(results, { color, lang: opts.lang }));
      break;
  }
  if (ioErrors.length) {
    fail(2, ioErrors.join('; '));
  }
  if (results.some((r) => !r.valid)) {
    fail(1, '');
  }
}

export function register(program: Command): void {
  program
    .command('validate')
    .description('Validate FHIR R4 JSON resources and bundles (structure, profiles, terminology, referral rules)')
    .argument('<paths...>', 'files or directories (*.json)')
    .option('--load <path>', 'conformance resources to add (file or directory; repeatable)', collect)
    .option('--profile <canonical>', 'also validate against this profile (repeatable)', collect)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'junit']).default('text'))
    .addOption(new Option('--lang <lang>', 'language of the messages').choices(['sv', 'en']).default('sv'))
    .option('--ruleset <date|name>', 'regional rule set (a date or a rule set id)')
    .option('--ig <dir>', 'compiled IG package folder', DEFAULT_IG)
    .option('--max-bytes <n>', 'largest file to read')
    .exitOverride((err) => {
      // commander's usage errors exit 2 here (issue 3); help and version keep their own codes
      throw err.exitCode === 0 ? err : new CommanderError(2, err.code, err.message);
    })
    .action(async (paths: string[], options: unknown) => {
      await run(paths, options);
    });
}
