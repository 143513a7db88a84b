/**
 * createValidator: compiles once (profiles, plans, expansions are prepared lazily and kept for the validator's
 * lifetime), validates many times. No module-level state; medplum's own schema index is filled by
 * loadDefinitions (idempotent).
 */
import { toTypedValue } from '@medplum/core';
import type { OperationOutcome, OperationOutcomeIssue, Resource, StructureDefinition } from '@medplum/fhirtypes';
import { issue, localizeOutcome } from '../fhir/outcomes.ts';
import type { Call, Engine, Located } from './context.ts';
import type { LoadedDefinitions } from './definitions.ts';
import { createCompiler } from './plan.ts';
import { msg } from './messages.ts';
import { claimedProfiles, isReferralBundle, REFERRAL_BUNDLE, roleProfile } from './profiles.ts';
import { createTerminology } from './terminology.ts';
import type { Definitions, ValidateOptions, Validator, ValidatorOptions } from './types.ts';
import { walkResource } from './walk.ts';

function isLoaded(d: Definitions): d is LoadedDefinitions {
  return typeof (d as Partial<LoadedDefinitions>).isBase === 'function';
}

const BASE_SD = 'http://hl7.org/fhir/StructureDefinition/';

function entriesOf(resource: Resource): { fullUrl?: unknown; resource?: Resource }[] {
  const entry: unknown = resource.resourceType === 'Bundle' ? resource.entry : undefined;
  return Array.isArray(entry) ? entry.map((e: unknown) => (typeof e === 'object' && e !== null ? e : {})) : [];
}

function isResourceObject(v: unknown): v is Resource {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { resourceType?: unknown }).resourceType === 'string';
}

function bundleIndex(resource: Resource): Map<string, Located> {
  const index = new Map<string, Located>();
  entriesOf(resource).forEach((e, i) => {
    const r = e.resource;
    if (!isResourceObject(r)) {
      return;
    }
    const located = { resource: r, path: `Bundle.entry[${i}].resource` };
    if (typeof e.fullUrl === 'string') {
      index.set(e.fullUrl, located);
    }
    if (typeof r.id === 'string') {
      index.set(`${r.resourceType}/${r.id}`, located);
    }
  });
  return index;
}

export function createValidator(defs: Definitions, opts: ValidatorOptions = {}): Validator {
  const isBase = (sd: StructureDefinition): boolean =>
    isLoaded(defs) ? defs.isBase(sd) : sd.url.startsWith(BASE_SD);
  const engine: Engine = {
    defs,
    compiler: createCompiler(defs, isBase),
    terminology: createTerminology(defs),
    slices: new Map(),
    sliceIndexes: new Map(),
  };
  prepare(engine);

  return {
    validate(resource: Resource, vopts: ValidateOptions = {}): OperationOutcome {
      const out: OperationOutcomeIssue[] = [];
      if (!isResourceObject(resource)) {
        // callers pass parsed JSON; anything that is not a resource gets an issue, never an exception
        return localizeOutcome({ resourceType: 'OperationOutcome', issue: [msg.notAResource('Resource')] }, vopts.lang ?? 'sv');
      }
      const profiles = [...(vopts.profile ?? [])];
      const extraProfiles = new Map<object, string[]>();
      const call: Call = {
        engine,
        rootTyped: toTypedValue(resource),
        bundleIndex: bundleIndex(resource),
        memo: new Map(),
        extraProfiles,
        resourceStack: [],
        applied: new Map(),
        deferred: [],
        late: [],
      };
      const claimed = claimedProfiles(resource);
      if (isReferralBundle(resource, [...claimed, ...profiles])) {
        if (!claimed.includes(REFERRAL_BUNDLE) && engine.compiler.sd(REFERRAL_BUNDLE)) {
          profiles.push(REFERRAL_BUNDLE);
        }
        for (const e of entriesOf(resource)) {
          const r = e.resource;
          const role = isResourceObject(r) ? roleProfile(r) : undefined;
          if (r && role) {
            extraProfiles.set(r, [role]);
          }
        }
      }
      walkResource({ call, out }, resource, typeof resource.resourceType === 'string' ? resource.resourceType : 'Resource', profiles);
      for (const check of call.deferred) {
        check();
      }
      out.push(...call.late);
      const content = opts.contentChecks;
      if (content) {
        const ruleset = vopts.ruleset ?? opts.ruleset;
        try {
          out.push(...content(resource, { defs, basePath: resource.resourceType, ...(ruleset ? { ruleset } : {}) }));
        } catch {
          out.push(msg.contentCheckFailed(resource.resourceType));
        }
      }
      const outcome: OperationOutcome = { resourceType: 'OperationOutcome', issue: out.length ? out : [allOk()] };
      return localizeOutcome(outcome, vopts.lang ?? 'sv');
    },
  };
}

/** Compiles every profile the IG and extras hold, and expands their bindings, so the first call is not slower. */
function prepare(engine: Engine): void {
  for (const sd of engine.defs.byType<StructureDefinition>('StructureDefinition')) {
    if (sd.url.startsWith(BASE_SD)) {
      continue;
    }
    const compiled = engine.compiler.sd(sd.url);
    for (const node of compiled?.byId.values() ?? []) {
      if (node.binding) {
        engine.terminology.expand(node.binding.valueSet);
      }
    }
  }
}

function allOk(): OperationOutcomeIssue {
  return issue('informational', { id: 'OK', severity: 'information', text: { sv: 'Inga problem hittades', en: 'No issues found' } });
}

/** No error or fatal issue. */
export function isValid(o: OperationOutcome): boolean {
  return !o.issue.some((i) => i.severity === 'error' || i.severity === 'fatal');
}
