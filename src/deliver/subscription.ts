/**
 * FHIR R4 Subscription (rest-hook) → delivery destination. The server stores the Subscription a provider or
 * vårdcentral creates through the API and calls `applySubscription`; from then on that organisation's outbox
 * events are POSTed to `channel.endpoint` (R4: with `channel.payload` the content is sent, here the FHIR
 * transaction Bundle of formatters/fhir.ts; without it an empty notification, and the receiver pulls its inbox).
 * `channel.header` entries ("Name: value") are sent with every notification.
 * One destination per organisation: a Subscription replaces the organisation's configured destination.
 * See: https://hl7.org/fhir/R4/subscription.html
 */
import type { OperationOutcomeIssue, Subscription } from '@medplum/fhirtypes';
import { issue, outcomeError, unprocessableIssues } from '../fhir/outcomes.ts';
import type { Db, Repository } from '../store/index.ts';
import type { Destination, DestinationInput } from './config.ts';
import { destinationSchema } from './config.ts';
import { removeDestination, upsertDestination } from './destinations.ts';

const FHIR_JSON = new Set(['application/fhir+json', 'application/json', 'application/json+fhir']);
const STATUSES = new Set(['requested', 'active', 'error', 'off']);
/** The events an organisation receives concern these types (src/workflow/events.ts). */
const CRITERIA_TYPES = new Set(['ServiceRequest', 'Task', 'Communication']);
const KNOWN = new Set(['resourceType', 'id', 'meta', 'text', 'status', 'contact', 'end', 'reason', 'criteria', 'error', 'channel', 'extension', 'language', 'implicitRules', 'contained', 'modifierExtension']);
const KNOWN_CHANNEL = new Set(['type', 'endpoint', 'payload', 'header', 'id', 'extension', 'modifierExtension']);

type Problem = (id: string, expression: string, sv: string, en: string) => void;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Problems with channel (rest-hook, http(s) endpoint, FHIR JSON payload, "Name: value" headers). */
function channelProblems(channel: Record<string, unknown>, bad: Problem): Record<string, string> {
  if (channel['type'] !== 'rest-hook') {
    bad('DELIVER-SUB-CHANNEL', 'Subscription.channel.type', 'Endast kanaltypen rest-hook stöds.', 'Only the rest-hook channel type is supported.');
  }
  const endpoint = channel['endpoint'];
  if (typeof endpoint !== 'string' || !/^https?:\/\/[^\s]+$/.test(endpoint)) {
    bad('DELIVER-SUB-ENDPOINT', 'Subscription.channel.endpoint', 'channel.endpoint måste vara en http(s)-adress.', 'channel.endpoint must be an http(s) URL.');
  }
  const payload = channel['payload'];
  if (payload !== undefined && (typeof payload !== 'string' || !FHIR_JSON.has(payload))) {
    bad('DELIVER-SUB-PAYLOAD', 'Subscription.channel.payload', 'Endast application/fhir+json stöds som payload.', 'Only application/fhir+json is supported as payload.');
  }
  const headers: Record<string, string> = {};
  const list = channel['header'];
  if (list !== undefined && !Array.isArray(list)) {
    bad('DELIVER-SUB-HEADER', 'Subscription.channel.header', 'channel.header måste vara en lista.', 'channel.header must be a list.');
  }
  (Array.isArray(list) ? (list as unknown[]) : []).forEach((h, i) => {
    const m = typeof h === 'string' ? /^([A-Za-z0-9-]{1,64}):\s*(.{0,1024})$/.exec(h) : null;
    if (!m?.[1] || m[2] === undefined) {
      bad('DELIVER-SUB-HEADER', `Subscription.channel.header[${String(i)}]`, 'Rubriken måste ha formen "Namn: värde".', 'The header must have the form "Name: value".');
    } else {
      headers[m[1]] = m[2];
    }
  });
  for (const key of Object.keys(channel)) {
    if (!KNOWN_CHANNEL.has(key)) {
      bad('DELIVER-SUB-UNKNOWN', `Subscription.channel.${key.slice(0, 64)}`, 'Okänt element.', 'Unknown element.');
    }
  }
  return headers;
}

/**
 * Checks a Subscription as posted to the API (R4 cardinalities: status, reason, criteria and channel required)
 * and what this server supports; throws a 422 OperationOutcome listing every problem, each with its FHIRPath.
 * `criteria` must name ServiceRequest, Task or Communication; it documents the interest: the organisation
 * receives all of its events (one destination per organisation).
 */
