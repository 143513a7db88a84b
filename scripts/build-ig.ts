/**
 * `npm run ig:build`: builds the FHIR package `profiles/package/` from the FSH in `profiles/input/fsh` (offline;
 * see src/ig/build/build.ts) plus the examples of src/ig/examples. Exits non-zero on any SUSHI error.
 * `npm run ig:examples` (`--examples-only`): regenerates only `profiles/package/example/` and
 * `profiles/examples.json` from src/ig/examples, without running SUSHI.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stableJson, writeIgExamples } from '../src/ig/build/assemble.ts';
import { buildIg, IgBuildError } from '../src/ig/build/build.ts';
import { buildExamples } from '../src/ig/examples/index.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function examplesOnly(): void {
  const examples = buildExamples();
  const count = writeIgExamples(join(root, 'profiles', 'package'), examples.resources);
  writeFileSync(join(root, 'profiles', 'examples.json'), stableJson(examples.manifest));
  out(`profiles/package/example: ${count} examples`);
}

async function build(): Promise<void> {
  try {
    const result = await buildIg({
      profilesDir: join(root, 'profiles'),
      outDir: join(root, 'profiles', 'package'),
      examplesManifestPath: join(root, 'profiles', 'examples.json'),
      fhirHome: join(root, '.fhir-cache', 'home'),
      log: out,
    });
    out(`profiles/package: ${result.definitions} definitions, ${result.examples} examples (SUSHI warnings: ${result.sushiWarnings})`);
  } catch (error) {
    if (error instanceof IgBuildError) process.stderr.write(error.sushiOutput);
    process.stderr.write(`ig:build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

if (process.argv.includes('--examples-only')) examplesOnly();
else await build();
