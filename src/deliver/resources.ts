/**
 * Loads what an event is about. Outbox payloads carry resource ids only (never patient data), so the current
 * versions are read at send time: the references named in the payload (`"Task/123"` strings, or `taskId`-style
 * keys), the ServiceRequest named by the aggregate key, and what those reference, two levels deep (a referral's
 * patient, referrer role, practitioner, organisations, questionnaire response, observations, procedures).
 */
import type { Resource, ResourceType } from '@medplum/fhirtypes';
import type { Repository } from '../store/index.ts';

const MAX_RESOURCES = 100;
const DEPTH = 2;
const REFERENCE = /^([A-Z][A-Za-z]{1,40})\/([A-Za-z0-9\-.]{1,64})$/;
const ID_KEY = /^([a-z][A-Za-z]{1,40})Id$/;

/** Types an event may name (the referral's resources, docs/ig-design.md); anything else in a payload is ignored. */
const EVENT_TYPES = new Set([
  'ServiceRequest', 'Task', 'Communication', 'Patient', 'QuestionnaireResponse', 'Organization', 'PractitionerRole',
  'Practitioner', 'Observation', 'Procedure', 'Condition',
]);

function known(ref: string): boolean {
  return EVENT_TYPES.has(ref.slice(0, ref.indexOf('/')));
}

export function referencesInPayload(payload: unknown, aggregateKey: string): string[] {
  const refs = new Set<string>();
  const walk = (value: unknown, key: string | undefined): void => {
    if (typeof value === 'string') {
      if (REFERENCE.test(value)) {
        if (known(value)) {
          refs.add(value);
        }
      } else if (key !== undefined) {
        const m = ID_KEY.exec(key);
        const ref = m?.[1] ? `${m[1].charAt(0).toUpperCase()}${m[1].slice(1)}/${value}` : '';
        if (REFERENCE.test(ref) && known(ref)) {
          refs.add(ref);
        }
      }
    } else if (Array.isArray(value)) {
      for (const v of value) {
        walk(v, key);
      }
    } else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        walk(v, k);
      }
    }
  };
  walk(payload, undefined);
  if (/^[A-Za-z0-9\-.]{1,64}$/.test(aggregateKey)) {
    refs.add(`ServiceRequest/${aggregateKey}`);
  }
  return [...refs];
}

/** Relative references inside a resource (`{ reference: "Type/id" }` anywhere). */
export function referencesIn(resource: Resource): string[] {
  const out: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        if (k === 'reference' && typeof v === 'string' && REFERENCE.test(v) && known(v)) {
          out.push(v);
        } else {
          walk(v);
        }
      }
    }
  };
  walk(resource);
  return out;
}

/**
 * The version an event is about: the workflow puts the changed resource's `versionId` in the payload (the Task
 * for `task.*` events, the ServiceRequest for `referral.*`). That version is sent, not whatever is current at send
 * time, so a status message says what happened at that step (events of one referral go out in order, so the
 * receiver still ends with the latest state).
 */
export function pinnedVersion(eventType: string, payload: unknown): { readonly ref: string; readonly versionId: string } | undefined {
  if (typeof payload !== 'object' || payload === null) {
    return undefined;
  }
  const p = payload as Record<string, unknown>;
  const versionId = p['versionId'];
  const id = eventType.startsWith('task.') ? p['taskId'] : eventType.startsWith('referral.') ? p['serviceRequestId'] : undefined;
  const type = eventType.startsWith('task.') ? 'Task' : 'ServiceRequest';
  return typeof versionId === 'string' && typeof id === 'string' && /^[A-Za-z0-9\-.]{1,64}$/.test(id) ? { ref: `${type}/${id}`, versionId } : undefined;
}

export async function loadEventResources(repo: Repository, payload: unknown, aggregateKey: string, eventType = ''): Promise<Resource[]> {
  const pinned = pinnedVersion(eventType, payload);
  const loaded = new Map<string, Resource>();
  const seen = new Set<string>();
  let frontier = referencesInPayload(payload, aggregateKey);
  for (let depth = 0; depth <= DEPTH && frontier.length > 0; depth++) {
    const batch = [...new Set(frontier)].filter((ref) => !seen.has(ref)).slice(0, Math.max(0, MAX_RESOURCES - seen.size));
    batch.forEach((ref) => seen.add(ref));
    // One level at a time, its reads in parallel (a pool serves them concurrently; PGlite queues them).
    const resources = await Promise.all(batch.map((ref) => readOrUndefined(repo, ref, pinned?.ref === ref ? pinned.versionId : undefined)));
    const next: string[] = [];
    batch.forEach((ref, i) => {
      const resource = resources[i];
      if (resource) {
        loaded.set(ref, resource);
        next.push(...referencesIn(resource));
      }
    });
    frontier = next;
  }
  return [...loaded.values()];
}

async function readOrUndefined(repo: Repository, ref: string, versionId?: string): Promise<Resource | undefined> {
  const m = REFERENCE.exec(ref);
  if (!m?.[1] || !m[2]) {
    return undefined;
  }
  try {
    // The type string comes from stored data; an unknown type simply is not found.
    return versionId ? await repo.vread(m[1] as ResourceType, m[2], versionId) : await repo.read(m[1] as ResourceType, m[2]);
  } catch {
    return undefined;
  }
}
