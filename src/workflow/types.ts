// src/workflow/types.ts
import type { Bundle, OperationOutcome, Resource, ServiceRequest, Task } from '@medplum/fhirtypes';
import type { Repository } from '../store/index.ts';

/** `region`: the region's follow-up — statistics and the audit trail, never patient data (issue 4 Access). */
export type Role = 'referrer' | 'provider' | 'admin' | 'system' | 'region';

/** Who is calling, as established by src/auth. */
export interface Actor {
  /** HSA-id of the caller's organisation, e.g. 'SE2321000016-VC01'; '' for the system itself. */
  readonly orgHsaId: string;
  /** HSA-id of the person, or the client id of a system client. Never a personnummer. */
  readonly userId: string;
  readonly roles: readonly Role[];
}

/** Demo/real directory of organisations (config/directory.json). */
export interface DirectoryOrganization {
  readonly hsaId: string;
  readonly name: string;
  readonly kind: 'vardcentral' | 'psykoterapimottagning';
  readonly treatmentForms?: readonly string[]; // rb-treatment-form codes offered (providers)
  readonly postalCode?: string;
  readonly municipality?: string;
  readonly phone?: string;
}
export interface Directory {
  readonly organizations: readonly DirectoryOrganization[];
  byHsaId(hsaId: string): DirectoryOrganization | undefined;
}

export interface WorkflowDeps {
  readonly repo: Repository;
  /** The validator, injected: all issues (errors and warnings) for a referral bundle or a resource. */
  readonly validate: (resource: Resource) => Promise<OperationOutcome>;
  readonly directory: Directory;
  readonly now: () => Date;
}

export interface SubmitResult {
  /** false when the same referral (same identifier, same content) was already submitted: answer 200, not 201. */
  readonly created: boolean;
  /** A transaction-response Bundle: one entry per request entry, response.status/location/etag. */
  readonly response: Bundle;
  /** Warnings from validation (may be empty); errors never reach here. */
  readonly outcome: OperationOutcome;
  readonly serviceRequest: ServiceRequest;
  readonly task: Task;
}
