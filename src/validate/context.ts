/** What one walk shares: the prepared engine (per validator) and the per-call state (per validate()). */
import type { TypedValue } from '@medplum/core';
import type { OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import type { Compiler } from './plan.ts';
import type { SliceCache, SliceIndexCache } from './slicing.ts';
import type { Terminology } from './terminology.ts';
import type { Definitions } from './types.ts';

export interface Engine {
  readonly defs: Definitions;
  readonly compiler: Compiler;
  readonly terminology: Terminology;
  /** Compiled slice discriminators (slicing.ts), filled on first use. */
  readonly slices: SliceCache;
  readonly sliceIndexes: SliceIndexCache;
}

export interface Located {
  readonly resource: Resource;
  readonly path: string;
}

export interface Call {
  readonly engine: Engine;
  readonly rootTyped: TypedValue;
  /** Bundle entries by fullUrl and by `Type/id`, for references and slicing on resolve(). */
  readonly bundleIndex: ReadonlyMap<string, Located>;
  /** Issues of each (resource, profile) walk, so slicing, reference checks and the main walk share one run. */
  readonly memo: Map<object, Map<string, readonly OperationOutcomeIssue[]>>;
  /** Extra profiles per resource (its role in a referral bundle, the caller's --profile at the root). */
  readonly extraProfiles: Map<object, string[]>;
  readonly resourceStack: { readonly resource: Resource; readonly typed: TypedValue; readonly path: string }[];
  /** The profiles each resource was walked against as itself (not via a reference or slice test). */
  readonly applied: Map<object, string[]>;
  /** Checks run after the walk (reference targets' profiles), and the issues they find. */
  readonly deferred: (() => void)[];
  readonly late: OperationOutcomeIssue[];
}

/** Sink and call of one walk. */
export interface Walk {
  readonly call: Call;
  readonly out: OperationOutcomeIssue[];
}
