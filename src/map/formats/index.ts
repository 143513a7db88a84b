/** The journal formats; adding one means adding a file here, a parser under src/parse/ and two mapping files. */
import { csvFormat } from './csv.ts';
import { flatJsonFormat } from './flat-json.ts';
import { hl7Format } from './hl7.ts';
import { rivFormat } from './riv.ts';
import type { FormatHandler } from './types.ts';

export const FORMATS: readonly FormatHandler[] = [flatJsonFormat, csvFormat, rivFormat, hl7Format];

export type { FormatHandler } from './types.ts';
