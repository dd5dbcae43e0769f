// Static checks on a parsed expression, as Prometheus's parser.checkAST:
// argument counts and types, operand types, modifiers only where they mean something.

import { COMPARISON_OPS, SET_OPS, typeOf, type Expr } from './ast';
import { documentedType, type ValueType } from './valueType';
import { ParseError } from '../errors';

/** Throws the first ParseError Prometheus would report for `expr`. */
export function checkAST(expr: Expr, query: string): ValueType {
  const fail = (at: number, what: string): never => {
    throw new ParseError(query, at, what);
  };
  const expectType = (e: Expr, want: ValueType, context: string) => {
    const got = checkAST(e, query);
    if (got !== want) fail(e.pos.start, `expected type ${documentedType(want)} in ${context}, got ${documentedType(got)}`);
  };

  switch (expr.kind) {
    case 'number':
    case 'string':
      break;
    case 'paren':
      checkAST(expr.expr, query);
      break;
    case 'vectorSelector':
      if (!expr.matchers.some((m) => !m.matchesEmpty())) {
        fail(expr.pos.start, 'vector selector must contain at least one non-empty matcher');
      }
      break;
    case 'matrixSelector':
      checkAST(expr.selector, query);
      if (expr.range <= 0) fail(expr.pos.start, `range duration must be greater than 0`);
      break;
    case 'subquery': {
      const t = checkAST(expr.expr, query);
      if (t !== 'vector') fail(expr.pos.start, `subquery is only allowed on instant vector, got ${t} instead`);
      if (expr.range <= 0) fail(expr.pos.start, `range duration must be greater than 0`);
      if (expr.step < 0) fail(expr.pos.start, `step must be greater than 0`);
      break;
    }
    case 'unary': {
      const t = checkAST(expr.expr, query);
      if (t !== 'scalar' && t !== 'vector') {
        fail(expr.pos.start, `unary expression only allowed on expressions of type scalar or instant vector, got ${JSON.stringify(documentedType(t))}`);
      }
      break;
    }
    case 'aggregate':
      expectType(expr.expr, 'vector', 'aggregation expression');
      if (expr.op === 'count_values') expectType(expr.param!, 'string', 'aggregation parameter');
      else if (expr.param) expectType(expr.param, 'scalar', 'aggregation parameter');
      break;
    case 'call': {
      const f = expr.func;
      const nargs = f.argTypes.length;
      const got = expr.args.length;
      if (f.variadic === 0) {
        if (nargs !== got) fail(expr.pos.start, `expected ${nargs} argument(s) in call to ${JSON.stringify(f.name)}, got ${got}`);
      } else {
        const min = nargs - 1;
        if (min > got) fail(expr.pos.start, `expected at least ${min} argument(s) in call to ${JSON.stringify(f.name)}, got ${got}`);
        if (f.variadic > 0 && min + f.variadic < got) {
          fail(expr.pos.start, `expected at most ${min + f.variadic} argument(s) in call to ${JSON.stringify(f.name)}, got ${got}`);
        }
      }
      expr.args.forEach((arg, i) => {
        if (i >= nargs && f.variadic === 0) return;
        // info()'s label selector may match everything: it filters data labels, it selects no series.
        if (f.name === 'info' && i === 1 && arg.kind === 'vectorSelector') return;
        expectType(arg, f.argTypes[Math.min(i, nargs - 1)], `call to function ${JSON.stringify(f.name)}`);
      });
      break;
    }
    case 'binary': {
      const lt = checkAST(expr.lhs, query);
      const rt = checkAST(expr.rhs, query);
      const at = expr.pos.start;
      if (expr.returnBool && !COMPARISON_OPS.has(expr.op)) fail(at, 'bool modifier can only be used on comparison operators');
      if (COMPARISON_OPS.has(expr.op) && !expr.returnBool && lt === 'scalar' && rt === 'scalar') {
        fail(at, 'comparisons between scalars must use BOOL modifier');
      }
      const m = expr.matching;
      if (SET_OPS.has(expr.op) && m === undefined && lt === 'vector' && rt === 'vector') {
        expr.matching = { card: 'many-to-many', on: false, labels: [], include: [] };
      }
      if (m && SET_OPS.has(expr.op) && m.card === 'one-to-one') m.card = 'many-to-many';
      if (m?.on) {
        for (const l of m.labels) if (m.include.includes(l)) fail(at, `label ${JSON.stringify(l)} must not occur in ON and GROUP clause at once`);
      }
      if (lt !== 'scalar' && lt !== 'vector') fail(expr.lhs.pos.start, 'binary expression must contain only scalar and instant vector types');
      if (rt !== 'scalar' && rt !== 'vector') fail(expr.rhs.pos.start, 'binary expression must contain only scalar and instant vector types');
      const fills = m !== undefined && (m.fillLeft !== undefined || m.fillRight !== undefined);
      if ((lt !== 'vector' || rt !== 'vector') && m) {
        if (m.labels.length > 0) fail(at, 'vector matching only allowed between instant vectors');
        if (fills) fail(at, 'filling in missing series only allowed between instant vectors');
        expr.matching = undefined;
      } else if (SET_OPS.has(expr.op) && m) {
        if (m.card === 'one-to-many' || m.card === 'many-to-one') fail(at, `no grouping allowed for ${JSON.stringify(expr.op)} operation`);
        if (fills) fail(at, 'filling in missing series not allowed for set operators');
      }
      if ((lt === 'scalar' || rt === 'scalar') && SET_OPS.has(expr.op)) {
        fail(at, `set operator ${JSON.stringify(expr.op)} not allowed in binary scalar expression`);
      }
      break;
    }
  }
  return typeOf(expr);
}
