/**
 * Loads the compiled IG package (`profiles/package/`, built by `npm run ig:build`): the manifest, the conformance
 * resources listed in `.index.json`, and the examples in `example/`. No global state: each call reads the folder.
 * Other layers (validator, mapping, server) get their definitions here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Resource } from '@medplum/fhirtypes';
import { z } from 'zod';

const manifestSchema = z.object({
  name: z.string(),
  version: z.string(),
  canonical: z.string(),
  fhirVersions: z.array(z.string()).min(1),
  dependencies: z.record(z.string(), z.string()),
  description: z.string().optional(),
  url: z.string().optional(),
  type: z.string().optional(),
  license: z.string().optional(),
  jurisdiction: z.string().optional(),
});

const indexSchema = z.object({
  'index-version': z.literal(1),
  files: z.array(
    z.object({
      filename: z.string(),
      resourceType: z.string(),
      id: z.string(),
      url: z.string().optional(),
      version: z.string().optional(),
      kind: z.string().optional(),
      type: z.string().optional(),
    }),
  ),
});

const exampleManifestSchema = z.array(
  z.object({
    file: z.string(),
    profile: z.string(),
    valid: z.boolean(),
    rule: z.string().nullable(),
    severity: z.enum(['error', 'warning']),
    also: z.array(z.string()),
    description: z.string(),
  }),
);

export type IgManifest = z.infer<typeof manifestSchema>;
export type IgIndex = z.infer<typeof indexSchema>;
export type IgExampleEntry = z.infer<typeof exampleManifestSchema>[number];

export interface IgPackage {
  /** The folder the package was read from. */
  dir: string;
  manifest: IgManifest;
  /** Conformance resources (StructureDefinition, CodeSystem, ValueSet, ConceptMap, Questionnaire), index order. */
  resources: Resource[];
  /** The examples of `example/`, index order. */
  examples: Resource[];
}

function isResource(value: unknown): value is Resource {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { resourceType?: unknown }).resourceType === 'string'
  );
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** The repository's `profiles/` folder. */
export function igProfilesDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'profiles');
}

/** The repository's compiled package folder, `profiles/package/`. */
export function igPackageDir(): string {
  return join(igProfilesDir(), 'package');
}

function readFolder(dir: string): Resource[] {
  const index = indexSchema.parse(readJson(join(dir, '.index.json')));
  return index.files.map(({ filename, resourceType, id }) => {
    const resource = readJson(join(dir, filename));
    if (!isResource(resource) || resource.resourceType !== resourceType || resource.id !== id) {
      throw new Error(`${join(dir, filename)}: does not match its .index.json entry (${resourceType}/${id})`);
    }
    return resource;
  });
}

/** Reads the package folder (default: `profiles/package/`). Throws with the file name on any malformed file. */
export function loadIgPackage(dir: string = igPackageDir()): IgPackage {
  const manifest = manifestSchema.parse(readJson(join(dir, 'package.json')));
  const resources = readFolder(dir);
  const exampleDir = join(dir, 'example');
  const examples = existsSync(join(exampleDir, '.index.json')) ? readFolder(exampleDir) : [];
  return { dir, manifest, resources, examples };
}

/** Reads `profiles/examples.json`: which example is valid and which rule id each invalid one breaks. */
export function loadExampleManifest(path: string = join(igProfilesDir(), 'examples.json')): IgExampleEntry[] {
  return exampleManifestSchema.parse(readJson(path));
}