export function checkSubscription(sub: Subscription): Subscription {
  const value: unknown = sub;
  const problems: OperationOutcomeIssue[] = [];
  const bad: Problem = (id, expression, sv, en) => {
    problems.push(issue('invalid', { id, expression: [expression], text: { sv, en } }));
  };
  const r = isRecord(value) ? value : {};
  for (const key of Object.keys(r)) {
    if (!KNOWN.has(key)) {
      bad('DELIVER-SUB-UNKNOWN', `Subscription.${key.slice(0, 64)}`, 'Okänt element.', 'Unknown element.');
    }
  }
  if (typeof r['status'] !== 'string' || !STATUSES.has(r['status'])) {
    bad('DELIVER-SUB-STATUS', 'Subscription.status', 'status måste vara requested, active, error eller off.', 'status must be requested, active, error or off.');
  }
  if (typeof r['reason'] !== 'string' || r['reason'].trim() === '') {
    bad('DELIVER-SUB-REASON', 'Subscription.reason', 'reason krävs.', 'reason is required.');
  }
  const criteria = r['criteria'];
  if (typeof criteria !== 'string' || !CRITERIA_TYPES.has(criteria.split('?')[0] ?? '')) {
    bad('DELIVER-SUB-CRITERIA', 'Subscription.criteria', 'criteria måste gälla ServiceRequest, Task eller Communication.', 'criteria must concern ServiceRequest, Task or Communication.');
  }
  if (r['end'] !== undefined && (typeof r['end'] !== 'string' || Number.isNaN(Date.parse(r['end'])))) {
    bad('DELIVER-SUB-END', 'Subscription.end', 'end måste vara en tidpunkt.', 'end must be an instant.');
  }
  const channel = r['channel'];
  if (isRecord(channel)) {
    channelProblems(channel, bad);
  } else {
    bad('DELIVER-SUB-CHANNEL', 'Subscription.channel', 'channel krävs.', 'channel is required.');
  }
  if (problems.length > 0) {
    throw outcomeError(unprocessableIssues(problems));
  }
  return sub;
}

/** Throws a 422 OperationOutcome listing every problem with the Subscription's channel. */
export function subscriptionToDestination(sub: Subscription, orgHsaId: string): DestinationInput {
  const problems: OperationOutcomeIssue[] = [];
  const bad: Problem = (id, expression, sv, en) => {
    problems.push(issue('invalid', { id, expression: [expression], text: { sv, en } }));
  };
  const channel: unknown = sub.channel;
  const headers = isRecord(channel) ? channelProblems(channel, bad) : {};
  if (!isRecord(channel)) {
    bad('DELIVER-SUB-CHANNEL', 'Subscription.channel', 'channel krävs.', 'channel is required.');
  }
  if (problems.length > 0) {
    throw outcomeError(unprocessableIssues(problems));
  }
  return { destination: orgHsaId, kind: 'subscription', format: 'fhir', url: sub.channel.endpoint ?? '', headers, emptyNotification: sub.channel.payload === undefined, subscriptionId: sub.id };
}

/** Stores the destination for an active (or requested) Subscription; an ended/errored one removes it. */
export async function applySubscription(db: Db, sub: Subscription, orgHsaId: string): Promise<Destination | undefined> {
  if (sub.status === 'off' || sub.status === 'error') {
    await removeSubscriptionDestination(db, orgHsaId, sub.id);
    return undefined;
  }
  return upsertDestination(db, destinationSchema.parse(subscriptionToDestination(sub, orgHsaId)), 'subscription');
}

/** Removes the organisation's destination if it came from this Subscription. */
export async function removeSubscriptionDestination(db: Db, orgHsaId: string, subscriptionId: string | undefined): Promise<boolean> {
  const rows = await db.query<{ config: { subscriptionId?: string } }>(`SELECT config FROM delivery_destinations WHERE destination = $1 AND source = 'subscription'`, [orgHsaId]);
  if (rows[0] && rows[0].config.subscriptionId === subscriptionId) {
    return removeDestination(db, orgHsaId);
  }
  return false;
}

/**
 * R4 `Subscription.end`: "the time for the server to turn the subscription off". Every active Subscription past
 * its end is set `off` (a new version, audited with the delivery sweep as agent) and its destination removed, each
 * in its own transaction. Returns how many were ended. Run by the delivery sweep (src/jobs/delivery-sweep.ts).
 */
export async function endExpiredSubscriptions(repo: Repository, now: Date): Promise<number> {
  const rows = await repo.db.query<{ id: string; owner_org: string | null; end: string }>(
    `SELECT id, owner_org, content->>'end' AS end FROM resources
     WHERE resource_type = 'Subscription' AND NOT deleted AND content->>'status' IN ('active', 'requested') AND content ? 'end'`,
  );
  let ended = 0;
  for (const row of rows) {
    const end = Date.parse(row.end);
    const org = row.owner_org;
    if (Number.isNaN(end) || end > now.getTime() || org === null) {
      continue;
    }
    const done = await repo.transaction(async (tx) => {
      const current = await tx.read('Subscription', row.id);
      if (current.status !== 'active' && current.status !== 'requested') {
        return false; // changed meanwhile
      }
      const stored = await tx.update<Subscription>({ ...current, status: 'off' }, { actor: { user: 'job:delivery-sweep' }, orgs: { ownerOrg: org, requesterOrg: org } }, { ifMatch: current.meta?.versionId });
      await removeSubscriptionDestination(tx.db, org, stored.id);
      await tx.recordEffects({
        audit: {
          event: {
            resourceType: 'AuditEvent',
            type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'RESTful Operation' },
            subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: 'update' }],
            action: 'U',
            recorded: now.toISOString(),
            outcome: '0',
            outcomeDesc: 'subscription ended (Subscription.end passed)',
            agent: [{ who: { identifier: { value: 'job:delivery-sweep' } }, requestor: true }],
            source: { observer: { display: 'remissbrygga' } },
            entity: [{ what: { reference: `Subscription/${row.id}` } }],
          },
        },
      });
      return true;
    });
    if (done) {
      ended++;
    }
  }
  return ended;
}
