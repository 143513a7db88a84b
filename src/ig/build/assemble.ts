/**
 * Turns SUSHI's output (`fsh-generated/resources/*.json`) and the generated examples into a proper FHIR package
 * folder: package.json, .index.json, one JSON per resource, examples in `example/` with their own .index.json.
 * Output is deterministic: stable file names, 2-space JSON, trailing newline, index sorted by file name.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { indexEntryFor, type IndexEntry, type LooseResource, type PackageIndex } from './core-package.ts';

export const IG_PACKAGE_MANIFEST = {
  name: 'se.remissbrygga.psykoterapi',
  version: '0.1.0',
  description:
    'Remissbrygga: FHIR R4 profiles, terminology and examples for psychotherapy referrals in Region Skåne',
  canonical: 'https://remissbrygga.se/fhir',
  url: 'https://remissbrygga.se/fhir',
  fhirVersions: ['4.0.1'],
  type: 'IG',
  license: 'CC0-1.0',
  jurisdiction: 'urn:iso:std:iso:3166#SE',
  dependencies: { 'hl7.fhir.r4.core': '4.0.1' },
} as const;

export type NamedResource = LooseResource;

export function resourceFileName(resource: NamedResource): string {
  if (resource.id === undefined || resource.id === '') {
    throw new Error(`${resource.resourceType} without id cannot be packaged`);
  }
  return `${resource.resourceType}-${resource.id}.json`;
}

export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function isNamedResource(value: unknown): value is NamedResource {
  return typeof value === 'object' && value !== null && typeof (value as { resourceType?: unknown }).resourceType === 'string';
}

/** Reads SUSHI's generated resources, sorted by file name. */
export function readGeneratedResources(generatedDir: string): NamedResource[] {
  const dir = join(generatedDir, 'resources');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const parsed: unknown = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      if (!isNamedResource(parsed)) throw new Error(`${name}: not a FHIR resource`);
      return parsed;
    });
}

function writeFolder(dir: string, resources: readonly NamedResource[]): IndexEntry[] {
  mkdirSync(dir, { recursive: true });
  const entries: IndexEntry[] = [];
  const seen = new Set<string>();
  for (const resource of resources) {
    const filename = resourceFileName(resource);
    if (seen.has(filename)) throw new Error(`two resources map to ${filename}`);
    seen.add(filename);
    writeFileSync(join(dir, filename), stableJson(resource));
    entries.push(indexEntryFor(filename, resource));
  }
  entries.sort((a, b) => (a.filename < b.filename ? -1 : a.filename > b.filename ? 1 : 0));
  const index: PackageIndex = { 'index-version': 1, files: entries };
  writeFileSync(join(dir, '.index.json'), stableJson(index));
  return entries;
}

/** Writes the whole package folder, replacing what was there. */
export function writeIgPackage(
  outDir: string,
  definitions: readonly NamedResource[],
  examples: readonly NamedResource[],
): { definitions: number; examples: number } {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'package.json'), stableJson(IG_PACKAGE_MANIFEST));
  const defs = writeFolder(outDir, definitions);
  const exs = writeFolder(join(outDir, 'example'), examples);
  return { definitions: defs.length, examples: exs.length };
}

/** Rewrites only `example/` (used by `npm run ig:examples`; the definitions stay as SUSHI last wrote them). */
export function writeIgExamples(outDir: string, examples: readonly NamedResource[]): number {
  const dir = join(outDir, 'example');
  rmSync(dir, { recursive: true, force: true });
  return writeFolder(dir, examples).length;
}
