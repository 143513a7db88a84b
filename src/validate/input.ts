/**
 * Reading FHIR JSON files for the CLI (issue 3: "bad input → a clear issue, never a stack trace"): size limit,
 * byte-order mark, JSON syntax (with line and column in `diagnostics`), not a FHIR resource. Directories are
 * walked for `*.json`. I/O failures (missing file, unreadable) are reported separately: they are usage errors.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import { issue } from '../fhir/outcomes.ts';

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

export type ReadResult =
  | { readonly kind: 'resource'; readonly resource: Resource; readonly issues: readonly OperationOutcomeIssue[] }
  | { readonly kind: 'bad-input'; readonly issues: readonly OperationOutcomeIssue[] }
  | { readonly kind: 'io-error'; readonly message: string };

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

function jsonErrorOffset(e: unknown): number | undefined {
  const m = e instanceof SyntaxError ? /position (\d+)/.exec(e.message) : null;
  return m ? Number(m[1]) : undefined;
}

/** Parses text as one FHIR JSON resource, turning every problem into an issue. */
export function parseResourceText(raw: string): ReadResult {
  const issues: OperationOutcomeIssue[] = [];
  let text = raw;
  if (text.charCodeAt(0) === 0xfeff) {
    issues.push(
      issue('structure', {
        id: 'INPUT-BOM',
        text: {
          sv: 'Filen börjar med en byte order mark (BOM); JSON får inte ha det (RFC 8259 §8.1)',
          en: 'The file starts with a byte order mark (BOM); JSON must not have one (RFC 8259 §8.1)',
        },
      }),
    );
    text = text.slice(1);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const offset = jsonErrorOffset(e);
    return {
      kind: 'bad-input',
      issues: [
        ...issues,
        issue('structure', {
          id: 'INPUT-NOT-JSON',
          text: { sv: 'Filen är inte giltig JSON', en: 'The file is not valid JSON' },
          ...(offset !== undefined ? { diagnostics: lineColumn(text, offset) } : {}),
        }),
      ],
    };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || typeof (parsed as { resourceType?: unknown }).resourceType !== 'string') {
    return {
      kind: 'bad-input',
      issues: [
        ...issues,
        issue('structure', {
          id: 'INPUT-NOT-FHIR',
          text: {
            sv: 'Filen är inte en FHIR-resurs (ett JSON-objekt med resourceType)',
            en: 'The file is not a FHIR resource (a JSON object with resourceType)',
          },
        }),
      ],
    };
  }
  return { kind: 'resource', resource: parsed as Resource, issues };
}

export async function readResourceFile(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<ReadResult> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    return { kind: 'io-error', message: `${path}: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (size > maxBytes) {
    return {
      kind: 'bad-input',
      issues: [
        issue('too-costly', {
          id: 'INPUT-TOO-LARGE',
          text: {
            sv: `Filen är för stor (${size} byte, högst ${maxBytes})`,
            en: `The file is too large (${size} bytes, at most ${maxBytes})`,
          },
        }),
      ],
    };
  }
  try {
    return parseResourceText(await readFile(path, 'utf8'));
  } catch (e) {
    return { kind: 'io-error', message: `${path}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** Expands directories to their `*.json` files (recursively, sorted); files are kept as given. */
export async function expandPaths(paths: readonly string[]): Promise<{ files: string[]; errors: string[] }> {
  const files: string[] = [];
  const errors: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        await walk(p);
      } else if (e.isFile() && e.name.endsWith('.json') && !e.name.startsWith('.')) {
        files.push(p);
      }
    }
  };
  for (const p of paths) {
    try {
      if ((await stat(p)).isDirectory()) {
        await walk(p);
      } else {
        files.push(p);
      }
    } catch (e) {
      errors.push(`${p}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { files, errors };
}

/** Conformance resources from files or directories (`--load`); Bundles contribute their entries. */
export async function loadConformance(paths: readonly string[]): Promise<{ resources: Resource[]; errors: string[] }> {
  const { files, errors } = await expandPaths(paths);
  const resources: Resource[] = [];
  for (const f of files) {
    const r = await readResourceFile(f);
    if (r.kind === 'io-error') {
      errors.push(r.message);
    } else if (r.kind === 'bad-input') {
      errors.push(`${f}: ${r.issues.map((i) => i.details?.text ?? '').join('; ')}`);
    } else if (r.resource.resourceType === 'Bundle') {
      resources.push(...(r.resource.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : [])));
    } else {
      resources.push(r.resource);
    }
  }
  return { resources, errors };
}
