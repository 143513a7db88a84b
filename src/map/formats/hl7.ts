import { createHl7Parser } from '../../parse/hl7/parse.ts';
import { hl7Target } from '../../parse/hl7/write.ts';
import type { FormatHandler } from './types.ts';

export const hl7Format: FormatHandler = {
  name: 'hl7',
  createParser: (limits) => createHl7Parser(limits),
  createTarget: () => hl7Target(),
};
