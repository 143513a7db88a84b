/**
 * Public API of the implementation guide module: load the compiled package, the example manifest, and the
 * canonical URLs every layer uses (docs/ig-design.md, docs/profiles.md).
 */
export { igPackageDir, igProfilesDir, loadExampleManifest, loadIgPackage } from './package.ts';
export type { IgExampleEntry, IgManifest, IgPackage } from './package.ts';
export {
  CONCEPT_MAP,
  EXTENSION,
  IG_CANONICAL,
  PROFILE,
  SYSTEM,
  TEMPLATE_QUESTIONNAIRE,
  codeSystemUrl,
  conceptMapUrl,
  profileUrl,
  valueSetUrl,
} from './canonical.ts';
