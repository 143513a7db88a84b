/** Test helpers: a loaded validator over base R4 + the fixture IG, and compact views of an outcome. */
import type { OperationOutcome } from '@medplum/fhirtypes';
import { loadDefinitions } from './definitions.ts';
import type { LoadedDefinitions } from './definitions.ts';
import { testIg } from './fixtures.ts';
import { createValidator } from './validator.ts';
import type { Validator } from './types.ts';

export async function testValidator(): Promise<{ defs: LoadedDefinitions; validator: Validator }> {
  const defs = await loadDefinitions({ extra: testIg() });
  return { defs, validator: createValidator(defs) };
}

/** `[ruleId, expression]` of every issue that is not the "no issues" marker. */
export function found(o: OperationOutcome): [string, string][] {
  return o.issue
    .filter((i) => i.details?.coding?.[0]?.code !== 'OK')
    .map((i) => [i.details?.coding?.[0]?.code ?? '', i.expression?.[0] ?? '']);
}

export function ruleIds(o: OperationOutcome): string[] {
  return found(o).map(([id]) => id);
}
