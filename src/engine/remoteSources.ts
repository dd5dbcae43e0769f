// A Prometheus-compatible HTTP API at a URL as the engine's data source beside
// its own store: the explorer's metric list and label counts built from the
// remote's APIs, and the query function of a rule group evaluated against it.

import { Labels, METRIC_NAME } from '../model/labels';
import { RemotePrometheus } from '../remote/remotePrometheus';
import type { QueryFunc } from '../rules/rule';
import type { InstantResult, LabelCardinality, MetricSummary, QueryError, RangeColumns } from './api';
import { ACTIVE_WINDOW_MS, labelCardinality, metricSummaries } from './explore';
import { InFlight } from './inFlight';
import { headersFor, type SourceHeaders } from './sourceHeaders';

// One small answer per name, counted by the remote: the series with a sample
// within its lookback window, as the local explorer counts recent series.
const SERIES_BY_NAME = `count by (${METRIC_NAME}) ({${METRIC_NAME}=~".+"})`;

function isError(a: unknown): a is QueryError {
  return typeof a === 'object' && a !== null && (a as { status?: unknown }).status === 'error';
}

/** A remote's error as a rule's last error shows it: where it came from, its type, its words and status. */
export function remoteErrorText(baseUrl: string, e: QueryError): string {
  return `${baseUrl}: ${e.errorType}: ${e.error}${e.httpStatus ? ` (HTTP ${e.httpStatus})` : ''}`;
}

export class RemoteSources {
  private headers: readonly SourceHeaders[] = [];
  /** A newer query from the same panel cancels the older, as local queries are. */
  private readonly inFlight = new InFlight();

  constructor(
    private readonly fetchFn: typeof fetch,
    private readonly now: () => number,
  ) {}

  /** Headers by URL prefix (a tenant, a token), sent with every request to a matching source. */
  useHeaders(sources: readonly SourceHeaders[]): void {
    this.headers = sources;
  }

  /** The API at a URL; cheap to make, so one is made per question rather than cached per URL. */
  at(baseUrl: string): RemotePrometheus {
    return new RemotePrometheus(baseUrl, { fetch: this.fetchFn, headers: headersFor(this.headers, baseUrl) });
  }

  async rangeQuery(baseUrl: string, expr: string, startMs: number, endMs: number, stepMs: number, queryId?: string): Promise<RangeColumns | QueryError> {
    return this.inFlight.run(queryId, (signal) => this.at(baseUrl).rangeQuery(expr, startMs, endMs, stepMs, signal));
  }

  async instantQuery(baseUrl: string, expr: string, timeMs: number, queryId?: string): Promise<InstantResult | QueryError> {
    return this.inFlight.run(queryId, (signal) => this.at(baseUrl).instantQuery(expr, timeMs, signal));
  }

  /** Every metric name the remote knows, with its metadata and how many of its series are present now. */
  async metricSummaries(baseUrl: string): Promise<MetricSummary[] | QueryError> {
    const remote = this.at(baseUrl);
    const [names, meta, counted] = await Promise.all([remote.labelValues(METRIC_NAME), remote.metadata(), remote.instantQuery(SERIES_BY_NAME, this.now())]);
    if (isError(names)) return names;
    if (isError(meta)) return meta;
    if (counted.status === 'error') return counted;
    const counts = new Map<string, number>();
    for (const row of counted.rows) counts.set(row.labels[METRIC_NAME] ?? '', row.value);
    return metricSummaries(names, new Map(Object.entries(meta)), counts);
  }

  /** The labels of the series a selector picks in the remote (those with samples in the recent window), with value counts. */
  async labelCardinality(baseUrl: string, selector: string): Promise<LabelCardinality[] | QueryError> {
    const t = this.now();
    const series = await this.at(baseUrl).series([selector], { startMs: t - ACTIVE_WINDOW_MS, endMs: t });
    if (isError(series)) return series;
    return labelCardinality(series, (s, each) => {
      for (const [name, value] of Object.entries(s)) each(name, value);
    });
  }

  /**
   * Prometheus's EngineQueryFunc with the remote's instant query in place of
   * the local engine: what a rule group evaluated against the remote asks. A
   * failure throws, so the rule shows it as its last error.
   */
  queryFunc(baseUrl: string): QueryFunc {
    const remote = this.at(baseUrl);
    return async (expr, timeMs) => {
      const r = await remote.instantQuery(expr, timeMs);
      if (r.status === 'error') throw new Error(remoteErrorText(baseUrl, r));
      if (r.resultType === 'vector') return r.rows.map((row) => ({ labels: Labels.from(row.labels), t: row.t, v: row.value }));
      if (r.resultType === 'scalar') return r.rows.map((row) => ({ labels: Labels.EMPTY, t: row.t, v: row.value }));
      throw new Error(`rule result is not a vector or scalar: ${baseUrl} answered a ${r.resultType}`);
    };
  }
}
