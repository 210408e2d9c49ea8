import jsep from 'jsep';
import { ExpressionError } from './expression-error.js';

/**
 * JUEL word operators rewritten to the symbols jsep already knows. Rewriting the source (outside
 * string literals, not after a `.`) keeps us from mutating jsep's global operator tables, which
 * other code in the process may share. `empty` has no JS symbol, so it borrows `~`, which user text
 * may not use itself (bitwise operators are unsupported).
 */
const WORD_OPERATORS: Readonly<Record<string, string>> = {
  and: '&&',
  or: '||',
  not: '!',
  eq: '==',
  ne: '!=',
  lt: '<',
  gt: '>',
  le: '<=',
  ge: '>=',
  div: '/',
  mod: '%',
  empty: '~',
};

export const EMPTY_OPERATOR = '~';

const cache = new Map<string, jsep.Expression>();
const CACHE_LIMIT = 1000;

/** Parses one `${}` body (without the braces) to a jsep AST; results are cached by source. */
export function parseJuel(source: string, fullText: string): jsep.Expression {
  const cached = cache.get(source);
  if (cached) return cached;
  let ast: jsep.Expression;
  try {
    ast = jsep(rewriteWordOperators(source, fullText));
  } catch (err) {
    if (err instanceof ExpressionError) throw err;
    throw new ExpressionError(`expression "${fullText}" has a syntax error: ${(err as Error).message}`, fullText, {
      cause: err,
    });
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(source, ast);
  return ast;
}

function rewriteWordOperators(source: string, fullText: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (ch === '"' || ch === "'") {
      const end = skipString(source, i);
      out += source.slice(i, end);
      i = end;
      continue;
    }
    if (ch === '~') throw new ExpressionError(`expression "${fullText}" uses unsupported operator "~"`, fullText);
    if (/[A-Za-z_$]/.test(ch)) {
      let end = i + 1;
      while (end < source.length && /[\w$]/.test(source[end] as string)) end++;
      const word = source.slice(i, end);
      const symbol = Object.hasOwn(WORD_OPERATORS, word) ? WORD_OPERATORS[word] : undefined;
      out += symbol !== undefined && !followsDot(out) ? ` ${symbol} ` : word;
      i = end;
      continue;
    }
    if (/[0-9]/.test(ch)) {
      // Numbers such as 1e3 must not have their exponent read as an identifier.
      let end = i + 1;
      while (end < source.length && /[\w.]/.test(source[end] as string)) end++;
      out += source.slice(i, end);
      i = end;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function skipString(source: string, start: number): number {
  const quote = source[start];
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === quote) return i + 1;
  }
  return source.length;
}

function followsDot(out: string): boolean {
  return out.trimEnd().endsWith('.');
}
