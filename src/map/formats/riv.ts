import { createRivParser } from '../../parse/riv/parse.ts';
import { rivTarget } from '../../parse/riv/write.ts';
import type { FormatHandler } from './types.ts';

export const rivFormat: FormatHandler = {
  name: 'riv',
  createParser: (limits) => createRivParser(limits),
  createTarget: () => rivTarget(),
};
