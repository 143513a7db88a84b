/** Public API of the store (persistence layer): see README.md in this folder. */
export type { Db, Driver, OpenDbOptions } from './db.ts';
export { openDb } from './db.ts';
export type { Migration } from './migrate.ts';
export { loadMigrations, migrate } from './migrate.ts';
export type { HistoryEntry, ReadOptions, Repository, SearchResult, UpdateOptions, WriteContext } from './repository.ts';
export { createRepository } from './repository.ts';
export type { OrgScope, SearchParams } from './search.ts';
export type { AttemptDetails, ClaimOptions, FailureDetails, OutboxEvent, OutboxRow, OutboxStatus } from './outbox.ts';
export { appendOutbox, claimOutbox, completeOutbox, failOutbox, getOutbox, listOutbox } from './outbox.ts';
export type { AuditContext, AuditQuery } from './audit.ts';
export { recordAudit, searchAudit } from './audit.ts';
export { claimAssertion, pruneAssertions } from './assertions.ts';
export type { ChangeEffects, RecordedEffects } from './effects.ts';
export type { ClaimResult, IdempotencyRecord } from './idempotency.ts';
export { claimIdempotency, completeIdempotency, getIdempotency } from './idempotency.ts';
export type { OrgKeys, TypeIndexSpec } from './extract.ts';
export { HSA_SYSTEMS, INDEX_SPECS, orgKey } from './extract.ts';
