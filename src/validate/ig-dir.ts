/**
 * Reads the conformance resources of a compiled FHIR package folder (`profiles/package/`): every `*.json` with a
 * `resourceType`, as listed in `.index.json` when present, else every JSON file in the folder.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Resource } from '@medplum/fhirtypes';

function isResourceLike(v: unknown): v is Resource {
  return typeof v === 'object' && v !== null && typeof (v as { resourceType?: unknown }).resourceType === 'string';
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    const index: unknown = JSON.parse(await readFile(join(dir, '.index.json'), 'utf8'));
    const files = (index as { files?: { filename?: unknown }[] }).files;
    if (Array.isArray(files)) {
      return files.flatMap((f) => (typeof f.filename === 'string' ? [f.filename] : []));
    }
  } catch {
    // no usable .index.json: fall back to the folder listing
  }
  const names = await readdir(dir).catch(() => []);
  return names.filter((n) => n.endsWith('.json') && n !== 'package.json' && !n.startsWith('.'));
}

export async function readIgDir(dir: string): Promise<Resource[]> {
  const out: Resource[] = [];
  for (const name of await listFiles(dir)) {
    const parsed: unknown = JSON.parse(await readFile(join(dir, name), 'utf8'));
    if (isResourceLike(parsed)) {
      out.push(parsed);
    }
  }
  return out;
}
