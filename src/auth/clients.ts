/**
 * Registered API clients (config/clients.json), zod-checked at start-up. Each client is one organisation
 * (HSA-id) with roles and the scopes it may be granted. It authenticates at /auth/token with a JWT client
 * assertion signed by a key in its `jwks` (SMART Backend Services, private_key_jwt), or, for the demo, with a
 * client secret whose SHA-256 is registered (`clientSecretSha256`, hex).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const jwk = z.looseObject({ kty: z.string(), kid: z.string().optional(), alg: z.enum(['RS384', 'ES384']).optional() });

export const clientSchema = z
  .object({
    clientId: z.string().min(1),
    /** HSA-id of the organisation, '' for a system client. */
    orgHsaId: z.string(),
    name: z.string().optional(),
    roles: z.array(z.enum(['referrer', 'provider', 'admin', 'system', 'region'])).min(1),
    /** Scopes the client may be granted, space-separated, e.g. `system/*.rs system/Task.u`. */
    scope: z.string().min(1),
    jwks: z.object({ keys: z.array(jwk).min(1) }).optional(),
    clientSecretSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  })
  .refine((c) => c.jwks !== undefined || c.clientSecretSha256 !== undefined, { message: 'a client needs jwks or clientSecretSha256' });

export const clientsFileSchema = z.object({ clients: z.array(clientSchema) });

export type RegisteredClient = z.infer<typeof clientSchema>;

export interface ClientRegistry {
  readonly clients: readonly RegisteredClient[];
  byId(clientId: string): RegisteredClient | undefined;
}

export function clientRegistry(clients: readonly RegisteredClient[]): ClientRegistry {
  const map = new Map(clients.map((c) => [c.clientId, c]));
  return { clients, byId: (id) => map.get(id) };
}

export async function loadClients(path: string): Promise<ClientRegistry> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return clientRegistry([]);
  }
  const parsed = clientsFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return clientRegistry(parsed.data.clients);
}

export function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented secret with the registered hash. */
export function secretMatches(client: RegisteredClient, secret: string): boolean {
  if (!client.clientSecretSha256) {
    return false;
  }
  return timingSafeEqual(Buffer.from(sha256Hex(secret), 'hex'), Buffer.from(client.clientSecretSha256, 'hex'));
}
