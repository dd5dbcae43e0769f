// Query errors typed as the Prometheus HTTP API's errorType, and parse errors
// worded and positioned as Prometheus's parser.ParseErr.

import type { ErrorType } from '../model/result';
import type { QueryLimits } from './queryLimits';

export class QueryError extends Error {
  constructor(
    readonly type: ErrorType,
    message: string,
    /** The limit the query ran into, so the page can say which and how to narrow the query. */
    readonly limit?: keyof QueryLimits,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

/** `line:col: parse error: what`, the position counted as Prometheus's ParseErr.Error() counts it. */
export class ParseError extends QueryError {
  constructor(
    readonly query: string,
    readonly start: number,
    readonly what: string,
  ) {
    super('bad_data', `${startPosInput(query, start)}: parse error: ${what}`);
    this.name = 'ParseError';
  }
}

/** `line:col` of an offset into the query, as Prometheus's PositionRange.StartPosInput. */
export function startPosInput(query: string, pos: number): string {
  if (pos < 0 || pos > query.length) return 'invalid position';
  let line = 1;
  let lastBreak = -1;
  for (let i = 0; i < pos; i++) {
    if (query.charCodeAt(i) === 10) {
      lastBreak = i;
      line++;
    }
  }
  return `${line}:${pos - lastBreak}`;
}
