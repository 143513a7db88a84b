/**
 * THE SEAM the lead fills: which workflow, validator and directory the server runs with. Until src/workflow and
 * src/validate are merged these are the interim implementations beside this file; afterwards:
 *
 *   import * as workflow from '../workflow/index.ts';        // workflow: workflow, loadDirectory: workflow.loadDirectory
 *   import { createValidator } from '../validate/index.ts';  // validator: await createValidator(config.IG_DIR, …)
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Config } from '../config/schema.ts';
import type { Validator, WorkflowApi } from '../http/deps.ts';
import type { Directory, DirectoryOrganization } from '../workflow/types.ts';
import { createInterimValidator } from './interim-validator.ts';
import * as interimWorkflow from './interim-workflow.ts';

export interface Composition {
  readonly workflow: WorkflowApi;
  readonly validator: Validator;
  readonly loadDirectory: (path: string) => Promise<Directory>;
}

const directorySchema = z.object({
  organizations: z.array(
    z.object({
      hsaId: z.string().min(1),
      name: z.string().min(1),
      kind: z.enum(['vardcentral', 'psykoterapimottagning']),
      treatmentForms: z.array(z.string()).optional(),
      postalCode: z.string().optional(),
      municipality: z.string().optional(),
      phone: z.string().optional(),
    }),
  ),
});

export function directoryOf(organizations: readonly DirectoryOrganization[]): Directory {
  const map = new Map(organizations.map((o) => [o.hsaId, o]));
  return { organizations, byHsaId: (id) => map.get(id) };
}

/** Interim loader: a missing file is an empty directory; a malformed one is an error naming the file. */
async function interimLoadDirectory(path: string): Promise<Directory> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return directoryOf([]);
  }
  const parsed = directorySchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return directoryOf(parsed.data.organizations);
}

/** The composition for `config`; parts given in `overrides` (tests) are used as they are and not built. */
export function compose(_config: Config, overrides: Partial<Composition> = {}): Composition {
  return {
    workflow: overrides.workflow ?? interimWorkflow,
    validator: overrides.validator ?? createInterimValidator(),
    loadDirectory: overrides.loadDirectory ?? interimLoadDirectory,
  };
}
