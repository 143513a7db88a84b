/**
 * `npm run ig:build`: builds the FHIR package `profiles/package/` from the FSH in `profiles/input/fsh` (offline;
 * see src/ig/build/build.ts). Exits non-zero on any SUSHI error.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIg, IgBuildError } from '../src/ig/build/build.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
try {
  const result = await buildIg({
    profilesDir: join(root, 'profiles'),
    outDir: join(root, 'profiles', 'package'),
    examplesManifestPath: join(root, 'profiles', 'examples.json'),
    fhirHome: join(root, '.fhir-cache', 'home'),
    log: (line) => {
      process.stdout.write(`${line}\n`);
    },
  });
  process.stdout.write(
    `profiles/package: ${result.definitions} definitions, ${result.examples} examples (SUSHI warnings: ${result.sushiWarnings})\n`,
  );
} catch (error) {
  if (error instanceof IgBuildError) process.stderr.write(error.sushiOutput);
  process.stderr.write(`ig:build failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
