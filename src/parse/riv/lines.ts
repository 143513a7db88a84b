/**
 * Structured lines inside a RIV-TA free-text element: `Etikett: värde`, one per line, values escaped so they stay on
 * one line (`\n`, `\\`). RIV-TA has no slot for the referrer's direct phone or for most template answers
 * (standards.md §3), so they travel as lines in `additionalInformation/administrativeInformation`
 * (docs/mappings.md). Labels may carry a running number: `Tidigare behandling 2 typ`.
 */
import { escapeLine, unescapeLine } from '../../map/transforms/registry.ts';

export interface Line {
  readonly label: string;
  /** `label` lower-cased once, for the case-insensitive label matching. */
  readonly lower: string;
  readonly value: string;
  /** 1-based line number inside the element's text. */
  readonly number: number;
}

export function parseLines(text: string): Line[] {
  const out: Line[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const m = /^\s*([^:]+?)\s*:\s?(.*)$/.exec(raw);
    if (m && (m[2] ?? '').trim() !== '') {
      out.push({ label: m[1] ?? '', lower: (m[1] ?? '').toLowerCase(), value: unescapeLine((m[2] ?? '').trimEnd()), number: i + 1 });
    }
  });
  return out;
}

export function formatLine(label: string, value: string): string {
  return `${label}: ${escapeLine(value)}`;
}

/** A label pattern prepared once: lower-cased, split at its `[*]`. */
export interface LabelPattern {
  /** The whole pattern lower-cased when it has no `[*]`. */
  readonly exact: string | undefined;
  readonly before: string;
  readonly after: string;
}

export function compileLabel(pattern: string): LabelPattern {
  if (!pattern.includes('[*]')) {
    return { exact: pattern.toLowerCase(), before: '', after: '' };
  }
  const [before = '', after = ''] = pattern.split('[*]');
  return { exact: undefined, before: before.toLowerCase(), after: after.toLowerCase() };
}

const DIGITS = /^\d+$/;

/**
 * Does a line's label match a pattern (case-insensitive; `[*]` matches a running number)? Undefined when not,
 * else the 0-based running number (-1 for a pattern without one).
 */
export function matchLine(p: LabelPattern, line: Line): number | undefined {
  if (p.exact !== undefined) {
    return p.exact === line.lower ? -1 : undefined;
  }
  const low = line.lower;
  if (low.length < p.before.length + p.after.length || !low.startsWith(p.before) || !low.endsWith(p.after)) {
    return undefined;
  }
  const middle = line.label.slice(p.before.length, line.label.length - p.after.length);
  return DIGITS.test(middle) ? Number(middle) - 1 : undefined;
}
