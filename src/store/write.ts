/**
 * The SQL of resource writes. A write touches four tables (resources, resource_history, resource_tokens,
 * resource_refs); each write is ONE statement with data-modifying CTEs, and `insertResources` writes any number of
 * resources in that one statement, their rows passed as a single jsonb array. A referral of 13 resources is one
 * round trip instead of ~35 (docs/benchmarks.md "Store writes"). Sub-statements of one statement see the same
 * snapshot, so the DELETE of a resource's old index rows never sees the rows inserted beside it.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { Db } from './db.ts';
import type { IndexRow } from './extract.ts';

export interface ResourceRow {
  readonly resource: Resource;
  /** The resource's id (the same as `resource.id`, which the caller has set). */
  readonly id: string;
  readonly index: IndexRow;
}

export interface Actor {
  readonly org: string | null;
  readonly user: string | null;
}

const RESOURCE_ROWS = `jsonb_to_recordset($1::jsonb) AS x(
  resource_type text, id text, content jsonb, owner_org text, requester_org text, patient_ref text, status text, authored timestamptz)`;
const TOKEN_ROWS = 'jsonb_to_recordset($4::jsonb) AS t(resource_type text, id text, system text, value text)';
const REF_ROWS = 'jsonb_to_recordset($5::jsonb) AS f(resource_type text, id text, param text, target text)';

/** The token and reference index rows ($4, $5) of the resources the CTE `written` wrote. */
function indexRows(written: string): string {
  return `tok AS (
    INSERT INTO resource_tokens (resource_type, id, system, value)
    SELECT t.resource_type, t.id, t.system, t.value FROM ${TOKEN_ROWS} JOIN ${written} USING (resource_type, id)),
  ref AS (
    INSERT INTO resource_refs (resource_type, id, param, target)
    SELECT f.resource_type, f.id, f.param, f.target FROM ${REF_ROWS} JOIN ${written} USING (resource_type, id))`;
}

const INSERT_SQL = `WITH ins AS (
    INSERT INTO resources (resource_type, id, version_id, last_updated, content, owner_org, requester_org, patient_ref, status, authored)
    SELECT resource_type, id, 1, $2::timestamptz, content, owner_org, requester_org, patient_ref, status, authored FROM ${RESOURCE_ROWS}
    ON CONFLICT (resource_type, id) DO NOTHING
    RETURNING resource_type, id, content),
  hist AS (
    INSERT INTO resource_history (resource_type, id, version_id, last_updated, content, actor_org, actor_user)
    SELECT resource_type, id, 1, $2::timestamptz, content, $3::jsonb->>'org', $3::jsonb->>'user' FROM ins),
  ${indexRows('ins')}
  SELECT resource_type, id FROM ins`;

/**
 * Inserts version 1 of each row (all with the same lastUpdated) with history and index rows. Returns the
 * `Type/id` keys that already existed and were therefore NOT written; the caller decides (usually: roll back).
 */
export async function insertResources(tx: Db, rows: readonly ResourceRow[], lastUpdated: string, actor: Actor): Promise<string[]> {
  if (rows.length === 0) {
    return [];
  }
  const inserted = await tx.query<{ resource_type: string; id: string }>(INSERT_SQL, [
    JSON.stringify(rows.map(resourceRecord)),
    lastUpdated,
    JSON.stringify(actor),
    JSON.stringify(rows.flatMap(tokenRecords)),
    JSON.stringify(rows.flatMap(refRecords)),
  ]);
  const written = new Set(inserted.map((r) => `${r.resource_type}/${r.id}`));
  return rows.map((r) => `${r.resource.resourceType}/${r.id}`).filter((key) => !written.has(key));
}

const UPDATE_SQL = `WITH x AS (SELECT * FROM ${RESOURCE_ROWS}),
  upd AS (
    UPDATE resources r SET version_id = $6, last_updated = $2::timestamptz, content = x.content, owner_org = x.owner_org,
      requester_org = x.requester_org, patient_ref = x.patient_ref, status = x.status, authored = x.authored
    FROM x WHERE r.resource_type = x.resource_type AND r.id = x.id
    RETURNING r.resource_type, r.id, r.content),
  hist AS (
    INSERT INTO resource_history (resource_type, id, version_id, last_updated, content, actor_org, actor_user)
    SELECT resource_type, id, $6, $2::timestamptz, content, $3::jsonb->>'org', $3::jsonb->>'user' FROM upd),
  del_tok AS (DELETE FROM resource_tokens d USING upd WHERE d.resource_type = upd.resource_type AND d.id = upd.id),
  del_ref AS (DELETE FROM resource_refs d USING upd WHERE d.resource_type = upd.resource_type AND d.id = upd.id),
  ${indexRows('upd')}
  SELECT id FROM upd`;

/** Writes `version` of an existing resource (the caller holds its row lock and checked the version). */
export async function updateResourceRow(tx: Db, row: ResourceRow, version: number, lastUpdated: string, actor: Actor): Promise<void> {
  await tx.query(UPDATE_SQL, [
    JSON.stringify([resourceRecord(row)]),
    lastUpdated,
    JSON.stringify(actor),
    JSON.stringify(tokenRecords(row)),
    JSON.stringify(refRecords(row)),
    version,
  ]);
}

function resourceRecord({ resource, id, index }: ResourceRow): Record<string, unknown> {
  return {
    resource_type: resource.resourceType,
    id,
    content: resource,
    owner_org: index.ownerOrg,
    requester_org: index.requesterOrg,
    patient_ref: index.patientRef,
    status: index.status,
    authored: index.authored,
  };
}

function tokenRecords({ resource, id, index }: ResourceRow): Record<string, string>[] {
  return index.tokens.map((t) => ({ resource_type: resource.resourceType, id, system: t.system, value: t.value }));
}

function refRecords({ resource, id, index }: ResourceRow): Record<string, string>[] {
  return index.refs.map((r) => ({ resource_type: resource.resourceType, id, param: r.param, target: r.target }));
}
