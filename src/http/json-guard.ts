/**
 * Hostile JSON: after JSON.parse (which has no depth limit of its own), one iterative walk rejects nesting deeper
 * than the limit, arrays longer than the limit and the keys that enable prototype pollution further down
 * (`__proto__`, `constructor`, `prototype`: none is a FHIR element name). Iterative, so a 5 MB `[[[[…` cannot
 * overflow the stack.
 */
import { badRequestOutcome, outcomeError } from '../fhir/outcomes.ts';

export interface JsonLimits {
  readonly maxDepth: number;
  readonly maxArray: number;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function checkJson(value: unknown, limits: JsonLimits): void {
  const stack: { v: unknown; depth: number; path: string }[] = [{ v: value, depth: 0, path: '' }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { v, depth, path } = item;
    if (typeof v !== 'object' || v === null) {
      continue;
    }
    if (depth >= limits.maxDepth) {
      throw reject('HTTP-JSON-DEPTH', `JSON är nästlad djupare än ${limits.maxDepth} nivåer`, `JSON nested deeper than ${limits.maxDepth} levels`, path);
    }
    if (Array.isArray(v)) {
      if (v.length > limits.maxArray) {
        throw reject('HTTP-JSON-ARRAY', `JSON-lista med fler än ${limits.maxArray} element`, `JSON array longer than ${limits.maxArray} elements`, path);
      }
      v.forEach((x: unknown, i) => stack.push({ v: x, depth: depth + 1, path: `${path}[${i}]` }));
      continue;
    }
    for (const key of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(key)) {
        throw reject('HTTP-JSON-KEY', `Otillåten nyckel i JSON: ${key}`, `Forbidden key in JSON: ${key}`, path);
      }
      stack.push({ v: Reflect.get(v, key), depth: depth + 1, path: path ? `${path}.${key}` : key });
    }
  }
}

/** JSON.parse with the guard; malformed JSON → 400 outcome (position only, never the text). */
export function parseJson(text: string, limits: JsonLimits): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const position = err instanceof SyntaxError ? /position (\d+)/.exec(err.message)?.[1] : undefined;
    throw outcomeError(
      badRequestOutcome({
        id: 'HTTP-JSON-MALFORMED',
        text: { sv: 'Ogiltig JSON', en: 'Malformed JSON' },
        ...(position ? { diagnostics: `position ${position}` } : {}),
      }),
    );
  }
  checkJson(value, limits);
  return value;
}

function reject(id: string, sv: string, en: string, path: string): Error {
  return outcomeError(badRequestOutcome({ id, text: { sv, en }, ...(path ? { diagnostics: path.slice(0, 200) } : {}) }));
}
