/**
 * The only file that reads process.env (STYLE.md point 6). It has no side effects at import: the caller decides
 * when configuration is read (once, at start-up).
 */
import type { Config } from './schema.ts';
import { parseConfig } from './schema.ts';

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  return parseConfig(env);
}
