/**
 * FHIR resource repository over a Db: versioned writes with history, optimistic locking, search with
 * organisation scope, and the outbox / audit / idempotency tables, all usable inside one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { AuditEvent, ExtractResource, Resource, ResourceType } from '@medplum/fhirtypes';
import { badRequestOutcome, conflictOutcome, notFoundOutcome, outcomeError, preconditionFailedOutcome } from '../fhir/outcomes.ts';
import type { AuditContext, AuditQuery } from './audit.ts';
import { recordAudit, searchAudit } from './audit.ts';
import type { Db } from './db.ts';
import type { IndexRow, OrgKeys } from './extract.ts';
import { extractIndex } from './extract.ts';
import type { ClaimResult } from './idempotency.ts';
import { claimIdempotency, completeIdempotency } from './idempotency.ts';
import type { ChangeEffects, RecordedEffects } from './effects.ts';
import { recordEffects } from './effects.ts';
import type { OutboxEvent } from './outbox.ts';
import { appendOutbox } from './outbox.ts';
import { toNumber } from './rows.ts';
import { insertResources, updateResourceRow } from './write.ts';
import type { OrgScope, SearchParams } from './search.ts';
import { parseSearch, scopeCondition, sqlBuilder } from './search.ts';

export interface WriteContext {
  /** Who makes the change: client organisation (HSA-id) and user; recorded in resource_history. */
  readonly actor?: { readonly org?: string; readonly user?: string };
  /**
   * Org keys for scoping when the resource cannot name them itself (see INDEX_SPECS). Precedence:
   * these, then what the resource names, then (on update) the stored value.
   */
  readonly orgs?: OrgKeys;
}

export interface ReadOptions {
  readonly orgScope?: OrgScope;
}

export interface UpdateOptions {
  /** Expected current versionId: `3` or an ETag `W/"3"`. */
  readonly ifMatch?: string;
}

export interface SearchResult<T extends Resource> {
  readonly resources: T[];
  /** Resources added by `_include` (search mode `include`). */
  readonly included: Resource[];
  /** Matches before paging. */
  readonly total: number;
}

export interface HistoryEntry<T extends Resource> {
  readonly resource: T;
  readonly actor: { readonly org: string | null; readonly user: string | null };
}

export interface Repository {
  readonly db: Db;
  /** Stores version 1 under a new id (or `options.id`, e.g. one assigned while resolving a bundle's urn:uuids). */
  create<T extends Resource>(resource: T, ctx: WriteContext, options?: { readonly id?: string }): Promise<T>;
  /**
   * Stores version 1 of every resource in one statement (their own ids, or new ones), all or none: any id that
   * exists already → 409 and nothing of the call is stored. Same result as `create` for each, one round trip.
   */
  createMany<T extends Resource>(resources: readonly T[], ctx: WriteContext): Promise<T[]>;
  read<K extends ResourceType>(type: K, id: string, options?: ReadOptions): Promise<ExtractResource<K>>;
  vread<K extends ResourceType>(type: K, id: string, versionId: string, options?: ReadOptions): Promise<ExtractResource<K>>;
  update<T extends Resource>(resource: T, ctx: WriteContext, options?: UpdateOptions): Promise<T>;
  /** All versions, newest first. */
  history<K extends ResourceType>(type: K, id: string, options?: ReadOptions): Promise<HistoryEntry<ExtractResource<K>>[]>;
  search<K extends ResourceType>(type: K, params: SearchParams, options?: ReadOptions): Promise<SearchResult<ExtractResource<K>>>;
  findByIdentifier<K extends ResourceType>(type: K, system: string, value: string, options?: ReadOptions): Promise<ExtractResource<K>[]>;
  appendOutbox(event: OutboxEvent): Promise<number>;
  /** A change's AuditEvent, outbox events and idempotency completion in one statement (effects.ts). */
  recordEffects(effects: ChangeEffects): Promise<RecordedEffects>;
  recordAudit(event: AuditEvent, ctx?: AuditContext): Promise<AuditEvent>;
  searchAudit(query: AuditQuery): Promise<{ events: AuditEvent[]; total: number }>;
  claimIdempotency(system: string, value: string): Promise<ClaimResult>;
  completeIdempotency(system: string, value: string, result: { resourceIds: readonly string[]; response: unknown }): Promise<void>;
  /** Runs `fn` with a repository bound to one transaction: any error and nothing of it is stored. */
  transaction<T>(fn: (repo: Repository) => Promise<T>): Promise<T>;
}

