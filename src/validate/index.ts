/**
 * The validator's public API (issue 3): load definitions once, create a validator once, validate many times.
 *
 * ```ts
 * const defs = await loadDefinitions({ igDir: 'profiles/package' });
 * const validator = createValidator(defs, { contentChecks });
 * const outcome = validator.validate(bundle, { lang: 'en' });
 * isValid(outcome);
 * ```
 */
export { buildDefinitions, loadDefinitions } from './definitions.ts';
export type { LoadedDefinitions, LoadOptions } from './definitions.ts';
export { createValidator, isValid } from './validator.ts';
export { normaliseSystem, SYSTEM_ALIASES } from './terminology.ts';
export type { ContentCheck, Definitions, ValidateOptions, Validator, ValidatorOptions } from './types.ts';
