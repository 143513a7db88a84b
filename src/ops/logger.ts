/**
 * pino JSON logs. Redaction is a safety net, not the plan: request logs carry the route template and status, not
 * the URL query (a search can hold a personnummer) nor bodies. Any object that does get logged has credentials,
 * identifiers, names, telecom and free text censored.
 */
import type { DestinationStream, Logger, LoggerOptions } from 'pino';
import { pino } from 'pino';

const SENSITIVE = ['identifier', 'name', 'telecom', 'text', 'address', 'birthDate', 'valueString', 'note', 'payload'];

export const REDACT_PATHS: readonly string[] = [
  'authorization',
  'cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'client_assertion',
  'client_secret',
  ...SENSITIVE.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]),
];

export function createLogger(level: LoggerOptions['level'], destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'remissbrygga' },
    redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
