/**
 * The little terminology the content checks need, computed once per Definitions and memoised: ValueSet expansion
 * (expansion.contains, or compose include/exclude with concept lists, whole code systems, valueSet imports and
 * is-a / descendent-of filters over the CodeSystem hierarchy) and ConceptMap lookups (source code → targets in
 * priority order). Systems are normalised through their aliases (standards.md §2).
 */
import type { CodeSystem, CodeSystemConcept, ConceptMap, ValueSet, ValueSetComposeInclude, ValueSetExpansionContains } from '@medplum/fhirtypes';
import type { Definitions } from '../types.ts';
import { normalizeSystem } from './constants.ts';
import { present } from './optional.ts';

export interface Expansion {
  /** `system|code` keys (system normalised). */
  readonly keys: ReadonlySet<string>;
  has(system: string | undefined, code: string): boolean;
}

export interface Terminology {
  /** The expansion of a ValueSet, or undefined when it cannot be resolved. */
  expand(url: string): Expansion | undefined;
  /** Target codes for a source code, in the map's order; undefined when the map is unknown, [] when unmapped. */
  mapTargets(conceptMapUrl: string, source: string): readonly string[] | undefined;
  readonly defs: Definitions;
}

function key(system: string | undefined, code: string): string {
  return `${normalizeSystem(system) ?? ''}|${code}`;
}

function makeExpansion(keys: Set<string>): Expansion {
  const codesOnly = new Set([...keys].map((k) => k.slice(k.indexOf('|') + 1)));
  return {
    keys,
    has: (system, code) => (system === undefined ? codesOnly.has(code) : keys.has(key(system, code))),
  };
}

function flattenConcepts(concepts: readonly CodeSystemConcept[] | undefined, into: Map<string, string[]>, parent?: string): void {
  for (const c of concepts ?? []) {
    into.set(c.code, []);
    if (parent !== undefined) {
      into.get(parent)?.push(c.code);
    }
    flattenConcepts(c.concept, into, c.code);
  }
}

function descendants(children: ReadonlyMap<string, readonly string[]>, code: string, into: Set<string>): void {
  for (const child of children.get(code) ?? []) {
    into.add(child);
    descendants(children, child, into);
  }
}

export function createTerminology(defs: Definitions): Terminology {
  const expansions = new Map<string, Expansion | undefined>();
  const maps = new Map<string, Map<string, string[]> | undefined>();
  const hierarchies = new Map<string, Map<string, string[]> | undefined>();

  const hierarchy = (system: string): Map<string, string[]> | undefined => {
    if (!hierarchies.has(system)) {
      const cs = defs.resolve<CodeSystem>(system);
      let children: Map<string, string[]> | undefined;
      if (cs?.resourceType === 'CodeSystem') {
        children = new Map();
        flattenConcepts(cs.concept, children);
      }
      hierarchies.set(system, children);
    }
    return hierarchies.get(system);
  };

  const includeCodes = (inc: ValueSetComposeInclude, seen: ReadonlySet<string>): Set<string> | undefined => {
    const out = new Set<string>();
    const system = normalizeSystem(inc.system);
    if (system !== undefined) {
      if (inc.concept?.length) {
        inc.concept.forEach((c) => out.add(key(system, c.code)));
      } else {
        const children = hierarchy(system);
        if (!children) {
          return undefined;
        }
        let codes = new Set(children.keys());
        for (const f of inc.filter ?? []) {
          const picked = new Set<string>();
          if (f.property === 'concept' && (f.op === 'is-a' || f.op === 'descendent-of')) {
            if (f.op === 'is-a') {
              picked.add(f.value);
            }
            descendants(children, f.value, picked);
          } else if (f.property === 'concept' && f.op === '=') {
            picked.add(f.value);
          } else {
            return undefined;
          }
          codes = new Set([...codes].filter((c) => picked.has(c)));
        }
        codes.forEach((c) => out.add(key(system, c)));
      }
    }
    for (const imported of inc.valueSet ?? []) {
      const sub = expandInner(imported, seen);
      if (!sub) {
        return undefined;
      }
      const subKeys = sub.keys;
      if (system === undefined && out.size === 0) {
        subKeys.forEach((k) => out.add(k));
      } else {
        [...out].filter((k) => !subKeys.has(k)).forEach((k) => out.delete(k));
      }
    }
    return out;
  };

  const fromContains = (contains: readonly ValueSetExpansionContains[] | undefined, into: Set<string>): void => {
    for (const c of contains ?? []) {
      if (c.code !== undefined) {
        into.add(key(c.system, c.code));
      }
      fromContains(c.contains, into);
    }
  };

  const expandInner = (url: string, seen: ReadonlySet<string>): Expansion | undefined => {
    if (expansions.has(url)) {
      return expansions.get(url);
    }
    if (seen.has(url)) {
      return undefined;
    }
    const vs = defs.resolve<ValueSet>(url);
    let result: Expansion | undefined;
    if (vs?.resourceType === 'ValueSet') {
      const keys = new Set<string>();
      let complete = true;
      if (vs.expansion?.contains) {
        fromContains(vs.expansion.contains, keys);
      } else {
        const next = new Set([...seen, url]);
        for (const inc of vs.compose?.include ?? []) {
          const codes = includeCodes(inc, next);
          if (!codes) {
            complete = false;
            break;
          }
          codes.forEach((k) => keys.add(k));
        }
        for (const exc of vs.compose?.exclude ?? []) {
          includeCodes(exc, next)?.forEach((k) => keys.delete(k));
        }
      }
      result = complete ? makeExpansion(keys) : undefined;
    }
    expansions.set(url, result);
    return result;
  };

  const conceptMap = (url: string): Map<string, string[]> | undefined => {
    if (!maps.has(url)) {
      const cm = defs.resolve<ConceptMap>(url);
      let table: Map<string, string[]> | undefined;
      if (cm?.resourceType === 'ConceptMap') {
        table = new Map();
        for (const group of cm.group ?? []) {
          for (const el of present(group.element) ?? []) {
            if (el.code === undefined) {
              continue;
            }
            const targets = (el.target ?? []).flatMap((t) =>
              t.code !== undefined && t.equivalence !== 'unmatched' && t.equivalence !== 'disjoint' ? [t.code] : [],
            );
            table.set(el.code, [...(table.get(el.code) ?? []), ...targets]);
          }
        }
      }
      maps.set(url, table);
    }
    return maps.get(url);
  };

  return {
    defs,
    expand: (url) => expandInner(url, new Set()),
    mapTargets: (url, source) => {
      const table = conceptMap(url);
      return table ? (table.get(source) ?? []) : undefined;
    },
  };
}
