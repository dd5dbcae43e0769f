// The evaluated tree with what each node cost: series out, samples out and
// time, so a user can see which part of a query is expensive.

import type { Expr } from './parser/ast';
import type { NodeStats } from './evalContext';

export interface ExplainNode {
  /** The node's text as written in the query. */
  expr: string;
  kind: Expr['kind'];
  series: number;
  samples: number;
  ms: number;
  children: ExplainNode[];
}

export class ExplainRecorder {
  private readonly stats = new Map<Expr, NodeStats>();

  record = (e: Expr, s: NodeStats): void => {
    const prev = this.stats.get(e);
    this.stats.set(e, prev ? { series: prev.series + s.series, samples: prev.samples + s.samples, ms: prev.ms + s.ms } : s);
  };

  tree(e: Expr, query: string): ExplainNode {
    const s = this.stats.get(e) ?? { series: 0, samples: 0, ms: 0 };
    return { expr: query.slice(e.pos.start, e.pos.end), kind: e.kind, ...s, children: childrenOf(e).map((c) => this.tree(c, query)) };
  }
}

function childrenOf(e: Expr): Expr[] {
  switch (e.kind) {
    case 'paren':
    case 'unary':
    case 'subquery':
      return [e.expr];
    case 'matrixSelector':
      return [];
    case 'call':
      return e.args;
    case 'aggregate':
      return e.param ? [e.param, e.expr] : [e.expr];
    case 'binary':
      return [e.lhs, e.rhs];
    default:
      return [];
  }
}
