/**
 * A compiler from medplum's parsed FHIRPath AST to closures over plain JSON, for the subset invariants use
 * (navigation, where/all/exists/empty/not/count/first/select, string tests, boolean logic, =, !=, in, |, &, numeric
 * comparison). medplum's evaluator takes 5–20 µs per invariant because every step looks up typed schemas; these
 * closures take well under a microsecond. Semantics follow medplum's atoms (src/fhirpath/atoms.ts: and/or/implies
 * on boolean singletons, toJsBoolean for criteria, unanchored `matches`). Anything outside the subset is not
 * compiled (the caller evaluates with medplum); a case that can only be judged at run time (a date comparison,
 * a non-boolean operand) throws `Fallback`, and the caller then evaluates that one with medplum too.
 */
import {
  AndAtom,
  ArithmeticOperatorAtom,
  ConcatAtom,
  ContainsAtom,
  DotAtom,
  EmptySetAtom,
  EqualsAtom,
  FhirPathAtom,
  FunctionAtom,
  ImpliesAtom,
  InAtom,
  IndexerAtom,
  LiteralAtom,
  NotEqualsAtom,
  OrAtom,
  SymbolAtom,
  UnionAtom,
  XorAtom,
} from '@medplum/core';
import type { Atom } from '@medplum/core';
import { arrayEquals, bool, boolSingleton, compare, EMPTY, equals, Fallback, FALSE, isEmptyValue, isObj, navigate, single, singleString, TRUE, truthy } from './fastpath-values.ts';
import type { Coll, FastFn } from './fastpath-values.ts';

const ARITHMETIC: Record<string, ((x: number, y: number) => number) | undefined> = {
  '+': (x, y) => x + y,
  '-': (x, y) => x - y,
  '*': (x, y) => x * y,
  '/': (x, y) => x / y,
  div: (x, y) => Math.trunc(x / y),
  mod: (x, y) => x % y,
};

type FnCompiler = (args: FastFn[]) => FastFn | undefined;

const FUNCTIONS: Record<string, FnCompiler> = {
  exists: ([crit]) =>
    crit
      ? (input, env) => bool(input.some((e) => truthy(crit([e], env))))
      : (input) => bool(input.length > 0 && input.every((e) => !isEmptyValue(e))),
  empty: () => (input) => bool(input.length === 0),
  hasValue: () => (input) => bool(input.length !== 0),
  not: () => (input) => {
    const b = boolSingleton(input);
    return b === undefined ? EMPTY : bool(!b);
  },
  where: ([crit]) => (crit ? (input, env) => input.filter((e) => truthy(crit([e], env))) : undefined),
  all: ([crit]) => (crit ? (input, env) => bool(input.every((e) => truthy(crit([e], env)))) : undefined),
  select: ([proj]) => (proj ? (input, env) => input.flatMap((e) => proj([e], env)) : undefined),
  count: () => (input) => [input.length],
  first: () => (input) => input.slice(0, 1),
  last: () => (input) => input.slice(-1),
  trace: () => (input) => input,
  iif: ([crit, yes, no]) =>
    crit && yes
      ? (input, env) => {
          const c = crit(input, env);
          if (c.length > 1 || (c.length === 1 && typeof c[0] !== 'boolean')) {
            throw new Fallback();
          }
          return truthy(c) ? yes(input, env) : no ? no(input, env) : EMPTY;
        }
      : undefined,
  toInteger: () => (input) => {
    const v = single(input);
    if (typeof v === 'number') {
      return [v];
    }
    if (typeof v === 'string' && /^[+-]?\d+$/.test(v)) {
      return [Number.parseInt(v, 10)];
    }
    if (typeof v === 'boolean') {
      return [v ? 1 : 0];
    }
    return EMPTY;
  },
  isDistinct: () => (input) => bool(input.every((v, i) => input.findIndex((w) => equals(v, w)) === i)),
  allTrue: () => (input) => bool(input.every((v) => v === true)),
  allFalse: () => (input) => bool(input.every((v) => v === false)),
  anyTrue: () => (input) => bool(input.some((v) => v === true)),
  length: () => (input) => {
    const s = singleString(input);
    return s === undefined ? EMPTY : [s.length];
  },
  startsWith: ([arg]) =>
    arg
      ? (input, env) => {
          const s = singleString(input);
          const p = singleString(arg(input, env));
          return s === undefined || p === undefined ? EMPTY : bool(s.startsWith(p));
        }
      : undefined,
  endsWith: ([arg]) =>
    arg
      ? (input, env) => {
          const s = singleString(input);
          const p = singleString(arg(input, env));
          return s === undefined || p === undefined ? EMPTY : bool(s.endsWith(p));
        }
      : undefined,
  contains: ([arg]) =>
    arg
      ? (input, env) => {
          const s = singleString(input);
          const p = singleString(arg(input, env));
          return s === undefined || p === undefined ? EMPTY : bool(s.includes(p));
        }
      : undefined,
  matches: ([arg]) => {
    if (!arg) {
      return undefined;
    }
    const cache = new Map<string, RegExp>();
    return (input, env) => {
      const s = singleString(input);
      const re = singleString(arg(input, env));
      if (s === undefined || re === undefined) {
        return EMPTY;
      }
      let r = cache.get(re);
      if (!r) {
        r = new RegExp(re);
        cache.set(re, r);
      }
      return bool(r.test(s));
    };
  },
  substring: ([start, len]) =>
    start
      ? (input, env) => {
          const s = singleString(input);
          const a = single(start(input, env));
          const l = len ? single(len(input, env)) : undefined;
          if (s === undefined || typeof a !== 'number' || a < 0 || a >= s.length) {
            return EMPTY;
          }
          return [typeof l === 'number' && l ? s.substring(a, a + l) : s.substring(a)];
        }
      : undefined,
};

