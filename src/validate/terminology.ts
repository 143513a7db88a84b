/**
 * Terminology for bindings (issue 3, layer 3): ValueSets expanded to Sets once (lazily, then cached for the
 * validator's lifetime) from the IG's and base R4's CodeSystems/ValueSets. Code-system aliases are normalised
 * first (standards.md §1–2; docs/ig-design.md "Identifier systems", "Code systems"). A system a ValueSet includes
 * whole but that we do not hold (SNOMED CT, LOINC, ...) accepts any code: unknown external terminology is not
 * an error.
 */
import type { CodeSystem, CodeSystemConcept, ValueSet, ValueSetComposeInclude } from '@medplum/fhirtypes';
import type { Definitions } from './types.ts';

/** Alias → preferred system (standards.md: two OIDs each in circulation). */
export const SYSTEM_ALIASES: ReadonlyMap<string, string> = new Map([
  ['urn:oid:1.2.752.116.1.1.1.1.3', 'urn:oid:1.2.752.116.1.1.1'], // ICD-10-SE, standards.md §2
  ['urn:oid:1.2.752.129.2.1.4.1', 'urn:oid:1.2.752.29.4.19'], // HSA-id, standards.md §1
]);

export function normaliseSystem(system: string): string {
  return SYSTEM_ALIASES.get(system) ?? system;
}

/** One expanded ValueSet: codes per system; `open` systems accept any code (not held locally). */
export interface Expansion {
  readonly codes: ReadonlyMap<string, ReadonlySet<string>>;
  readonly open: ReadonlySet<string>;
  readonly allCodes: ReadonlySet<string>;
}

export type Membership = 'member' | 'not-member' | 'unknown';

export interface Terminology {
  expand(valueSetUrl: string): Expansion | undefined;
  /** Is (system, code) in the ValueSet? `system` undefined: a bare `code` element. */
  member(valueSetUrl: string, system: string | undefined, code: string): Membership;
}

function conceptTree(cs: CodeSystem): { all: string[]; children: Map<string, string[]> } {
  const all: string[] = [];
  const children = new Map<string, string[]>();
  const walk = (list: readonly CodeSystemConcept[] | undefined, parent: string | undefined): void => {
    for (const c of list ?? []) {
      all.push(c.code);
      if (parent) {
        children.set(parent, [...(children.get(parent) ?? []), c.code]);
      }
      walk(c.concept, c.code);
    }
  };
  walk(cs.concept, undefined);
  return { all, children };
}

function descendants(children: Map<string, string[]>, code: string, includeSelf: boolean): string[] {
  const out: string[] = includeSelf ? [code] : [];
  const stack = [...(children.get(code) ?? [])];
  for (let c = stack.pop(); c !== undefined; c = stack.pop()) {
    out.push(c);
    stack.push(...(children.get(c) ?? []));
  }
  return out;
}

export function createTerminology(defs: Definitions): Terminology {
  const cache = new Map<string, Expansion | undefined>();
  const inProgress = new Set<string>();

  const codeSystem = (system: string): CodeSystem | undefined => {
    const cs = defs.resolve<CodeSystem>(system);
    return cs?.resourceType === 'CodeSystem' && cs.content !== 'not-present' && cs.concept?.length ? cs : undefined;
  };

  /** Codes one include/exclude selects, or 'open' when the system is not held locally. */
  const select = (inc: ValueSetComposeInclude): { system?: string; codes: Set<string> | 'open' } | undefined => {
    if (!inc.system) {
      return undefined;
    }
    const system = normaliseSystem(inc.system);
    if (inc.concept?.length) {
      return { system, codes: new Set(inc.concept.map((c) => c.code)) };
    }
    const cs = codeSystem(inc.system) ?? codeSystem(system);
    if (!cs) {
      return { system, codes: 'open' };
    }
    const tree = conceptTree(cs);
    let codes = new Set(tree.all);
    for (const f of inc.filter ?? []) {
      if (f.property !== 'concept' && f.property !== 'code') {
        return { system, codes: 'open' };
      }
      let picked: string[];
      switch (f.op) {
        case 'is-a':
          picked = descendants(tree.children, f.value, true);
          break;
        case 'descendent-of':
          picked = descendants(tree.children, f.value, false);
          break;
        case '=':
        case 'in':
          picked = f.value.split(',').map((v) => v.trim());
          break;
        case 'is-not-a': {
          const not = new Set(descendants(tree.children, f.value, true));
          picked = tree.all.filter((c) => !not.has(c));
          break;
        }
        case 'regex':
        case 'not-in':
        case 'generalizes':
        case 'exists':
          return { system, codes: 'open' };
      }
      const keep = new Set(picked);
      codes = new Set([...codes].filter((c) => keep.has(c)));
    }
    return { system, codes };
  };

  const compute = (vs: ValueSet): Expansion => {
    const codes = new Map<string, Set<string>>();
    const open = new Set<string>();
    const addCode = (system: string, code: string): void => {
      const set = codes.get(system) ?? new Set<string>();
      set.add(code);
      codes.set(system, set);
    };
    for (const c of vs.expansion?.contains ?? []) {
      if (c.system && c.code) {
        addCode(normaliseSystem(c.system), c.code);
      }
    }
    for (const inc of vs.compose?.include ?? []) {
      const nested = (inc.valueSet ?? []).map((u) => expand(u));
      const sel = select(inc);
      if (!sel && nested.length === 0) {
        continue;
      }
      // include.system + include.valueSet means the intersection; we keep it simple and take the system part.
      if (sel?.system) {
        if (sel.codes === 'open') {
          open.add(sel.system);
        } else {
          for (const code of sel.codes) {
            addCode(sel.system, code);
          }
        }
      } else {
        for (const n of nested) {
          if (!n) {
            continue;
          }
          for (const s of n.open) {
            open.add(s);
          }
          for (const [s, set] of n.codes) {
            for (const code of set) {
              addCode(s, code);
            }
          }
        }
      }
    }
    for (const exc of vs.compose?.exclude ?? []) {
      const sel = select(exc);
      if (sel?.system && sel.codes !== 'open') {
        for (const code of sel.codes) {
          codes.get(sel.system)?.delete(code);
        }
      }
    }
    const allCodes = new Set<string>();
    for (const set of codes.values()) {
      for (const c of set) {
        allCodes.add(c);
      }
    }
    return { codes, open, allCodes };
  };

  const expand = (url: string): Expansion | undefined => {
    if (cache.has(url)) {
      return cache.get(url);
    }
    if (inProgress.has(url)) {
      return undefined;
    }
    inProgress.add(url);
    const vs = defs.resolve<ValueSet>(url);
    const result = vs?.resourceType === 'ValueSet' && (vs.compose ?? vs.expansion) ? compute(vs) : undefined;
    inProgress.delete(url);
    cache.set(url, result);
    return result;
  };

  return {
    expand,
    member(url, system, code) {
      const e = expand(url);
      if (!e) {
        return 'unknown';
      }
      if (system === undefined) {
        return e.allCodes.has(code) || e.open.size > 0 ? 'member' : 'not-member';
      }
      const s = normaliseSystem(system);
      if (e.open.has(s)) {
        return 'member';
      }
      return e.codes.get(s)?.has(code) ? 'member' : 'not-member';
    },
  };
}
