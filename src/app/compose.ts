/**
 * The composition the server runs with: the real workflow (src/workflow), the validator prepared once from the IG
 * package with the regional content checks (src/validate), and the directory loader. Tests replace parts through
 * `overrides`; a part given there is used as it is and not built.
 */
import type { Config } from '../config/schema.ts';
import type { Validator, WorkflowApi } from '../http/deps.ts';
import { createValidator, loadDefinitions } from '../validate/index.ts';
import { createContentCheck } from '../validate/content/index.ts';
import * as workflow from '../workflow/index.ts';
import type { Directory, DirectoryOrganization } from '../workflow/types.ts';

export interface Composition {
  readonly workflow: WorkflowApi;
  readonly validator: Validator;
  readonly loadDirectory: (path: string) => Promise<Directory>;
}

export function directoryOf(organizations: readonly DirectoryOrganization[]): Directory {
  const map = new Map(organizations.map((o) => [o.hsaId, o]));
  return { organizations, byHsaId: (id) => map.get(id) };
}

/** Loads definitions and compiles the profiles once, at start-up (never per request). */
export async function buildValidator(config: Pick<Config, 'IG_DIR' | 'RULESET'>): Promise<Validator> {
  const defs = await loadDefinitions({ igDir: config.IG_DIR });
  const contentChecks = createContentCheck(config.RULESET ? { defaultRuleset: config.RULESET } : {});
  return createValidator(defs, { contentChecks, ...(config.RULESET ? { ruleset: config.RULESET } : {}) });
}

/** The composition for `config`; parts given in `overrides` (tests) are used as they are and not built. */
export async function compose(config: Config, overrides: Partial<Composition> = {}): Promise<Composition> {
  return {
    workflow: overrides.workflow ?? workflow,
    validator: overrides.validator ?? (await buildValidator(config)),
    loadDirectory: overrides.loadDirectory ?? workflow.loadDirectory,
  };
}