function compileFunction(atom: FunctionAtom): FastFn | undefined {
  if (atom.name === 'is' && atom.args.length === 1 && atom.args[0] instanceof SymbolAtom) {
    const name = atom.args[0].name;
    if (name.charCodeAt(0) < 65 || name.charCodeAt(0) > 90) {
      return undefined; // primitive type tests need medplum's typing
    }
    return (input) => {
      const v = single(input);
      return v === undefined ? EMPTY : bool(isObj(v) && v.resourceType === name);
    };
  }
  const firstArg = atom.args[0];
  if (atom.name === 'extension' && atom.args.length === 1 && firstArg) {
    const url = compileFast(firstArg);
    return url
      ? (input, env) => {
          const u = single(url([env.context], env));
          return navigate(input, 'extension').filter((e) => isObj(e) && e.url === u);
        }
      : undefined;
  }
  const make = FUNCTIONS[atom.name];
  if (!make) {
    return undefined;
  }
  const args: FastFn[] = [];
  for (const a of atom.args) {
    const f = compileFast(a);
    if (!f) {
      return undefined;
    }
    args.push(f);
  }
  return make(args);
}

function compileLiteral(atom: LiteralAtom): FastFn | undefined {
  const type = atom.value.type;
  const value: unknown = atom.value.value;
  if (type === 'string' || type === 'boolean' || type === 'integer' || type === 'decimal') {
    const c: Coll = [value];
    return () => c;
  }
  return undefined;
}

function compileSymbol(atom: SymbolAtom): FastFn | undefined {
  const name = atom.name;
  switch (name) {
    case '$this':
      return (input) => input;
    case '%context':
      return (_i, env) => [env.context];
    case '%resource':
      return (_i, env) => [env.resource];
    case '%rootResource':
      return (_i, env) => [env.root];
    default:
      return name.startsWith('%') || name.startsWith('$') ? undefined : (input) => navigate(input, name);
  }
}

