/** The readable report; colour only when the caller says the stream is a terminal. */
import type { FileResult } from './types.ts';
import { issueLine } from './types.ts';

const ANSI = { red: '\u001b[31m', yellow: '\u001b[33m', green: '\u001b[32m', dim: '\u001b[2m', reset: '\u001b[0m' };

export function formatText(results: readonly FileResult[], opts: { color: boolean; lang: 'sv' | 'en' }): string {
  const paint = (c: keyof typeof ANSI, s: string): string => (opts.color ? `${ANSI[c]}${s}${ANSI.reset}` : s);
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.valid ? paint('green', '✔') : paint('red', '✖')} ${r.file}`);
    for (const i of r.outcome.issue) {
      if (i.severity === 'information') {
        continue;
      }
      const line = `    ${issueLine(i)}`;
      lines.push(paint(i.severity === 'warning' ? 'yellow' : 'red', line));
    }
  }
  const invalid = results.filter((r) => !r.valid).length;
  const summary =
    opts.lang === 'sv'
      ? `${results.length} filer, ${results.length - invalid} giltiga, ${invalid} ogiltiga`
      : `${results.length} files, ${results.length - invalid} valid, ${invalid} invalid`;
  lines.push(paint('dim', summary));
  return `${lines.join('\n')}\n`;
}
