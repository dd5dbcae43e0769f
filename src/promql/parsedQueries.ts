// The checked syntax trees of recently run queries, by text. A dashboard or a
// rule group asks the same queries again and again; parsing one (lezer, the
// AST, type checks) cost more than evaluating a small query over ten series.
// Trees are never changed after parsing, so two queries may share one.

import type { Expr } from './parser/ast';
import { parseExpr, type DurationContext } from './parser/parse';

const DEFAULT_CAPACITY = 256;

export class ParsedQueries {
  /** In order of last use, oldest first (a Map keeps insertion order). */
  private readonly trees = new Map<string, Expr>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** parseExpr's tree for `query`, parsed once while it stays among the most recently used; throws ParseError as parseExpr does. */
  parse(query: string, durations: DurationContext): Expr {
    // `step()` and `range()` in durations are resolved while parsing, so they are part of the key.
    const key = `${durations.stepMs} ${durations.rangeMs} ${query}`;
    const hit = this.trees.get(key);
    if (hit !== undefined) {
      this.trees.delete(key);
      this.trees.set(key, hit);
      return hit;
    }
    const expr = parseExpr(query, durations);
    if (this.trees.size >= this.capacity) this.trees.delete(this.trees.keys().next().value!);
    this.trees.set(key, expr);
    return expr;
  }
}