/** Compiles an atom, or undefined when it uses anything outside the subset. */
export function compileFast(atom: Atom): FastFn | undefined {
  if (atom instanceof FhirPathAtom) {
    return compileFast(atom.child);
  }
  if (atom instanceof SymbolAtom) {
    return compileSymbol(atom);
  }
  if (atom instanceof LiteralAtom) {
    return compileLiteral(atom);
  }
  if (atom instanceof EmptySetAtom) {
    return () => EMPTY;
  }
  if (atom instanceof FunctionAtom) {
    return compileFunction(atom);
  }
  if (atom instanceof IndexerAtom) {
    const left = compileFast(atom.left);
    const index = compileFast(atom.expr);
    return left && index
      ? (input, env) => {
          const i = single(index([env.context], env));
          const l = left(input, env);
          return typeof i === 'number' && i < l.length ? [l[i]] : EMPTY;
        }
      : undefined;
  }
  if (
    !(
      atom instanceof DotAtom ||
      atom instanceof AndAtom ||
      atom instanceof OrAtom ||
      atom instanceof XorAtom ||
      atom instanceof ImpliesAtom ||
      atom instanceof EqualsAtom ||
      atom instanceof NotEqualsAtom ||
      atom instanceof InAtom ||
      atom instanceof ContainsAtom ||
      atom instanceof UnionAtom ||
      atom instanceof ConcatAtom ||
      atom instanceof ArithmeticOperatorAtom
    )
  ) {
    return undefined;
  }
  const l = compileFast(atom.left);
  const r = compileFast(atom.right);
  if (!l || !r) {
    return undefined;
  }
  if (atom instanceof DotAtom) {
    return (input, env) => r(l(input, env), env);
  }
  if (atom instanceof AndAtom) {
    return (input, env) => {
      const a = boolSingleton(l(input, env));
      const b = boolSingleton(r(input, env));
      return a === true && b === true ? TRUE : a === false || b === false ? FALSE : EMPTY;
    };
  }
  if (atom instanceof OrAtom) {
    return (input, env) => {
      const a = boolSingleton(l(input, env));
      const b = boolSingleton(r(input, env));
      return a === false && b === false ? FALSE : a === true || b === true ? TRUE : EMPTY;
    };
  }
  if (atom instanceof XorAtom) {
    return (input, env) => {
      const a = boolSingleton(l(input, env));
      const b = boolSingleton(r(input, env));
      return a === undefined || b === undefined ? EMPTY : bool(a !== b);
    };
  }
  if (atom instanceof ImpliesAtom) {
    return (input, env) => {
      const a = boolSingleton(l(input, env));
      const b = boolSingleton(r(input, env));
      return b === true || a === false ? TRUE : a === undefined || b === undefined ? EMPTY : FALSE;
    };
  }
  if (atom instanceof EqualsAtom) {
    return (input, env) => arrayEquals(l(input, env), r(input, env));
  }
  if (atom instanceof NotEqualsAtom) {
    return (input, env) => {
      const eq = arrayEquals(l(input, env), r(input, env));
      return eq.length === 0 ? EMPTY : bool(eq[0] !== true);
    };
  }
  if (atom instanceof InAtom) {
    return (input, env) => {
      const a = single(l(input, env));
      return a === undefined ? EMPTY : bool(r(input, env).some((e) => equals(a, e)));
    };
  }
  if (atom instanceof ContainsAtom) {
    return (input, env) => {
      const b = r(input, env);
      if (b.length === 0) {
        throw new Fallback();
      }
      return bool(l(input, env).some((e) => e === b[0]));
    };
  }
  if (atom instanceof UnionAtom) {
    return (input, env) => {
      const out: unknown[] = [];
      for (const v of [...l(input, env), ...r(input, env)]) {
        if (!out.some((w) => equals(v, w))) {
          out.push(v);
        }
      }
      return out;
    };
  }
  if (atom instanceof ConcatAtom) {
    return (input, env) => {
      const a = single(l(input, env)) ?? '';
      const b = single(r(input, env)) ?? '';
      if (typeof a !== 'string' || typeof b !== 'string') {
        throw new Fallback();
      }
      return [a + b];
    };
  }
  const op = atom.operator;
  // Unary minus is parsed as ArithmeticOperatorAtom('-', x, x) with impl (_, y) => -y.
  const arithmetic = atom.left === atom.right && op === '-' ? (_x: number, y: number) => -y : ARITHMETIC[op];
  if (arithmetic) {
    return (input, env) => {
      const a = l(input, env);
      const b = r(input, env);
      if (a.length === 0 || b.length === 0) {
        return EMPTY;
      }
      const x = single(a);
      const y = single(b);
      if (typeof x !== 'number' || typeof y !== 'number') {
        throw new Fallback(); // quantities, dates, string +
      }
      return [arithmetic(x, y)];
    };
  }
  if (op === '<' || op === '<=' || op === '>' || op === '>=') {
    return (input, env) => {
      const a = l(input, env);
      const b = r(input, env);
      return a.length === 0 || b.length === 0 ? EMPTY : bool(compare(op, single(a), single(b)));
    };
  }
  return undefined;
}
