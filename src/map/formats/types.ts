/** A journal format: how to parse its messages and how to write them. One file per format in this folder. */
import type { ParseLimits, ParseResult } from '../../parse/limits.ts';
import type { TargetDoc } from '../source.ts';

export interface FormatHandler {
  /** Format name as used by the mapping files and the CLI (`riv`, `hl7`, `csv`, `flat-json`). */
  readonly name: string;
  /** Builds a parser (compiling its schema once); the parser never throws on bad input. */
  createParser(limits: ParseLimits): (input: string | Buffer) => ParseResult;
  /** A fresh, empty message to write into. */
  createTarget(): TargetDoc;
}
