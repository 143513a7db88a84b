/**
 * The directory of organisations (config/directory.json): a demo stand-in for the regional catalogue
 * Skånekatalogen (domain.md §1). Parsed with zod at the edge; the type of a parsed entry is the contract's
 * DirectoryOrganization.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Directory, DirectoryOrganization } from './types.ts';

const organizationSchema = z
  .object({
    hsaId: z.string().regex(/^SE\d{10}-[A-Za-z0-9]+$/, 'HSA-id like SE2321000016-F835'),
    name: z.string().min(1),
    kind: z.enum(['vardcentral', 'psykoterapimottagning']),
    treatmentForms: z.array(z.enum(['kbt', 'kbt-trauma', 'ipt', 'pdt'])).optional(),
    postalCode: z
      .string()
      .regex(/^\d{3} ?\d{2}$/, 'Swedish postal code, 5 digits')
      .optional(),
    municipality: z.string().min(1).optional(),
    phone: z.string().min(1).optional(),
  })
  .strict();

const directorySchema = z.object({
  description: z.string().optional(),
  organizations: z.array(organizationSchema),
});

/** An in-memory directory; HSA-ids must be unique. */
export function createDirectory(organizations: readonly DirectoryOrganization[]): Directory {
  const byId = new Map<string, DirectoryOrganization>();
  for (const org of organizations) {
    if (byId.has(org.hsaId)) {
      throw new Error(`directory: HSA-id ${org.hsaId} appears twice`);
    }
    byId.set(org.hsaId, org);
  }
  return { organizations: [...organizations], byHsaId: (hsaId) => byId.get(hsaId) };
}

/** Parses directory JSON (already read); throws an Error naming the path of every problem. */
export function parseDirectory(json: unknown, source = 'directory'): Directory {
  const parsed = directorySchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`${source}: invalid directory: ${problems}`);
  }
  return createDirectory(parsed.data.organizations);
}

/** Reads and validates config/directory.json (or another file of the same shape). */
export async function loadDirectory(path: string): Promise<Directory> {
  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${path}: not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  return parseDirectory(json, path);
}
