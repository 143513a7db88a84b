/** The journal formats; adding one means adding a file here, a parser under src/parse/ and two mapping files. */
import { flatJsonFormat } from './flat-json.ts';
import type { FormatHandler } from './types.ts';

export const FORMATS: readonly FormatHandler[] = [flatJsonFormat];

export type { FormatHandler } from './types.ts';
