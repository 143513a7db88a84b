/**
 * Shared types of the validator (issue 3). The content checks (`src/validate/content/`) plug in through
 * `ContentCheck`; everything looks definitions up through one resolver, `Definitions` (../../../shared/STYLE.md
 * point 5, "Fishable").
 */
import type { OperationOutcome, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';

export type { Lang } from '../fhir/outcomes.ts';

/** Conformance resources the resolver answers for. */
export type ConformanceType = 'StructureDefinition' | 'ValueSet' | 'CodeSystem' | 'ConceptMap' | 'Questionnaire';

/** One resolver for every definition: base R4, the IG package and anything loaded on top. */
export interface Definitions {
  /** `url` may carry `|version`; without a version the latest loaded version wins. The caller names the type it
   * expects (the resolver checks nothing more than the URL); this is the contract shared with validator-content. */
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- caller-chosen result type, by contract
  resolve<T extends Resource = Resource>(url: string, version?: string): T | undefined;
  byType<T extends Resource>(resourceType: T['resourceType']): readonly T[];
}

/** Content checks (questionnaire answers, bundle consistency, regional rules): implemented in `content/`. */
export type ContentCheck = (
  resource: Resource,
  ctx: { readonly defs: Definitions; readonly ruleset?: string; readonly basePath: string },
) => OperationOutcomeIssue[];

export interface ValidatorOptions {
  /** Regional rule set name or date; passed through to the content checks. */
  readonly ruleset?: string;
  readonly contentChecks?: ContentCheck;
}

export interface ValidateOptions {
  /** Extra profiles (canonical URLs) the resource must conform to, besides `meta.profile` and its role. */
  readonly profile?: readonly string[];
  readonly lang?: 'sv' | 'en';
  readonly ruleset?: string;
}

export interface Validator {
  validate(resource: Resource, opts?: ValidateOptions): OperationOutcome;
}
