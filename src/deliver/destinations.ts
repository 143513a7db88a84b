/**
 * Destinations as data: rows in `delivery_destinations`, filled from config/destinations.json (`syncDestinations`)
 * and from FHIR Subscriptions (subscription.ts). The worker resolves a destination key through `DestinationStore`.
 */
import { readFile } from 'node:fs/promises';
import type { Db } from '../store/index.ts';
import type { Destination, DestinationInput } from './config.ts';
import { destinationSchema, destinationsFileSchema } from './config.ts';

export interface DestinationStore {
  get(destination: string): Promise<Destination | undefined>;
  list(): Promise<Destination[]>;
}

export function dbDestinationStore(db: Db): DestinationStore {
  return {
    async get(destination) {
      const rows = await db.query<{ config: unknown }>('SELECT config FROM delivery_destinations WHERE destination = $1', [destination]);
      return rows[0] ? destinationSchema.parse(rows[0].config) : undefined;
    },
    async list() {
      const rows = await db.query<{ config: unknown }>('SELECT config FROM delivery_destinations ORDER BY destination');
      return rows.map((r) => destinationSchema.parse(r.config));
    },
  };
}

/** Inserts or replaces one destination row (validated). */
export async function upsertDestination(db: Db, input: DestinationInput, source = 'config'): Promise<Destination> {
  const d = destinationSchema.parse(input);
  await db.query(
    `INSERT INTO delivery_destinations (destination, kind, format, config, source, updated) VALUES ($1, $2, $3, $4::jsonb, $5, now())
     ON CONFLICT (destination) DO UPDATE SET kind = EXCLUDED.kind, format = EXCLUDED.format, config = EXCLUDED.config,
       source = EXCLUDED.source, updated = now()`,
    [d.destination, d.kind, d.format, JSON.stringify(d), source],
  );
  return d;
}

export async function removeDestination(db: Db, destination: string): Promise<boolean> {
  const rows = await db.query('DELETE FROM delivery_destinations WHERE destination = $1 RETURNING destination', [destination]);
  return rows.length > 0;
}

/** Makes the `config` rows equal to `destinations`; rows from Subscriptions are left alone (and not overwritten). */
export async function syncDestinations(db: Db, destinations: readonly DestinationInput[]): Promise<Destination[]> {
  return db.transaction(async (tx) => {
    // An organisation's own Subscription wins over the file (until it is turned off), also across restarts.
    const subscribed = new Set((await tx.query<{ destination: string }>(`SELECT destination FROM delivery_destinations WHERE source = 'subscription'`)).map((r) => r.destination));
    const stored: Destination[] = [];
    for (const d of destinations) {
      if (!subscribed.has(d.destination)) {
        stored.push(await upsertDestination(tx, d, 'config'));
      }
    }
    await tx.query(`DELETE FROM delivery_destinations WHERE source = 'config' AND NOT (destination = ANY($1::text[]))`, [stored.map((d) => d.destination)]);
    return stored;
  });
}

/** Reads and validates a destinations file (e.g. config/destinations.json). */
export async function loadDestinationsFile(path: string): Promise<Destination[]> {
  const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
  return destinationsFileSchema.parse(parsed).destinations;
}
