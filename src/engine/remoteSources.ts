// Prometheus-compatible HTTP APIs by URL as the engine's data sources beside
// its own store: the explorer's metric list and label counts built from a
// remote's APIs, and the query function of a rule group evaluated against it.

import type { DataSource } from '../model/dataSource';
import { fromHistogramJSON } from '../model/histogram/histogramJSON';
import type { InFlight } from '../model/inFlight';
import { Labels, METRIC_NAME } from '../model/labels';
import { failureText, ok, type Result } from '../model/result';
import { RemotePrometheus } from '../remote/remotePrometheus';
import type { QueryFunc } from '../rules/rule';
import type { LabelCardinality, MetricSummary } from './api';
import { ACTIVE_WINDOW_MS, labelCardinality, metricSummaries } from './explore';
import { headersFor, type SourceHeaders } from './sourceHeaders';

// One small answer per name, counted by the remote: the series with a sample
// within its lookback window, as the local explorer counts recent series.
const SERIES_BY_NAME = `count by (${METRIC_NAME}) ({${METRIC_NAME}=~".+"})`;

export class RemoteSources {
  private headers: readonly SourceHeaders[] = [];

  constructor(
    private readonly fetchFn: typeof fetch,
    private readonly now: () => number,
    /** Shared with the local store's queries: a newer query from the same panel cancels the older, wherever it ran. */
    private readonly inFlight: InFlight,
  ) {}

  /** Headers by URL prefix (a tenant, a token), sent with every request to a matching source. */
  useHeaders(sources: readonly SourceHeaders[]): void {
    this.headers = sources;
  }

  /** The API at a URL; cheap to make, so one is made per question rather than cached per URL. */
  at(baseUrl: string): RemotePrometheus {
    return new RemotePrometheus(baseUrl, { fetch: this.fetchFn, headers: headersFor(this.headers, baseUrl), inFlight: this.inFlight });
  }

  /** Every metric name the remote knows, with its metadata and how many of its series are present now. */
  async metricSummaries(baseUrl: string): Promise<Result<MetricSummary[]>> {
    const remote = this.at(baseUrl);
    const [names, meta, counted] = await Promise.all([remote.labelValues(METRIC_NAME), remote.metadata(), remote.instantQuery(SERIES_BY_NAME, this.now())]);
    if (!names.ok) return names;
    if (!meta.ok) return meta;
    if (!counted.ok) return counted;
    const counts = new Map<string, number>();
    for (const row of counted.value.rows) counts.set(row.labels[METRIC_NAME] ?? '', row.value);
    return ok(metricSummaries(names.value, new Map(Object.entries(meta.value)), counts));
  }

  /** The labels of the series a selector picks in the remote (those with samples in the recent window), with value counts. */
  async labelCardinality(baseUrl: string, selector: string): Promise<Result<LabelCardinality[]>> {
    const t = this.now();
    const series = await this.at(baseUrl).series([selector], { startMs: t - ACTIVE_WINDOW_MS, endMs: t });
    if (!series.ok) return series;
    return ok(
      labelCardinality(series.value, (s, each) => {
        for (const [name, value] of Object.entries(s)) each(name, value);
      }),
    );
  }
}

/**
 * Prometheus's EngineQueryFunc over a data source's instant query: what a
 * rule group evaluated against a remote asks. A failure throws, so the rule
 * shows it as its last error.
 */
export function sourceQueryFunc(source: DataSource, name: string): QueryFunc {
  return async (expr, timeMs) => {
    const r = await source.instantQuery(expr, timeMs);
    // As a rule's last error: where it came from, then its type, words and status.
    if (!r.ok) throw new Error(`${r.error.where}: ${failureText(r.error)}`);
    const { resultType, rows } = r.value;
    // A histogram comes back as the API's JSON; recording it needs the histogram itself.
    if (resultType === 'vector') return rows.map((row) => ({ labels: Labels.from(row.labels), t: row.t, v: row.histogram ? 0 : row.value, ...(row.histogram && { h: fromHistogramJSON(row.histogram) }) }));
    if (resultType === 'scalar') return rows.map((row) => ({ labels: Labels.EMPTY, t: row.t, v: row.value }));
    throw new Error(`rule result is not a vector or scalar: ${name} answered a ${resultType}`);
  };
}
