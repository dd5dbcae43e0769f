// A board's ad hoc filters applied to a panel's query: each filter becomes a
// label matcher on every selector of the parsed expression (inside function
// arguments, aggregations, binary operands and subqueries alike), and the
// tree is printed back. Text is never pasted into a query, so a filter cannot
// change anything but the selectors it narrows.

import { Matcher } from '../model/matcher';
import { errorMessage, fail, ok, type Result } from '../model/result';
import type { Expr, VectorSelector } from '../promql/parser/ast';
import { parseExpr } from '../promql/parser/parse';
import { printExpr } from '../promql/parser/printer';
import type { AdhocFilter } from './model';

/** Every vector selector of an expression, those under range selectors and subqueries included. */
export function selectorsOf(e: Expr): VectorSelector[] {
  switch (e.kind) {
    case 'number':
    case 'string':
      return [];
    case 'vectorSelector':
      return [e];
    case 'matrixSelector':
      return [e.selector];
    case 'subquery':
    case 'unary':
    case 'paren':
      return selectorsOf(e.expr);
    case 'call':
      return e.args.flatMap(selectorsOf);
    case 'aggregate':
      return [...(e.param ? selectorsOf(e.param) : []), ...selectorsOf(e.expr)];
    case 'binary':
      return [...selectorsOf(e.lhs), ...selectorsOf(e.rhs)];
  }
}

function filterText(f: AdhocFilter): string {
  return `${f.key}${f.operator}${JSON.stringify(f.value)}`;
}

/** Each filter as a matcher, or the first that cannot be one. */
function matchersOf(filters: AdhocFilter[]): Result<Matcher[]> {
  const out: Matcher[] = [];
  for (const f of filters) {
    if (f.key === '') return fail({ where: `filter ${filterText(f)}`, what: 'the filter has no label name' });
    try {
      out.push(new Matcher(f.operator, f.key, f.value));
    } catch (e) {
      return fail({ where: `filter ${filterText(f)}`, what: errorMessage(e) });
    }
  }
  return ok(out);
}

/**
 * The expression with every filter added to every selector, printed by
 * Vigil's PromQL printer. No filters gives the expression back untouched
 * (not reprinted); an expression that does not parse, or a filter whose
 * regex does not compile, is a failure saying which and why.
 */
export function applyAdhocFilters(expr: string, filters: AdhocFilter[]): Result<string> {
  if (filters.length === 0) return ok(expr);
  const matchers = matchersOf(filters);
  if (!matchers.ok) return matchers;
  let tree: Expr;
  try {
    tree = parseExpr(expr);
  } catch (e) {
    return fail({ where: expr, what: errorMessage(e), errorType: 'bad_data' });
  }
  for (const s of selectorsOf(tree)) s.matchers.push(...matchers.value);
  return ok(printExpr(tree));
}
