/**
 * Conformance resources (StructureDefinition, ValueSet, CodeSystem, ConceptMap, Questionnaire) are served from
 * memory: read once at start-up from the compiled IG package (`profiles/package/*.json`, SUSHI output), never
 * written through the API. Keeping them out of the store means a new IG build is picked up by a restart, with no
 * migration of stored copies.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import { badRequestOutcome, notFoundOutcome, outcomeError } from '../fhir/outcomes.ts';

export const CONFORMANCE_TYPES = ['StructureDefinition', 'ValueSet', 'CodeSystem', 'ConceptMap', 'Questionnaire'] as const;
export type ConformanceType = (typeof CONFORMANCE_TYPES)[number];

export const CONFORMANCE_SEARCH_PARAMS = ['_id', 'url', 'version', 'name', 'status'] as const;

export interface ConformanceStore {
  readonly size: number;
  read(type: ConformanceType, id: string): Resource;
  search(type: ConformanceType, params: URLSearchParams): { resources: Resource[]; total: number };
}

function isConformanceType(t: unknown): t is ConformanceType {
  return typeof t === 'string' && (CONFORMANCE_TYPES as readonly string[]).includes(t);
}

function isConformanceResource(v: unknown): v is Resource {
  return typeof v === 'object' && v !== null && isConformanceType(Reflect.get(v, 'resourceType'));
}

export function conformanceStore(resources: readonly Resource[]): ConformanceStore {
  const byKey = new Map<string, Resource>();
  for (const r of resources) {
    if (isConformanceType(r.resourceType) && r.id) {
      byKey.set(`${r.resourceType}/${r.id}`, r);
    }
  }
  const all = [...byKey.values()];
  return {
    size: byKey.size,
    read(type, id) {
      const r = byKey.get(`${type}/${id}`);
      if (!r) {
        throw outcomeError(notFoundOutcome({ id: 'HTTP-NOT-FOUND', text: { sv: `${type}/${id} finns inte`, en: `${type}/${id} not found` } }));
      }
      return r;
    },
    search(type, params) {
      let count = 20;
      let offset = 0;
      const filters: ((r: Resource) => boolean)[] = [(r) => r.resourceType === type];
      for (const [name, value] of params) {
        switch (name) {
          case '_count':
            count = Math.min(intParam(name, value), 1000);
            break;
          case '_offset':
            offset = intParam(name, value);
            break;
          case '_id':
          case 'url':
          case 'version':
          case 'name':
          case 'status': {
            const field = name === '_id' ? 'id' : name;
            const wanted = value.split(',');
            filters.push((r) => wanted.includes(String(Reflect.get(r, field))));
            break;
          }
          default:
            throw outcomeError(
              badRequestOutcome({
                id: 'HTTP-SEARCH-PARAM',
                text: { sv: `Sökparametern stöds inte för ${type}: ${name}`, en: `Search parameter not supported for ${type}: ${name}` },
              }),
            );
        }
      }
      const matches = all.filter((r) => filters.every((f) => f(r))).sort((a, b) => (a.id ?? '').localeCompare(b.id ?? ''));
      return { resources: matches.slice(offset, offset + count), total: matches.length };
    },
  };
}

function intParam(name: string, value: string): number {
  if (!/^\d{1,9}$/.test(value)) {
    throw outcomeError(badRequestOutcome({ id: 'HTTP-SEARCH-PARAM', text: { sv: `Ogiltigt värde för ${name}`, en: `Invalid value for ${name}` } }));
  }
  return Number(value);
}

/** Reads every `*.json` resource of a package folder; a missing folder gives an empty store (readyz says so). */
export async function loadConformance(dir: string): Promise<ConformanceStore> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.json') && f !== 'package.json' && !f.startsWith('.'));
  } catch {
    return conformanceStore([]);
  }
  const resources: Resource[] = [];
  for (const file of files) {
    const parsed: unknown = JSON.parse(await readFile(join(dir, file), 'utf8'));
    if (isConformanceResource(parsed)) {
      resources.push(parsed);
    }
  }
  return conformanceStore(resources);
}
