/** What the mapping engine needs from a parsed journal message, whatever its syntax. */
import type { Scalar } from './transforms/registry.ts';

export interface SourceHit {
  readonly value: Scalar;
  /** Source position in the format's own terms: XML element path, HL7 `SEG[rep]-field.component`, CSV row/column. */
  readonly position: string;
  /** For a path with `[*]`: which repetition (0-based). */
  readonly index?: number;
}

export interface SourceDoc {
  /** Values at a path in the format's path syntax; `[*]` enumerates repetitions. Empty values are not returned. */
  read(path: string): readonly SourceHit[];
  /** Human-readable position of a path that has no value (for "missing" errors). */
  where(path: string): string;
}

export interface TargetDoc {
  /** Writes a value at a path in the format's path syntax; `index` fills a `[*]`. */
  write(path: string, value: Scalar, index?: number): void;
  /** Serialises the message. */
  serialise(): string;
}
