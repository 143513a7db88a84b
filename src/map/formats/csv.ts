import { createCsvParser, csvTarget } from '../../parse/csv/parse.ts';
import type { FormatHandler } from './types.ts';

export const csvFormat: FormatHandler = {
  name: 'csv',
  createParser: (limits) => createCsvParser(limits),
  createTarget: () => csvTarget(),
};
