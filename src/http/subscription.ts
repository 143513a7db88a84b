/**
 * `POST /fhir/Subscription` and `PUT /fhir/Subscription/:id`: an organisation's FHIR R4 rest-hook Subscription
 * becomes its delivery destination (src/deliver/subscription.ts). Checked (422 listing every problem), stored
 * org-scoped to the caller's organisation, audited, and applied to delivery_destinations, all in one transaction.
 * `status: requested` is accepted as `active`; `off` (or `error`) ends it and removes the destination.
 * Read, history and search are the generic store handlers: the Subscription is stored with the organisation as
 * both owner and requester, so a provider's and a vårdcentral's scope both see their own, and only their own.
 * See: https://hl7.org/fhir/R4/subscription.html
 */
import type { Subscription } from '@medplum/fhirtypes';
import type { Request, Response } from 'express';
import type { Principal } from '../auth/principal.ts';
import { dbDestinationStore } from '../deliver/destinations.ts';
import { applySubscription, checkSubscription } from '../deliver/subscription.ts';
import { badRequestOutcome, forbiddenOutcome, outcomeError } from '../fhir/outcomes.ts';
import type { Repository, WriteContext } from '../store/index.ts';
import { recordAuditEvent } from './audit.ts';
import { resourceBody } from './body.ts';
import type { HttpDeps } from './deps.ts';
import type { Audited } from './handler.ts';
import { readScope } from './handler.ts';
import { param } from './read.ts';
import { fhirBase, sendWrite } from './respond.ts';

const ROLES = ['provider', 'referrer', 'admin'] as const;

/** The organisation the caller acts for, if it may manage Subscriptions (provider, vårdcentral or admin). */
function callerOrg(p: Principal): string {
  if (!p.actor.orgHsaId || !p.actor.roles.some((r) => (ROLES as readonly string[]).includes(r))) {
    throw outcomeError(
      forbiddenOutcome({
        id: 'DELIVER-SUB-ROLE',
        text: { sv: 'Endast en mottagning, vårdcentral eller administratör kan hantera prenumerationer för sin organisation.', en: 'Only a provider, a vårdcentral or an admin can manage Subscriptions for its organisation.' },
      }),
    );
  }
  return p.actor.orgHsaId;
}

/** R4: the server sets `active` once it accepts a `requested` Subscription. */
function accepted(sub: Subscription): Subscription {
  return sub.status === 'requested' ? { ...sub, status: 'active' } : sub;
}

function context(p: Principal, org: string): WriteContext {
  return { actor: { org: p.actor.orgHsaId, user: p.actor.userId }, orgs: { ownerOrg: org, requesterOrg: org } };
}

function body(deps: HttpDeps, req: Request): Subscription {
  return checkSubscription(resourceBody(req, { maxDepth: deps.config.JSON_MAX_DEPTH, maxArray: deps.config.JSON_MAX_ARRAY }, ['Subscription']));
}

async function audit(tx: Repository, res: Response, p: Principal, interaction: 'create' | 'update', id: string, status: number): Promise<void> {
  await recordAuditEvent(tx, { actor: p.actor, interaction, entities: [`Subscription/${id}`], resourceType: 'Subscription', status, requestId: res.get('X-Request-Id') ?? '' });
}

/**
 * Stores the destination of `sub` for `org`. One destination per organisation: an active Subscription that
 * replaces another one of the same organisation ends that one (status off, `error` names the new one), so the
 * stored Subscriptions say which one is delivered to.
 */
async function apply(tx: Repository, sub: Subscription, org: string, p: Principal): Promise<void> {
  const previous = (await dbDestinationStore(tx.db).get(org))?.subscriptionId;
  await applySubscription(tx.db, sub, org);
  if (previous === undefined || previous === sub.id || sub.status === 'off' || sub.status === 'error') {
    return;
  }
  const old = await tx.read('Subscription', previous).catch(() => undefined);
  if (old && old.status !== 'off') {
    await tx.update<Subscription>({ ...old, status: 'off', error: `replaced by Subscription/${sub.id ?? ''}` }, context(p, org));
  }
}

export function createSubscriptionHandler(deps: HttpDeps): Audited {
  return async (req, res, p) => {
    const org = callerOrg(p);
    const proposed = body(deps, req);
    const { id: _ignored, meta: _server, ...rest } = accepted(proposed);
    const created = await deps.repo.transaction(async (tx) => {
      const stored = await tx.create<Subscription>(rest, context(p, org));
      await apply(tx, stored, org, p);
      await audit(tx, res, p, 'create', stored.id ?? '', 201);
      return stored;
    });
    const location = `${fhirBase(req, deps.config.PUBLIC_URL)}/Subscription/${created.id ?? ''}/_history/${created.meta?.versionId ?? '1'}`;
    return { entities: [`Subscription/${created.id ?? ''}`], status: 201, send: () => { sendWrite(req, res, { status: 201, resource: created, location }); } };
  };
}

export function updateSubscriptionHandler(deps: HttpDeps): Audited {
  return async (req, res, p) => {
    callerOrg(p);
    const id = param(req, 'id');
    const proposed = body(deps, req);
    if (proposed.id !== id) {
      throw outcomeError(
        badRequestOutcome({ id: 'HTTP-ID-MISMATCH', text: { sv: `Resursens id måste vara ${id} (som i adressen)`, en: `Resource id must be ${id} (as in the URL)` }, expression: ['Subscription.id'] }),
      );
    }
    // Out of the caller's scope reads as not found (404). The Subscription stays with the organisation that
    // created it (an admin may change another organisation's).
    const versions = await deps.repo.history('Subscription', id, readScope(deps, p));
    const org = versions.at(-1)?.actor.org ?? p.actor.orgHsaId;
    const ifMatch = req.get('if-match');
    const updated = await deps.repo.transaction(async (tx) => {
      const stored = await tx.update<Subscription>(accepted(proposed), context(p, org), ifMatch ? { ifMatch } : {});
      await apply(tx, stored, org, p);
      await audit(tx, res, p, 'update', id, 200);
      return stored;
    });
    return { entities: [`Subscription/${id}`], status: 200, send: () => { sendWrite(req, res, { status: 200, resource: updated }); } };
  };
}
