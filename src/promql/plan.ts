// Which samples each selector needs: the time span it is evaluated over,
// widened by offsets, `@`, ranges, subqueries and the lookback, as Prometheus's
// getTimeRangesForSelector. All series are fetched before evaluation starts.

import type { AtModifier, Expr, VectorSelector } from './parser/ast';
import { infoPlan } from './info';

export interface SelectRange {
  mint: number;
  maxt: number;
}

export interface PlanContext {
  start: number;
  end: number;
  lookbackDelta: number;
}

/** Each selector with the [mint, maxt] of samples the query can read from it. */
export function planSelectors(expr: Expr, ctx: PlanContext): Map<VectorSelector, SelectRange> {
  const out = new Map<VectorSelector, SelectRange>();
  const widen = (sel: VectorSelector, mint: number, maxt: number) => {
    const prev = out.get(sel);
    out.set(sel, prev ? { mint: Math.min(prev.mint, mint), maxt: Math.max(prev.maxt, maxt) } : { mint, maxt });
  };
  const refs = (at: AtModifier | undefined, offset: number, lo: number, hi: number): [number, number] => {
    if (at === undefined) return [lo - offset, hi - offset];
    const t = at === 'start' ? ctx.start : at === 'end' ? ctx.end : at;
    return [t - offset, t - offset];
  };
  const walk = (e: Expr, lo: number, hi: number): void => {
    switch (e.kind) {
      case 'vectorSelector': {
        const [a, b] = refs(e.at, e.offset, lo, hi);
        widen(e, a - ctx.lookbackDelta, e.mode === 'smoothed' ? b + ctx.lookbackDelta : b);
        return;
      }
      case 'matrixSelector': {
        // Extended range selectors also read one lookback before the range (and after it, smoothed).
        const sel = e.selector;
        const [a, b] = refs(sel.at, sel.offset, lo, hi);
        widen(sel, a - e.range - (sel.mode ? ctx.lookbackDelta : 0), sel.mode === 'smoothed' ? b + ctx.lookbackDelta : b);
        return;
      }
      case 'subquery': {
        const [a, b] = refs(e.at, e.offset, lo, hi);
        walk(e.expr, a - e.range, b);
        return;
      }
      case 'paren':
      case 'unary':
        walk(e.expr, lo, hi);
        return;
      case 'call':
        if (e.func.name === 'info') {
          const sel = infoPlan(e).selector;
          const [a, b] = refs(sel.at, sel.offset, lo, hi);
          widen(sel, a - ctx.lookbackDelta, b);
          walk(e.args[0], lo, hi);
          return;
        }
        for (const a of e.args) walk(a, lo, hi);
        return;
      case 'aggregate':
        if (e.param) walk(e.param, lo, hi);
        walk(e.expr, lo, hi);
        return;
      case 'binary':
        walk(e.lhs, lo, hi);
        walk(e.rhs, lo, hi);
        return;
      default:
        return;
    }
  };
  walk(expr, ctx.start, ctx.end);
  return out;
}