export function createRepository(db: Db): Repository {
  const repo: Repository = {
    db,
    create: async (resource, ctx, options) => {
      const [stored] = await db.transaction((tx) => createResources(tx, [{ resource, id: options?.id ?? randomUUID() }], ctx));
      if (!stored) {
        throw new Error('createResources returned nothing for one resource');
      }
      return stored;
    },
    createMany: (resources, ctx) => db.transaction((tx) => createResources(tx, resources.map((resource) => ({ resource, id: resource.id ?? randomUUID() })), ctx)),
    read: (type, id, options) => readResource(db, type, id, options),
    vread: (type, id, versionId, options) => vreadResource(db, type, id, versionId, options),
    update: (resource, ctx, options) => db.transaction((tx) => updateResource(tx, resource, ctx, options)),
    history: (type, id, options) => historyOf(db, type, id, options),
    search: (type, params, options) => searchResources(db, type, params, options),
    findByIdentifier: async (type, system, value, options) =>
      (await searchResources(db, type, { identifier: `${system}|${value}`, _count: '1000' }, options)).resources,
    appendOutbox: (event) => appendOutbox(db, event),
    recordEffects: (effects) => recordEffects(db, effects),
    recordAudit: (event, ctx) => recordAudit(db, event, ctx),
    searchAudit: (query) => searchAudit(db, query),
    claimIdempotency: (system, value) => claimIdempotency(db, system, value),
    completeIdempotency: (system, value, result) => completeIdempotency(db, system, value, result),
    transaction: (fn) => db.transaction((tx) => fn(createRepository(tx))),
  };
  return repo;
}

async function createResources<T extends Resource>(tx: Db, items: readonly { resource: T; id: string }[], ctx: WriteContext): Promise<T[]> {
  const lastUpdated = new Date().toISOString();
  const rows = items.map(({ resource, id }) => {
    const stored: T = { ...resource, id, meta: { ...resource.meta, versionId: '1', lastUpdated } };
    return { resource: stored, id, index: withOrgs(extractIndex(stored), ctx.orgs) };
  });
  const keys = rows.map((r) => `${r.resource.resourceType}/${r.id}`);
  const repeated = keys.find((k, i) => keys.indexOf(k) !== i);
  if (repeated !== undefined) {
    throw outcomeError(conflictOutcome({ id: 'STORE-ID-EXISTS', text: { sv: `${repeated} förekommer två gånger`, en: `${repeated} occurs twice` } }));
  }
  const existing = await insertResources(
    tx,
    rows,
    lastUpdated,
    actorOf(ctx),
  );
  const first = existing[0];
  if (first !== undefined) {
    throw outcomeError(conflictOutcome({ id: 'STORE-ID-EXISTS', text: { sv: `${first} finns redan`, en: `${first} already exists` } }));
  }
  return rows.map((r) => r.resource);
}

function actorOf(ctx: WriteContext): { org: string | null; user: string | null } {
  return { org: ctx.actor?.org ?? null, user: ctx.actor?.user ?? null };
}

