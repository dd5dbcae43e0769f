// The one face of a place PromQL is asked: this browser's store or a remote
// Prometheus-compatible HTTP API. Query panels, completion, the explorer and
// rule groups hold a DataSource and never ask which one it is.

import type { InstantResult, MetricMeta, RangeColumns } from './queryResult';
import type { Result } from './result';

/** Only series with samples between these times (ms), as the series API's start and end. */
export interface TimeWindow {
  startMs: number;
  endMs: number;
}

export interface DataSource {
  /** A newer query with the same `queryId` cancels the older, whose answer nobody will look at. */
  instantQuery(expr: string, timeMs: number, queryId?: string): Promise<Result<InstantResult>>;
  rangeQuery(expr: string, startMs: number, endMs: number, stepMs: number, queryId?: string): Promise<Result<RangeColumns>>;
  /** `match` are series selectors, as the HTTP API's `match[]`; a series matching any counts. */
  labelNames(match?: string[]): Promise<Result<string[]>>;
  labelValues(name: string, match?: string[]): Promise<Result<string[]>>;
  series(match: string[], window?: TimeWindow): Promise<Result<Record<string, string>[]>>;
  metadata(metric?: string): Promise<Result<Record<string, MetricMeta[]>>>;
  /** Cancels the query running under `queryId`, which then answers a `canceled` failure. */
  cancel(queryId: string): Promise<void>;
}
