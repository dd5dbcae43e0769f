// What the explorer pages ask beyond PromQL: every metric with its metadata
// and series count, a selector's labels with each value's series count, a
// query's cost tree (Explain), and the stored data out and in as exposition
// text. Counts come from the storage's labels-only reads over a recent window
// (recent series are the ones a person means), which decode no sample, so a
// million series list in well under the 2 s a person waits.

import { parserFor } from '../exposition/contentType';
import { histogramSamples, writeOpenMetrics } from '../exposition/writeText';
import { METRIC_NAME, type Labels } from '../model/labels';
import type { Matcher } from '../model/matcher';
import { QueryEngine } from '../promql/engine';
import { exportBatches } from '../tsdb/exportBatches';
import { timeSlices } from '../tsdb/timeSlices';
import type { Metadata } from '../model/metricType';
import type { SeriesRef, Storage } from '../tsdb/storage';
import type { MetricMeta } from '../model/queryResult';
import { ok, type Result } from '../model/result';
import type { ExplainResult, ExportedData, LabelCardinality, MetricSummary } from './api';
import { answered, queryFailure, selectorMatchers } from './engineQueries';

/** Series with a sample in this window before now count as present (Prometheus's lookback delta). */
export const ACTIVE_WINDOW_MS = 5 * 60_000;
/** Values listed per label; the count of all distinct values is still given. */
const MAX_VALUES_PER_LABEL = 1000;

export class Explore {
  constructor(
    private readonly storage: Storage,
    private readonly now: () => number,
    /** The engine's own, so Explain runs under the same limits as every query. */
    private readonly promql = new QueryEngine(),
  ) {}

  private recent(matchers: Matcher[]): Promise<Labels[]> {
    const t = this.now();
    return this.storage.querier().selectLabels(matchers, t - ACTIVE_WINDOW_MS, t, { tick: timeSlices() });
  }

  /** Every metric name, sorted, with TYPE, HELP and UNIT where known and its recent series count. */
  async metrics(): Promise<MetricSummary[]> {
    const q = this.storage.querier();
    const t = this.now();
    const [names, meta, counts] = await Promise.all([
      q.labelValues(METRIC_NAME),
      q.metadata(),
      q.countSeries(METRIC_NAME, [], t - ACTIVE_WINDOW_MS, t, { tick: timeSlices() }),
    ]);
    return metricSummaries(names, meta, counts);
  }

  /** Label names of the series a selector picks, each with its values and how many series carry each. */
  labels(selector: string): Promise<Result<LabelCardinality[]>> {
    return answered(async () => labelCardinality(await this.recent(selectorMatchers(selector)), (l, each) => l.forEach(each)));
  }

  /** The query evaluated over the range with each node's series, samples and time. */
  async explain(expr: string, startMs: number, endMs: number, stepMs: number): Promise<Result<ExplainResult>> {
    try {
      const r = await this.promql.rangeQuery(this.storage.querier(), expr, startMs, endMs, stepMs, { explain: true });
      if (!r.explain) throw new Error('the query engine gave no explanation');
      return ok({ tree: r.explain, warnings: r.warnings });
    } catch (e) {
      return queryFailure(e, this.promql.currentLimits());
    }
  }

  /**
   * All stored float samples as OpenMetrics text, one family at a time so
   * only one is decoded at once, and how many native histogram samples no
   * text format could carry.
   */
  async exportOpenMetrics(): Promise<ExportedData> {
    const q = this.storage.querier();
    const meta = new Map<string, Metadata>();
    for (const [name, list] of await q.metadata()) if (list[0]) meta.set(name, list[0]);
    const parts: string[] = [];
    let leftOut = 0;
    for await (const batch of exportBatches(q, [], -Infinity, Infinity)) {
      parts.push(writeOpenMetrics(batch, { metadata: meta }).replace(/# EOF\n$/, ''));
      leftOut += histogramSamples(batch);
    }
    parts.push('# EOF\n');
    return { text: parts.join(''), histogramSamplesLeftOut: leftOut };
  }

  /**
   * Appends a Prometheus text or OpenMetrics exposition (with or without
   * timestamps; samples without one are stamped now). The whole text is
   * parsed before anything is appended, so a bad file leaves no trace, not
   * even an empty series. Returns the samples stored and those refused.
   */
  importExposition(text: string): { samples: number; rejected: number } {
    const bytes = new TextEncoder().encode(text);
    const check = parserFor(bytes, null);
    while (check.next() !== null) {
      // Only the parse errors matter on this pass; they throw from next().
    }
    const p = parserFor(bytes, null);
    const app = this.storage.appender();
    const decoder = new TextDecoder();
    const refs = new Map<string, SeriesRef>();
    const metaOf = new Map<string, Metadata>();
    const metaFor = (family: string) => {
      let m = metaOf.get(family);
      if (!m) metaOf.set(family, (m = { type: 'unknown', help: '', unit: '' }));
      return m;
    };
    const t = this.now();
    let n = 0;
    for (let e = p.next(); e !== null && e !== 'eof'; e = p.next()) {
      if (e === 'type') metaFor(p.family()).type = p.type();
      else if (e === 'help') metaFor(p.family()).help = p.help();
      else if (e === 'unit') metaFor(p.family()).unit = p.unit();
      if (e !== 'series') continue;
      const key = decoder.decode(bytes.subarray(p.seriesStart, p.seriesEnd));
      refs.set(key, app.append(refs.get(key) ?? 0, p.labels(), p.timestamp() ?? t, p.value()));
      n++;
    }
    for (const [family, m] of metaOf) app.updateMetadata(family, m);
    const stats = app.commit();
    return { samples: stats.appended, rejected: n - stats.appended };
  }
}

/** The explorer's list: each name with its (or its family's) metadata and its series count. */
export function metricSummaries(names: readonly string[], meta: ReadonlyMap<string, readonly MetricMeta[]>, counts: ReadonlyMap<string, number>): MetricSummary[] {
  return names.map((name) => {
    const m = meta.get(name)?.[0] ?? familyMeta(meta, name);
    return { name, type: m?.type ?? '', help: m?.help ?? '', unit: m?.unit ?? '', series: counts.get(name) ?? 0 };
  });
}

/**
 * Each label name of these series but __name__, sorted, with its values most
 * series first. `forEachLabel` reads one series, so stored Labels and a remote's
 * plain objects are counted alike without copying either.
 */
export function labelCardinality<S>(series: readonly S[], forEachLabel: (s: S, each: (name: string, value: string) => void) => void): LabelCardinality[] {
  const byName = new Map<string, Map<string, number>>();
  for (const s of series) {
    forEachLabel(s, (n, v) => {
      if (n === METRIC_NAME) return;
      let values = byName.get(n);
      if (!values) byName.set(n, (values = new Map()));
      values.set(v, (values.get(v) ?? 0) + 1);
    });
  }
  return [...byName]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, values]) => ({
      name,
      distinct: values.size,
      series: series.length,
      values: [...values]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, MAX_VALUES_PER_LABEL)
        .map(([value, count]) => ({ value, series: count })),
    }));
}

/** A histogram's `_bucket` or a counter's `_total` carries its family's metadata. */
function familyMeta(meta: ReadonlyMap<string, readonly MetricMeta[]>, name: string): MetricMeta | undefined {
  const family = name.replace(/_(total|bucket|count|sum|created|info)$/, '');
  return family === name ? undefined : meta.get(family)?.[0];
}