async function updateResource<T extends Resource>(tx: Db, resource: T, ctx: WriteContext, options: UpdateOptions = {}): Promise<T> {
  const { resourceType, id } = resource;
  if (!id) {
    throw outcomeError(
      badRequestOutcome({ id: 'STORE-ID-MISSING', text: { sv: 'Resursen saknar id', en: 'Resource has no id' }, expression: [`${resourceType}.id`] }),
    );
  }
  // The row lock makes the version check and the write one step, also across server instances.
  const current = await tx.query<{ version_id: unknown; owner_org: string | null; requester_org: string | null }>(
    'SELECT version_id, owner_org, requester_org FROM resources WHERE resource_type = $1 AND id = $2 AND NOT deleted FOR UPDATE',
    [resourceType, id],
  );
  const row = current[0];
  if (!row) {
    throw notFound(resourceType, id);
  }
  const currentVersion = toNumber(row.version_id);
  const expected = options.ifMatch === undefined ? undefined : parseETag(options.ifMatch);
  if (expected !== undefined && expected !== String(currentVersion)) {
    throw outcomeError(
      preconditionFailedOutcome({
        id: 'STORE-VERSION-CONFLICT',
        text: {
          sv: `Versionskonflikt: ${resourceType}/${id} har version ${currentVersion}, begäran gällde version ${expected}`,
          en: `Version conflict: ${resourceType}/${id} is at version ${currentVersion}, the request expected ${expected}`,
        },
        diagnostics: `If-Match: ${options.ifMatch ?? ''}`,
      }),
    );
  }
  const version = currentVersion + 1;
  const lastUpdated = new Date().toISOString();
  const stored: T = { ...resource, meta: { ...resource.meta, versionId: String(version), lastUpdated } };
  const extracted = withOrgs(extractIndex(stored), ctx.orgs);
  const index: IndexRow = {
    ...extracted,
    ownerOrg: extracted.ownerOrg ?? row.owner_org,
    requesterOrg: extracted.requesterOrg ?? row.requester_org,
  };
  await updateResourceRow(tx, { resource: stored, id, index }, version, lastUpdated, actorOf(ctx));
  return stored;
}

function withOrgs(index: IndexRow, orgs: OrgKeys | undefined): IndexRow {
  return {
    ...index,
    ownerOrg: orgs?.ownerOrg ?? index.ownerOrg,
    requesterOrg: orgs?.requesterOrg ?? index.requesterOrg,
  };
}

