/**
 * What the HTTP shell is given. The workflow and the validator are injected interfaces (contract-workflow.md):
 * the composition root (src/app/compose.ts) passes the real ones, tests pass small real implementations.
 */
import type { Bundle, Communication, OperationOutcome, Resource, ServiceRequest, Task } from '@medplum/fhirtypes';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.ts';
import type { Lang } from '../fhir/outcomes.ts';
import type { Mapper } from '../map/index.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { OrgScope, Repository } from '../store/index.ts';
import type { Actor, SubmitResult, WorkflowDeps } from '../workflow/types.ts';
import type { Authenticator } from '../auth/authenticate.ts';
import type { TokenServiceOptions } from '../auth/token.ts';
import type { ConformanceStore } from './conformance.ts';

/** The functions of src/workflow/index.ts the server calls (same signatures). */
export interface WorkflowApi {
  /** `validated`: the validator's outcome for this same bundle when the caller has it already. */
  submitReferral(deps: WorkflowDeps, bundle: Bundle, actor: Actor, validated?: OperationOutcome): Promise<SubmitResult>;
  transitionTask(deps: WorkflowDeps, taskId: string, proposed: Task, actor: Actor, ifMatch?: string): Promise<Task>;
  updateServiceRequest(deps: WorkflowDeps, proposed: ServiceRequest, actor: Actor, ifMatch?: string): Promise<ServiceRequest>;
  postCommunication(deps: WorkflowDeps, communication: Communication, actor: Actor): Promise<Communication>;
  scopeFor(actor: Actor): OrgScope | undefined;
  mayReadPatientData(actor: Actor): boolean;
}

export interface ValidateOptions {
  readonly profile?: string[];
  readonly lang?: Lang;
}

export interface Validator {
  validate(resource: Resource, opts?: ValidateOptions): OperationOutcome | Promise<OperationOutcome>;
}

export interface HttpDeps {
  readonly config: Config;
  readonly repo: Repository;
  readonly workflow: WorkflowApi;
  readonly workflowDeps: WorkflowDeps;
  readonly validator: Validator;
  readonly conformance: ConformanceStore;
  readonly auth: Authenticator;
  /** The token endpoint's registry and keys. */
  readonly tokens: TokenServiceOptions;
  /** Software version for the CapabilityStatement. */
  readonly version: string;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Journal formats (src/map): /convert and /inbound/{format} are served when given. */
  readonly mapper?: Mapper;
}
