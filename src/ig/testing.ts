/**
 * Test helper (not production code: it uses the TypeScript compiler, a dev dependency). Finds the issue ids
 * (CodeSystem rb-issue, `OperationOutcome.issue.details.coding`) that the source emits, so issue-codes.test.ts can
 * check that each one is defined in the IG.
 *
 * Extraction over TypeScript (parsed with the compiler, so comments and non-literal code never match):
 * - any string literal whose whole text has the id shape `FAMILY-PART(-PART)*` with a known FAMILY
 *   (ISSUE_FAMILIES): catches ids passed to any helper (`fail('MAP-…', …)`, `make(…, 'FHIR-…', …)`), in
 *   `id:` properties, ternaries and constants alike;
 * - an upper-case literal with a hyphen as the value of an `id` property (a NEW family is found there), or a
 *   one-word one (`OK`) as the `id` passed to `issue()` or an `…Outcome()` helper;
 * - an upper-case literal as `code` of an object whose `system` is the rb-issue URL or RB_ISSUE_SYSTEM (single
 *   word ids such as `OK`);
 * - a template literal whose static head has the id shape and ends in `-` (`FHIR-INVARIANT-${key}`): reported as
 *   a dynamic family `FHIR-INVARIANT-*`, not as an id.
 * Rule sets (JSON): every string `id` property with the id shape, anywhere (rules and `supersedes`).
 *
 * Limits: an id assembled from pieces (`'WF-' + x`), read from a variable of another file, or taken from data other
 * than the rule sets is not seen; a literal of a known family that is not an issue id would be reported as one.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** Id families (the part before the first `-`) in use; a new family must be added here and to rb-issue. */
export const ISSUE_FAMILIES: readonly string[] = [
  'AUTH',
  'BUNDLE',
  'CONTENT',
  'DELIVER',
  'FHIR',
  'HTTP',
  'INPUT',
  'MAP',
  'PROFILE',
  'QR',
  'REGION',
  'REM',
  'RULE',
  'RULESET',
  'STORE',
  'WF',
];

const ID_SHAPE = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$/;
const WORD_SHAPE = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$/;
const PREFIX_SHAPE = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-$/;
const RB_ISSUE_URL = 'https://remissbrygga.se/fhir/CodeSystem/rb-issue';

/** Where an id was found: `src/…:line`. */
export interface Found {
  readonly id: string;
  readonly at: string;
}

export interface ScanResult {
  /** Fixed ids. */
  readonly ids: readonly Found[];
  /** Dynamic families, as their static prefix (`FHIR-INVARIANT-`). */
  readonly families: readonly Found[];
}

function family(id: string): string {
  return id.split('-')[0] ?? id;
}

function isKnownFamilyId(text: string): boolean {
  return ID_SHAPE.test(text) && ISSUE_FAMILIES.includes(family(text));
}

function propertyName(node: ts.PropertyAssignment): string | undefined {
  return ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) ? node.name.text : undefined;
}

/** The property assignment a literal is the value of, looking through `a ? 'X' : 'Y'` and parentheses. */
function owningProperty(node: ts.Node): ts.PropertyAssignment | undefined {
  let child: ts.Node = node;
  let parent = node.parent;
  while (ts.isConditionalExpression(parent) || ts.isParenthesizedExpression(parent)) {
    if (ts.isConditionalExpression(parent) && parent.condition === child) {
      return undefined;
    }
    child = parent;
    parent = parent.parent;
  }
  return ts.isPropertyAssignment(parent) && parent.initializer === child ? parent : undefined;
}

function hasRbIssueSystem(object: ts.Node): boolean {
  if (!ts.isObjectLiteralExpression(object)) {
    return false;
  }
  return object.properties.some((p) => {
    if (ts.isShorthandPropertyAssignment(p)) {
      return false;
    }
    if (!ts.isPropertyAssignment(p) || propertyName(p) !== 'system') {
      return false;
    }
    const v = p.initializer;
    return (ts.isStringLiteral(v) && v.text === RB_ISSUE_URL) || (ts.isIdentifier(v) && v.text === 'RB_ISSUE_SYSTEM');
  });
}

function isOutcomeHelperArgument(object: ts.Node): boolean {
  const call = object.parent;
  if (!ts.isObjectLiteralExpression(object) || !ts.isCallExpression(call) || !ts.isIdentifier(call.expression)) {
    return false;
  }
  const callee = call.expression.text;
  return callee === 'issue' || callee.endsWith('Outcome');
}

function literalIsId(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral): boolean {
  const text = node.text;
  if (isKnownFamilyId(text)) {
    return true;
  }
  const prop = owningProperty(node);
  const name = prop ? propertyName(prop) : undefined;
  if (name === 'id') {
    // A one-word id (`OK`) counts where it is the id of an issue built by the outcome helpers: issue(), …Outcome().
    return ID_SHAPE.test(text) || (prop !== undefined && WORD_SHAPE.test(text) && isOutcomeHelperArgument(prop.parent));
  }
  return name === 'code' && prop !== undefined && WORD_SHAPE.test(text) && hasRbIssueSystem(prop.parent);
}

/** Ids and dynamic families in one TypeScript source text; `file` only labels the findings. */
export function scanTypeScript(text: string, file: string): ScanResult {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const ids: Found[] = [];
  const families: Found[] = [];
  const at = (node: ts.Node): string => `${file}:${String(source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1)}`;
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && literalIsId(node)) {
      ids.push({ id: node.text, at: at(node) });
    } else if (ts.isTemplateExpression(node)) {
      const head = node.head.text;
      const prop = owningProperty(node);
      const inIdProperty = prop !== undefined && propertyName(prop) === 'id';
      if (PREFIX_SHAPE.test(head) && (ISSUE_FAMILIES.includes(family(head)) || inIdProperty)) {
        families.push({ id: head, at: at(node) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { ids, families };
}

/** Ids in a rule set (src/validate/rules/*.json): every string `id` with the id shape. */
export function scanRuleSetJson(text: string, file: string): Found[] {
  const found: Found[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, v] of Object.entries(value)) {
        if (key === 'id' && typeof v === 'string' && ID_SHAPE.test(v)) {
          found.push({ id: v, at: file });
        }
        walk(v);
      }
    }
  };
  walk(JSON.parse(text));
  return found;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** Source files that emit ids: non-test `.ts` under `srcDir` (not `*.test.ts`, not the `testing.ts` helpers). */
export function emittingSources(srcDir: string): string[] {
  return listFiles(srcDir)
    .filter((p) => p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith('.d.ts') && !/(^|[\\/])testing\.ts$/.test(p))
    .sort();
}

/** Scans `srcDir` (TypeScript) and `srcDir/validate/rules/*.json`; locations are relative to `rootDir`. */
export function scanSources(srcDir: string, rootDir: string): ScanResult {
  const ids: Found[] = [];
  const families: Found[] = [];
  for (const path of emittingSources(srcDir)) {
    const r = scanTypeScript(readFileSync(path, 'utf8'), relative(rootDir, path));
    ids.push(...r.ids);
    families.push(...r.families);
  }
  const rulesDir = join(srcDir, 'validate', 'rules');
  for (const name of readdirSync(rulesDir).filter((n) => n.endsWith('.json') && !n.endsWith('.schema.json')).sort()) {
    const path = join(rulesDir, name);
    ids.push(...scanRuleSetJson(readFileSync(path, 'utf8'), relative(rootDir, path)));
  }
  return { ids, families };
}
