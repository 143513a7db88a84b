/**
 * The whole IG build (issue 2): core package → SUSHI (offline, snapshots) → FHIR package folder + examples.
 * SUSHI runs on a copy of the FSH project in a temporary folder, so a build (or the sync test) never races with
 * another build over `profiles/fsh-generated`.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExamples } from '../examples/index.ts';
import { ensureCorePackage } from './core-package.ts';
import { readGeneratedResources, stableJson, writeIgPackage } from './assemble.ts';
import { runSushi } from './sushi.ts';

export interface BuildIgOptions {
  /** The SUSHI project folder: `profiles/` (sushi-config.yaml, input/fsh). */
  profilesDir: string;
  /** Where the package goes: `profiles/package`. */
  outDir: string;
  /** Where the example manifest goes: `profiles/examples.json`. */
  examplesManifestPath: string;
  /** HOME for SUSHI; its package cache receives hl7.fhir.r4.core. */
  fhirHome: string;
  log?: (line: string) => void;
}

export interface BuildIgResult {
  definitions: number;
  examples: number;
  sushiWarnings: number;
}

export class IgBuildError extends Error {
  readonly sushiOutput: string;
  constructor(message: string, sushiOutput: string) {
    super(message);
    this.name = 'IgBuildError';
    this.sushiOutput = sushiOutput;
  }
}

export async function buildIg(options: BuildIgOptions): Promise<BuildIgResult> {
  const log = options.log ?? ((): void => undefined);
  const core = ensureCorePackage(options.fhirHome);
  log(core.built ? `built hl7.fhir.r4.core#4.0.1 (${core.files} files) in ${core.dir}` : `using ${core.dir}`);

  const work = mkdtempSync(join(tmpdir(), 'rb-ig-'));
  try {
    cpSync(join(options.profilesDir, 'sushi-config.yaml'), join(work, 'sushi-config.yaml'));
    cpSync(join(options.profilesDir, 'input'), join(work, 'input'), { recursive: true });
    const sushi = await runSushi({ projectDir: work, home: options.fhirHome });
    const output = sushi.output.split(work).join(options.profilesDir);
    if (sushi.errors > 0 || sushi.exitCode !== 0) {
      throw new IgBuildError(`SUSHI reported ${sushi.errors} error(s) (exit code ${sushi.exitCode})`, output);
    }
    log(`SUSHI: 0 errors, ${sushi.warnings} warnings`);
    const definitions = readGeneratedResources(join(work, 'fsh-generated'));
    const examples = buildExamples();
    const written = writeIgPackage(options.outDir, definitions, examples.resources);
    writeFileSync(options.examplesManifestPath, stableJson(examples.manifest));
    return { ...written, sushiWarnings: sushi.warnings };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
