/**
 * Every issue id the code emits (OperationOutcome.issue.details.coding, system rb-issue) is defined in the IG's
 * CodeSystem rb-issue in the committed package (profiles/package), so integration teams can look it up.
 * A new id without a concept in profiles/input/fsh/issues.fsh (then `npm run ig:build`) fails here, naming the id
 * and where it is emitted.
 *
 * Extraction (./testing.ts): the TypeScript under src/ (not *.test.ts, not the testing.ts helpers) is parsed with
 * the compiler; an id is a string literal shaped `FAMILY-PART(-PART)*` with a known family, or an upper-case
 * literal given as `id:` or as `code:` next to the rb-issue system; template literals such as
 * `FHIR-INVARIANT-${key}` are dynamic families. Rule sets (src/validate/rules/*.json) contribute every `id`.
 * Limits: ids concatenated from pieces, taken from a variable defined elsewhere or from other data files are not
 * seen; a literal of a known family that is not an issue id would be reported (rename it or define it).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeSystem } from '@medplum/fhirtypes';
import { RB_ISSUE_SYSTEM } from '../fhir/outcomes.ts';
import type { Found } from './testing.ts';
import { ISSUE_FAMILIES, scanRuleSetJson, scanSources, scanTypeScript } from './testing.ts';
import { loadIgPackage } from './package.ts';

const srcDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const rootDir = join(srcDir, '..');

/** Dynamic families whose members are known: the prefix and every id it can produce (none today; ids are literals). */
const EXPANDED_FAMILIES: Readonly<Record<string, readonly string[]>> = {};

/** Dynamic families left open (one code per profile constraint key): documented in the CodeSystem description. */
const OPEN_FAMILIES: readonly string[] = ['FHIR-INVARIANT-'];

function rbIssue(): CodeSystem {
  const cs = loadIgPackage().resources.find((r): r is CodeSystem => r.resourceType === 'CodeSystem' && r.url === RB_ISSUE_SYSTEM);
  if (!cs) {
    throw new Error(`CodeSystem ${RB_ISSUE_SYSTEM} is not in profiles/package`);
  }
  return cs;
}

function listing(found: readonly Found[]): string[] {
  const byId = new Map<string, string[]>();
  for (const f of found) {
    byId.set(f.id, [...(byId.get(f.id) ?? []), f.at]);
  }
  return [...byId].sort(([a], [b]) => a.localeCompare(b)).map(([id, at]) => `${id} (${at.join(', ')})`);
}

describe('issue id extraction', () => {
  test('finds ids passed to helpers, in id: properties, ternaries and rb-issue codings; skips comments and other literals', () => {
    const text = [
      "// fail('MAP-IN-COMMENT', 'x')",
      "/* 'WF-IN-BLOCK-COMMENT' */",
      "fail('MAP-PNR-FORMAT', 'sv', 'en');",
      "make('error', 'structure', 'FHIR-CARDINALITY', 'sv', 'en', at);",
      "issue('required', { id: byId ? 'RULESET-UNKNOWN' : 'RULESET-NONE', text });",
      "issue('required', { id: 'NEWFAM-SOMETHING', text });",
      "const coding = { system: RB_ISSUE_SYSTEM, code: 'OK' };",
      "return issue('informational', { id: 'DONE', severity: 'information', text });",
      "const notAnIssue = { id: 'PLAIN' };",
      "const other = { system: 'http://loinc.org', code: 'LK' };",
      "const words = ['UTF-8', 'ICD-10-SE', 'PHQ-9', 'SE2321000016-A1B2', 'rb-referral', 'HTTP-lower'];",
      'const dyn = `FHIR-INVARIANT-${key}`;',
      'const notId = `Villkoret ${key}`;',
    ].join('\n');
    const r = scanTypeScript(text, 'x.ts');
    expect(r.ids.map((f) => f.id).sort()).toEqual(['DONE', 'FHIR-CARDINALITY', 'MAP-PNR-FORMAT', 'NEWFAM-SOMETHING', 'OK', 'RULESET-NONE', 'RULESET-UNKNOWN']);
    expect(r.ids.find((f) => f.id === 'MAP-PNR-FORMAT')?.at).toBe('x.ts:3');
    expect(r.families.map((f) => f.id)).toEqual(['FHIR-INVARIANT-']);
  });

  test('a rule set contributes its rule ids and the ids it supersedes, not its own id', () => {
    const json = JSON.stringify({ id: 'skane-2025', rules: [{ id: 'REM-AGE-16', supersedes: [{ id: 'QR-REQUIRED', linkId: 'x' }] }] });
    expect(scanRuleSetJson(json, 'r.json').map((f) => f.id)).toEqual(['REM-AGE-16', 'QR-REQUIRED']);
  });
});

describe('CodeSystem rb-issue defines every emitted id', () => {
  const cs = rbIssue();
  const codes = new Set((cs.concept ?? []).map((c) => c.code));
  const scan = scanSources(srcDir, rootDir);

  test('the scan sees the emitting layers (sanity check of the extraction)', () => {
    const ids = new Set(scan.ids.map((f) => f.id));
    for (const id of ['REM-AGE-16', 'FHIR-CARDINALITY', 'QR-REQUIRED', 'HTTP-NOT-FOUND', 'STORE-VERSION-CONFLICT', 'WF-REMISS-ID-CONFLICT', 'MAP-PNR-CHECK-DIGIT', 'DELIVER-SUB-CHANNEL', 'OK']) {
      expect(ids).toContain(id);
    }
    expect(ids.size).toBeGreaterThan(150);
  });

  test('every fixed id the code emits is a concept', () => {
    expect(listing(scan.ids.filter((f) => !codes.has(f.id)))).toEqual([]);
  });

  test('every dynamic family is either expanded (each member a concept) or documented as open in the description', () => {
    const unknown = scan.families.filter((f) => !(f.id in EXPANDED_FAMILIES) && !OPEN_FAMILIES.includes(f.id));
    expect(listing(unknown)).toEqual([]);
    for (const members of Object.values(EXPANDED_FAMILIES)) {
      expect(members.filter((id) => !codes.has(id))).toEqual([]);
    }
    const open = OPEN_FAMILIES.filter((p) => scan.families.some((f) => f.id === p));
    for (const prefix of open) {
      expect(cs.description).toContain(`${prefix}<`);
    }
    // content = fragment only while open families remain; otherwise the CodeSystem is complete.
    expect(cs.content).toBe(open.length > 0 ? 'fragment' : 'complete');
  });

  test('every concept has a Swedish display, an "sv / en" definition and a known family', () => {
    const bad = (cs.concept ?? []).filter(
      (c) => !c.display || !c.definition?.includes(' / ') || !(c.code === 'OK' || ISSUE_FAMILIES.includes(c.code.split('-')[0] ?? '')),
    );
    expect(bad.map((c) => c.code)).toEqual([]);
    expect(codes.size).toBe((cs.concept ?? []).length);
  });
});
