// Stand-in for the core helper's ad hoc filters: each filter becomes a matcher
// of every selector in the parsed query, printed back.

import type { AdhocFilter } from './model';
import type { Expr } from '../promql/parser/ast';
import { parseExpr } from '../promql/parser/parse';
import { printExpr } from '../promql/parser/printer';
import { Matcher } from '../model/matcher';
import { fail, ok, type Result } from '../model/result';

function walk(e: Expr, add: Matcher[]): void {
  switch (e.kind) {
    case 'vectorSelector':
      e.matchers.push(...add);
      return;
    case 'matrixSelector':
      return walk(e.selector, add);
    case 'subquery':
    case 'unary':
    case 'paren':
      return walk(e.expr, add);
    case 'aggregate':
      if (e.param) walk(e.param, add);
      return walk(e.expr, add);
    case 'call':
      return e.args.forEach((a) => walk(a, add));
    case 'binary':
      walk(e.lhs, add);
      return walk(e.rhs, add);
    default:
      return;
  }
}

export function applyAdhocFilters(expr: string, filters: AdhocFilter[]): Result<string> {
  if (filters.length === 0) return ok(expr);
  try {
    const tree = parseExpr(expr);
    walk(tree, filters.map((f) => new Matcher(f.operator, f.key, f.value)));
    return ok(printExpr(tree));
  } catch (e) {
    return fail({ where: expr, what: (e as Error).message });
  }
}
