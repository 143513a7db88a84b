/**
 * Each benchmark owns one section of docs/benchmarks.md between `<!-- marker -->` and `<!-- /marker -->`; a run
 * replaces its section (or appends it under `heading` the first time). BENCH_WRITE=0 prints only.
 */
import { readFile, writeFile } from 'node:fs/promises';

const FILE = new URL('../docs/benchmarks.md', import.meta.url);

export async function writeSection(marker: string, heading: string, body: string): Promise<void> {
  if (process.env.BENCH_WRITE === '0') {
    return;
  }
  const start = `<!-- ${marker} -->`;
  const end = `<!-- /${marker} -->`;
  const block = `${start}\n${body}\n${end}`;
  let doc: string;
  try {
    doc = await readFile(FILE, 'utf8');
  } catch {
    doc = '# Benchmarks\n';
  }
  // A replacer function: `$` in the body is literal text, not a replacement pattern.
  const next = doc.includes(start) ? doc.replace(new RegExp(`${start}[\\s\\S]*?${end}`), () => block) : `${doc.trimEnd()}\n\n## ${heading}\n\n${block}\n`;
  await writeFile(FILE, next);
}
