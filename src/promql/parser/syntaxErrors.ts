// Prometheus's lexer-level error messages (promql/parser/lex.go) for the
// mistakes people make most: unbalanced brackets, open strings and unknown
// function names. The Lezer grammar only says where parsing stopped.

import { FUNCTIONS } from './functions';

const AGGREGATIONS = new Set([
  'sum', 'min', 'max', 'avg', 'group', 'stddev', 'stdvar', 'count', 'count_values',
  'bottomk', 'topk', 'quantile', 'limitk', 'limit_ratio',
]);
const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'and', 'or', 'unless', 'atan2', 'fill', 'fill_left', 'fill_right', 'start', 'end', 'step', 'range']);

const CLOSERS: Record<string, [string, string]> = {
  ')': ['(', "unexpected right parenthesis ')'"],
  '}': ['{', "unexpected right brace '}'"],
  ']': ['[', "unexpected right bracket ']'"],
};

/** The first lexer-level problem in a query, as Prometheus words it, or undefined. */
export function lexError(q: string): { pos: number; what: string } | undefined {
  const stack: { c: string; pos: number }[] = [];
  for (let i = 0; i < q.length; i++) {
    const c = q[i];
    if (c === '#') {
      while (i < q.length && q[i] !== '\n') i++;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const start = i;
      for (i++; i < q.length && q[i] !== c; i++) {
        if (c !== '`' && q[i] === '\\') i++;
        else if (c !== '`' && q[i] === '\n') break;
      }
      if (i >= q.length || q[i] !== c) return { pos: start, what: c === '`' ? 'unterminated raw string' : 'unterminated quoted string' };
      continue;
    }
    if (c === '(' || c === '{' || c === '[') {
      stack.push({ c, pos: i });
      continue;
    }
    const closer = CLOSERS[c];
    if (closer) {
      if (stack.length === 0 || stack[stack.length - 1].c !== closer[0]) return { pos: i, what: closer[1] };
      stack.pop();
      continue;
    }
    if (/[a-zA-Z_]/.test(c) && (i === 0 || !/[a-zA-Z0-9_:.]/.test(q[i - 1]))) {
      const m = /^[a-zA-Z_][a-zA-Z0-9_:]*/.exec(q.slice(i))!;
      const word = m[0];
      let j = i + word.length;
      while (q[j] === ' ' || q[j] === '\t' || q[j] === '\n') j++;
      const inBraces = stack.length > 0 && stack[stack.length - 1].c === '{';
      const lower = word.toLowerCase();
      if (q[j] === '(' && !inBraces && !FUNCTIONS.has(word) && !AGGREGATIONS.has(lower) && !KEYWORDS.has(lower)) {
        return { pos: i, what: `unknown function with name ${JSON.stringify(word)}` };
      }
      i += word.length - 1;
    }
  }
  const open = stack[stack.length - 1];
  if (open?.c === '(') return { pos: q.length, what: 'unclosed left parenthesis' };
  if (open?.c === '{') return { pos: q.length, what: 'unexpected end of input inside braces' };
  if (open?.c === '[') return { pos: q.length, what: 'unclosed left bracket' };
  return undefined;
}
