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
import type { Db } from '../store/index.ts';
import type { Destination, DestinationInput } from './config.ts';
import { destinationSchema } from './config.ts';
import { removeDestination, upsertDestination } from './destinations.ts';

const FHIR_JSON = new Set(['application/fhir+json', 'application/json', 'application/json+fhir']);

/** Throws a 422 OperationOutcome listing every problem with the Subscription. */
export function subscriptionToDestination(sub: Subscription, orgHsaId: string): DestinationInput {
  const problems: OperationOutcomeIssue[] = [];
  const bad = (id: string, expression: string, sv: string, en: string): void => {
    problems.push(issue('invalid', { id, expression: [expression], text: { sv, en } }));
  };
  if (sub.channel.type !== 'rest-hook') {
    bad('DELIVER-SUB-CHANNEL', 'Subscription.channel.type', 'Endast kanaltypen rest-hook stöds.', 'Only the rest-hook channel type is supported.');
  }
  const endpoint = sub.channel.endpoint ?? '';
  if (!/^https?:\/\/[^\s]+$/.test(endpoint)) {
    bad('DELIVER-SUB-ENDPOINT', 'Subscription.channel.endpoint', 'channel.endpoint måste vara en http(s)-adress.', 'channel.endpoint must be an http(s) URL.');
  }
  const payload = sub.channel.payload;
  if (payload !== undefined && !FHIR_JSON.has(payload)) {
    bad('DELIVER-SUB-PAYLOAD', 'Subscription.channel.payload', 'Endast application/fhir+json stöds som payload.', 'Only application/fhir+json is supported as payload.');
  }
  const headers: Record<string, string> = {};
  (sub.channel.header ?? []).forEach((h, i) => {
    const m = /^([A-Za-z0-9-]{1,64}):\s*(.{0,1024})$/.exec(h);
    if (!m?.[1] || m[2] === undefined) {
      bad('DELIVER-SUB-HEADER', `Subscription.channel.header[${String(i)}]`, 'Rubriken måste ha formen "Namn: värde".', 'The header must have the form "Name: value".');
    } else {
      headers[m[1]] = m[2];
    }
  });
  if (problems.length > 0) {
    throw outcomeError(unprocessableIssues(problems));
  }
  return { destination: orgHsaId, kind: 'subscription', format: 'fhir', url: endpoint, headers, emptyNotification: payload === undefined, subscriptionId: sub.id };
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
