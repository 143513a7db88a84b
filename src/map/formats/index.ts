/** The journal formats; adding one means adding a file here, a parser under src/parse/ and two mapping files. */
import { csvFormat } from './csv.ts';
import { flatJsonFormat } from './flat-json.ts';
import { rivFormat } from './riv.ts';
import type { FormatHandler } from './types.ts';

export const FORMATS: readonly FormatHandler[] = [flatJsonFormat, csvFormat, rivFormat];

export type { FormatHandler } from './types.ts';