/** `W/"3"`, `"3"` or `3` → `3` */
function parseETag(etag: string): string {
  return etag.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

async function readResource<K extends ResourceType>(db: Db, type: K, id: string, options: ReadOptions = {}): Promise<ExtractResource<K>> {
  const sql = sqlBuilder();
  const where = [`r.resource_type = ${sql.bind(type)}`, `r.id = ${sql.bind(id)}`, 'NOT r.deleted'];
  if (options.orgScope) {
    where.push(scopeCondition(options.orgScope, sql));
  }
  const rows = await db.query<{ content: unknown }>(`SELECT r.content FROM resources r WHERE ${where.join(' AND ')}`, sql.values);
  const content = rows[0]?.content;
  if (!isResourceOf(type, content)) {
    throw notFound(type, id);
  }
  return content;
}

async function vreadResource<K extends ResourceType>(db: Db, type: K, id: string, versionId: string, options: ReadOptions = {}): Promise<ExtractResource<K>> {
  if (options.orgScope) {
    // Scope is decided by the current version: a client who may not see the resource sees none of its history.
    await readResource(db, type, id, options);
  }
  const version = Number(versionId);
  const rows = Number.isSafeInteger(version)
    ? await db.query<{ content: unknown }>('SELECT content FROM resource_history WHERE resource_type = $1 AND id = $2 AND version_id = $3', [type, id, version])
    : [];
  const content = rows[0]?.content;
  if (!isResourceOf(type, content)) {
    throw notFound(type, `${id}/_history/${versionId}`);
  }
  return content;
}

async function historyOf<K extends ResourceType>(db: Db, type: K, id: string, options: ReadOptions = {}): Promise<HistoryEntry<ExtractResource<K>>[]> {
  if (options.orgScope) {
    await readResource(db, type, id, options);
  }
  const rows = await db.query<{ content: unknown; actor_org: string | null; actor_user: string | null }>(
    'SELECT content, actor_org, actor_user FROM resource_history WHERE resource_type = $1 AND id = $2 ORDER BY version_id DESC',
    [type, id],
  );
  if (rows.length === 0) {
    throw notFound(type, id);
  }
  return rows.flatMap((r) => (isResourceOf(type, r.content) ? [{ resource: r.content, actor: { org: r.actor_org, user: r.actor_user } }] : []));
}

async function searchResources<K extends ResourceType>(db: Db, type: K, params: SearchParams, options: ReadOptions = {}): Promise<SearchResult<ExtractResource<K>>> {
  const sql = sqlBuilder();
  const parsed = parseSearch(type, params, sql, options.orgScope);
  const totals = await db.query<{ total: unknown }>(`SELECT count(*) AS total FROM resources r WHERE ${parsed.where}`, sql.values);
  const total = toNumber(totals[0]?.total);
  const values = [...sql.values, parsed.count, parsed.offset];
  const rows =
    parsed.count === 0
      ? []
      : await db.query<{ content: unknown; id: string; patient_ref: string | null }>(
          `SELECT r.content, r.id, r.patient_ref FROM resources r WHERE ${parsed.where}
           ORDER BY ${parsed.orderBy} LIMIT $${values.length - 1} OFFSET $${values.length}`,
          values,
        );
  const resources = rows.flatMap((r) => (isResourceOf(type, r.content) ? [r.content] : []));
  const included = parsed.includes.length > 0 && rows.length > 0 ? await includes(db, type, rows, parsed.includes, options.orgScope) : [];
  return { resources, included, total };
}

async function includes(
  db: Db,
  type: string,
  rows: readonly { id: string; patient_ref: string | null }[],
  params: readonly string[],
  orgScope: OrgScope | undefined,
): Promise<Resource[]> {
  const targets = new Set<string>();
  for (const param of params) {
    if (param === 'patient' || param === 'subject') {
      rows.forEach((r) => r.patient_ref && targets.add(r.patient_ref));
      continue;
    }
    const refs = await db.query<{ target: string }>(
      'SELECT DISTINCT target FROM resource_refs WHERE resource_type = $1 AND param = $2 AND id = ANY($3::text[])',
      [type, param, rows.map((r) => r.id)],
    );
    refs.forEach((r) => targets.add(r.target));
  }
  const byType = new Map<string, string[]>();
  for (const target of targets) {
    const [targetType, targetId, ...rest] = target.split('/');
    if (targetType && targetId && rest.length === 0) {
      byType.set(targetType, [...(byType.get(targetType) ?? []), targetId]);
    }
  }
  const found: Resource[] = [];
  for (const [targetType, ids] of byType) {
    const sql = sqlBuilder();
    const where = [`r.resource_type = ${sql.bind(targetType)}`, `r.id = ANY(${sql.bind(ids)}::text[])`, 'NOT r.deleted'];
    if (orgScope) {
      where.push(scopeCondition(orgScope, sql));
    }
    const included = await db.query<{ content: Resource }>(`SELECT r.content FROM resources r WHERE ${where.join(' AND ')} ORDER BY r.id`, sql.values);
    found.push(...included.map((r) => r.content));
  }
  return found;
}

/** Guards what comes back from jsonb: it is ours, but the type is checked rather than cast. */
function isResourceOf<K extends ResourceType>(type: K, value: unknown): value is ExtractResource<K> {
  return typeof value === 'object' && value !== null && Reflect.get(value, 'resourceType') === type;
}

function notFound(type: string, id: string): Error {
  return outcomeError(notFoundOutcome({ id: 'STORE-NOT-FOUND', text: { sv: `${type}/${id} finns inte`, en: `${type}/${id} not found` } }));
}
