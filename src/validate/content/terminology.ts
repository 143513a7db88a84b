/**
 * The terminology the content checks need, computed once per Definitions and memoised: ValueSet membership
 * through the engine's expander (../terminology.ts — one implementation of expansion and of the code-system
 * aliases for the whole validator) and ConceptMap lookups (source code → targets in priority order).
 */
import type { ConceptMap } from '@medplum/fhirtypes';
import { createTerminology as createEngineTerminology } from '../terminology.ts';
import type { Definitions } from '../types.ts';
import { present } from './optional.ts';

export interface Expansion {
  /** Membership; `system` undefined compares the code alone. Systems we do not hold accept any code. */
  has(system: string | undefined, code: string): boolean;
}

export interface Terminology {
  /** The expansion of a ValueSet, or undefined when it cannot be resolved. */
  expand(url: string): Expansion | undefined;
  /** Target codes for a source code, in the map's order; undefined when the map is unknown, [] when unmapped. */
  mapTargets(conceptMapUrl: string, source: string): readonly string[] | undefined;
  readonly defs: Definitions;
}

export function createTerminology(defs: Definitions): Terminology {
  const engine = createEngineTerminology(defs);
  const expansions = new Map<string, Expansion | undefined>();
  const maps = new Map<string, Map<string, string[]> | undefined>();

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
    expand(url) {
      if (!expansions.has(url)) {
        expansions.set(url, engine.expand(url) ? { has: (system, code) => engine.member(url, system, code) !== 'not-member' } : undefined);
      }
      return expansions.get(url);
    },
    mapTargets: (url, source) => {
      const table = conceptMap(url);
      return table ? (table.get(source) ?? []) : undefined;
    },
  };
}
