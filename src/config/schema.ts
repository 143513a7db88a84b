/**
 * The server's configuration: one zod schema, and the type derived from it (STYLE.md point 6). Values arrive as
 * strings from the environment (see env.ts, the only reader of process.env) and are coerced and checked here.
 * Every variable is documented in .env.example and the README ("Configuration").
 */
import { z } from 'zod';

const SIZE = /^(\d+)(b|kb|mb)?$/i;

/** `5mb`, `512kb`, `1048576` → bytes. */
export function parseSize(value: string): number | undefined {
  const m = SIZE.exec(value.trim());
  if (!m) {
    return undefined;
  }
  const unit = (m[2] ?? 'b').toLowerCase();
  const factor = unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1;
  return Number(m[1]) * factor;
}

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

export const configSchema = z.object({
  /** TCP port; 0 picks a free one (tests). */
  PORT: port.default(8080),
  /** Interface to listen on. Loopback by default so a quick start is not exposed; Docker sets 0.0.0.0. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** PGlite data directory, used when DATABASE_URL is unset. `:memory:` keeps the database in memory. */
  DATA_DIR: z.string().min(1).default('./data/pglite'),
  /** PostgreSQL connection string; when set, PGlite is not used. */
  DATABASE_URL: optionalString,
  /** Pool size per instance on PostgreSQL. */
  DB_POOL_SIZE: positiveInt.default(10),
  /** `dev`: identity from X-Org-Id / X-User-Id / X-Roles headers (quick start). `smart`: Bearer tokens only. */
  AUTH_MODE: z.enum(['dev', 'smart']).default('dev'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest accepted request body, e.g. `5mb`. */
  BODY_LIMIT: z
    .string()
    .default('5mb')
    .refine((v) => parseSize(v) !== undefined, { message: 'expected a size such as 5mb, 512kb or 1048576' })
    .transform((v) => parseSize(v) ?? 0),
  /** Deepest JSON nesting accepted in a request body. */
  JSON_MAX_DEPTH: positiveInt.default(64),
  /** Longest JSON array accepted in a request body. */
  JSON_MAX_ARRAY: positiveInt.default(10000),
  /** The compiled implementation guide (SUSHI output): conformance resources are served from it. */
  IG_DIR: z.string().min(1).default('profiles/package'),
  /** Organisation directory (workflow.loadDirectory). */
  DIRECTORY_FILE: z.string().min(1).default('config/directory.json'),
  /** Registered API clients (src/auth/clients.ts). */
  CLIENTS_FILE: z.string().min(1).default('config/clients.json'),
  /** Regional rule set the validator applies (passed through to the validator; empty = by referral date). */
  RULESET: optionalString,
  /** Public base URL (scheme://host:port) used in links and as the token audience; default: from the request. */
  PUBLIC_URL: optionalString.pipe(z.url().optional()),
  /** Lifetime of access tokens issued by /auth/token. */
  TOKEN_TTL_SECONDS: positiveInt.default(300),
  /** PKCS#8 PEM file with the ES384 key that signs access tokens; generated at start-up when unset. */
  SERVER_KEY_FILE: optionalString,
  /** `on`: this instance runs the outbox delivery worker (src/deliver); `off`: it only writes the outbox. */
  DELIVERY: z.enum(['on', 'off']).default('on'),
  /** `on`: this instance runs the scheduled jobs (src/jobs; a lease keeps each job to one instance at a time). */
  JOBS: z.enum(['on', 'off']).default('on'),
  /** Delivery destinations per organisation (src/deliver/config.ts); a missing file means pull only. */
  DESTINATIONS_FILE: z.string().min(1).default('config/destinations.json'),
  /** Static web pages served at `/` when the folder exists (the inbox page). */
  WEB_DIR: z.string().min(1).default('src/web/public'),
});

export type Config = z.infer<typeof configSchema>;

/** A configuration error: names every offending variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses raw variables (strings) into a Config, or throws ConfigError naming each bad variable. */
export function parseConfig(raw: Readonly<Record<string, string | undefined>>): Config {
  const known = Object.fromEntries(Object.keys(configSchema.shape).map((k) => [k, raw[k] === '' ? undefined : raw[k]]));
  const result = configSchema.safeParse(known);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`);
    throw new ConfigError(`invalid configuration\n  ${lines.join('\n  ')}`);
  }
  return result.data;
}

/** A config for tests and embedding: defaults plus overrides, checked by the same schema. */
export function configWith(overrides: Readonly<Record<string, string | undefined>>): Config {
  return parseConfig(overrides);
}
