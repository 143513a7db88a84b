/**
 * Structured lines inside a RIV-TA free-text element: `Etikett: värde`, one per line, values escaped so they stay on
 * one line (`\n`, `\\`). RIV-TA has no slot for the referrer's direct phone or for most template answers
 * (standards.md §3), so they travel as lines in `additionalInformation/administrativeInformation`
 * (docs/mappings.md). Labels may carry a running number: `Tidigare behandling 2 typ`.
 */
import { escapeLine, unescapeLine } from '../../map/transforms/registry.ts';

export interface Line {
  readonly label: string;
  readonly value: string;
  /** 1-based line number inside the element's text. */
  readonly number: number;
}

export function parseLines(text: string): Line[] {
  const out: Line[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const m = /^\s*([^:]+?)\s*:\s?(.*)$/.exec(raw);
    if (m && (m[2] ?? '').trim() !== '') {
      out.push({ label: m[1] ?? '', value: unescapeLine((m[2] ?? '').trimEnd()), number: i + 1 });
    }
  });
  return out;
}

export function formatLine(label: string, value: string): string {
  return `${label}: ${escapeLine(value)}`;
}

/** A label pattern with `[*]` matching a running number; returns the 0-based index. */
export function matchLabel(pattern: string, label: string): { matched: boolean; index?: number } {
  if (!pattern.includes('[*]')) {
    return { matched: pattern.toLowerCase() === label.toLowerCase() };
  }
  const [before = '', after = ''] = pattern.split('[*]');
  const low = label.toLowerCase();
  if (!low.startsWith(before.toLowerCase()) || !low.endsWith(after.toLowerCase())) {
    return { matched: false };
  }
  const middle = label.slice(before.length, label.length - after.length);
  return /^\d+$/.test(middle) ? { matched: true, index: Number(middle) - 1 } : { matched: false };
}
