import { createFlatJsonParser, flatJsonTarget } from '../../parse/flat-json/parse.ts';
import type { FormatHandler } from './types.ts';

export const flatJsonFormat: FormatHandler = {
  name: 'flat-json',
  createParser: (limits) => createFlatJsonParser(limits),
  createTarget: () => flatJsonTarget(),
};
