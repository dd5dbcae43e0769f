// The typed PromQL syntax tree, as Prometheus's parser/ast.go shapes it: what
// the type checker, the selector planner and the evaluator all walk.

import type { Matcher } from '../../model/matcher';
import type { FunctionDef } from './functions';
import type { ValueType } from './valueType';

/** Byte offsets into the query text, end exclusive. */
export interface PosRange {
  start: number;
  end: number;
}

/** `@ <t>` pinned to a time (ms), or to the query's start()/end(). */
export type AtModifier = number | 'start' | 'end';

export interface NumberLiteral {
  kind: 'number';
  value: number;
  pos: PosRange;
}

export interface StringLiteral {
  kind: 'string';
  value: string;
  pos: PosRange;
}

export interface VectorSelector {
  kind: 'vectorSelector';
  name: string;
  matchers: Matcher[];
  /** Offset in ms; negative looks ahead. */
  offset: number;
  at: AtModifier | undefined;
  /** Experimental `anchored` / `smoothed` modifiers (extended range selectors). */
  mode?: 'anchored' | 'smoothed';
  pos: PosRange;
}

export interface MatrixSelector {
  kind: 'matrixSelector';
  selector: VectorSelector;
  range: number;
  pos: PosRange;
}

export interface SubqueryExpr {
  kind: 'subquery';
  expr: Expr;
  range: number;
  /** 0 when omitted: the engine's default subquery step applies. */
  step: number;
  offset: number;
  at: AtModifier | undefined;
  pos: PosRange;
}

export interface Call {
  kind: 'call';
  func: FunctionDef;
  args: Expr[];
  pos: PosRange;
}

export type AggregateOp =
  | 'sum'
  | 'min'
  | 'max'
  | 'avg'
  | 'group'
  | 'stddev'
  | 'stdvar'
  | 'count'
  | 'count_values'
  | 'bottomk'
  | 'topk'
  | 'quantile'
  | 'limitk'
  | 'limit_ratio';

export interface AggregateExpr {
  kind: 'aggregate';
  op: AggregateOp;
  param: Expr | undefined;
  expr: Expr;
  grouping: string[];
  without: boolean;
  pos: PosRange;
}

export type BinaryOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '^'
  | 'atan2'
  | '=='
  | '!='
  | '>'
  | '<'
  | '>='
  | '<='
  | '</'
  | '>/'
  | 'and'
  | 'or'
  | 'unless';

export type Cardinality = 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';

export interface VectorMatching {
  card: Cardinality;
  /** True for on(...), false for ignoring(...) or no clause. */
  on: boolean;
  labels: string[];
  /** Labels copied from the "one" side by group_left/group_right. */
  include: string[];
  /** fill()/fill_left()/fill_right(): the value a missing left or right sample takes. */
  fillLeft?: number;
  fillRight?: number;
}

export interface BinaryExpr {
  kind: 'binary';
  op: BinaryOp;
  lhs: Expr;
  rhs: Expr;
  returnBool: boolean;
  matching: VectorMatching | undefined;
  pos: PosRange;
}

export interface UnaryExpr {
  kind: 'unary';
  op: '+' | '-';
  expr: Expr;
  pos: PosRange;
}

export interface ParenExpr {
  kind: 'paren';
  expr: Expr;
  pos: PosRange;
}

export type Expr =
  | NumberLiteral
  | StringLiteral
  | VectorSelector
  | MatrixSelector
  | SubqueryExpr
  | Call
  | AggregateExpr
  | BinaryExpr
  | UnaryExpr
  | ParenExpr;

export const COMPARISON_OPS: ReadonlySet<BinaryOp> = new Set(['==', '!=', '>', '<', '>=', '<=']);
export const SET_OPS: ReadonlySet<BinaryOp> = new Set(['and', 'or', 'unless']);
/** `h </ x` keeps a histogram's observations below x, `h >/ x` those above (Prometheus's TRIM_UPPER, TRIM_LOWER). */
export const TRIM_OPS: ReadonlySet<BinaryOp> = new Set(['</', '>/']);

/** The value type an expression yields, as Prometheus's Expr.Type(). */
export function typeOf(e: Expr): ValueType {
  switch (e.kind) {
    case 'number':
      return 'scalar';
    case 'string':
      return 'string';
    case 'vectorSelector':
      return 'vector';
    case 'matrixSelector':
    case 'subquery':
      return 'matrix';
    case 'call':
      return e.func.returnType;
    case 'aggregate':
      return 'vector';
    case 'binary':
      return typeOf(e.lhs) === 'scalar' && typeOf(e.rhs) === 'scalar' ? 'scalar' : 'vector';
    case 'unary':
    case 'paren':
      return typeOf(e.expr);
  }
}

/** Strips parentheses, as Prometheus's unwrapParenExpr. */
export function unwrapParens(e: Expr): Expr {
  while (e.kind === 'paren') e = e.expr;
  return e;
}
