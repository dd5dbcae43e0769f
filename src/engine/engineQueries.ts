// This browser's store as a data source: PromQL over the storage's querier,
// results reshaped into the columns the graph draws, label and metadata
// look-ups for completion, and one running query per panel (a new one cancels the old).

import type { DataSource, TimeWindow } from '../model/dataSource';
import type { InFlight } from '../model/inFlight';
import type { Matcher } from '../model/matcher';
import { toHistogramJSON } from '../model/histogram/histogramJSON';
import type { HistogramJSON } from '../model/histogram/types';
import type { GraphSeries, InstantResult, MetricMeta, RangeColumns, SeriesColumns } from '../model/queryResult';
import { errorMessage, fail, ok, type Failure, type Result } from '../model/result';
import { QueryEngine, type ResultValue } from '../promql/engine';
import { QueryError as PromQLError } from '../promql/errors';
import { parseExpr } from '../promql/parser/parse';
import { limitHint, type QueryLimits } from '../promql/queryLimits';
import { printExpr } from '../promql/parser/printer';
import type { Storage } from '../tsdb/storage';
import type { SelfMetrics } from './selfMetrics';

const QUERY_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 60];

/** How a failure of this browser's store names its place. */
const LOCAL_STORE = "this browser's store";

/**
 * A thrown query error as a failure: Prometheus's errorType for PromQL's own
 * errors, else internal; one that ran into a limit says how to get under it.
 */
export function queryFailure(e: unknown, limits?: QueryLimits): { ok: false; error: Failure } {
  if (e instanceof PromQLError) {
    const hint = e.limit && limits ? limitHint(e.limit, limits) : undefined;
    return fail({ where: LOCAL_STORE, what: e.message, errorType: e.type, ...(hint ? { hint } : {}) });
  }
  return fail({ where: LOCAL_STORE, what: errorMessage(e), errorType: 'internal' });
}

/** Runs a look-up, its thrown errors (a bad selector) answered as failures. */
export async function answered<T>(ask: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await ask());
  } catch (e) {
    return queryFailure(e);
  }
}

/** The matchers of a `match[]` selector, as the series and labels APIs take them. */
export function selectorMatchers(selector: string): Matcher[] {
  const e = parseExpr(selector);
  if (e.kind !== 'vectorSelector') throw new PromQLError('bad_data', `invalid parameter "match[]": ${JSON.stringify(selector)} is not a series selector`);
  return e.matchers;
}

export class EngineQueries implements DataSource {
  readonly promql = new QueryEngine();
  private readonly queriesTotal: (by?: number, labels?: Record<string, string>) => void;
  private readonly queryDuration: (value: number, labels?: Record<string, string>) => void;

  constructor(
    private readonly storage: Storage,
    metrics: SelfMetrics,
    private readonly inFlight: InFlight,
  ) {
    this.queriesTotal = metrics.counter('vigil_engine_queries_total', 'PromQL queries run, by kind and outcome.');
    this.queryDuration = metrics.histogram('vigil_engine_query_duration_seconds', 'Time to answer a PromQL query.', QUERY_BUCKETS);
  }

  private async timed<T>(kind: string, queryId: string | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<Result<T>> {
    const t0 = performance.now();
    try {
      const r = await this.inFlight.run(queryId, run);
      this.queriesTotal(1, { kind, outcome: 'success' });
      return ok(r);
    } catch (e) {
      const err = queryFailure(e, this.promql.currentLimits());
      this.queriesTotal(1, { kind, outcome: err.error.errorType ?? 'internal' });
      return err;
    } finally {
      this.queryDuration((performance.now() - t0) / 1000);
    }
  }

  rangeQuery(expr: string, start: number, end: number, step: number, queryId?: string): Promise<Result<RangeColumns>> {
    return this.timed('range', queryId, async (signal): Promise<RangeColumns> => {
      const r = await this.promql.rangeQuery(this.storage.querier(), expr, start, end, step, { signal });
      const n = Math.floor((end - start) / step) + 1;
      const times = new Float64Array(n);
      for (let i = 0; i < n; i++) times[i] = start + i * step;
      if (r.value.type !== 'matrix') throw new Error(`range query gave a ${r.value.type}`);
      // One buffer for all series: a message to the page copies it once, not a thousand times.
      const columns = new Float64Array(n * r.value.series.length).fill(NaN);
      const series = r.value.series.map((s, k): GraphSeries => {
        const vs = columns.subarray(k * n, (k + 1) * n);
        const src = s.hs;
        if (src === undefined) {
          for (let k = 0; k < s.ts.length; k++) vs[Math.round((s.ts[k] - start) / step)] = s.vs[k];
          return { labels: s.labels.toObject(), vs };
        }
        // A histogram step is no float: NaN in vs, its JSON in hs.
        const hs: (HistogramJSON | null)[] = new Array<HistogramJSON | null>(n).fill(null);
        for (let k = 0; k < s.ts.length; k++) {
          const at = Math.round((s.ts[k] - start) / step);
          const h = src[k];
          if (h === undefined) vs[at] = s.vs[k];
          else hs[at] = toHistogramJSON(h);
        }
        return { labels: s.labels.toObject(), vs, hs };
      });
      return { resultType: 'matrix', times, series, warnings: r.warnings, infos: r.infos };
    });
  }

  instantQuery(expr: string, time: number, queryId?: string): Promise<Result<InstantResult>> {
    return this.timed('instant', queryId, async (signal): Promise<InstantResult> => {
      const r = await this.promql.instantQuery(this.storage.querier(), expr, time, { signal });
      return { ...instantRows(r.value), warnings: r.warnings, infos: r.infos };
    });
  }

  async cancel(queryId: string): Promise<void> {
    this.inFlight.cancel(queryId);
  }

  private matcherSets(match: string[] | undefined): Matcher[][] {
    return match && match.length > 0 ? match.map(selectorMatchers) : [[]];
  }

  format(expr: string): Result<string> {
    try {
      return ok(printExpr(parseExpr(expr)));
    } catch (e) {
      return queryFailure(e);
    }
  }

  labelNames(match?: string[]): Promise<Result<string[]>> {
    return answered(async () => {
      const q = this.storage.querier();
      const all = new Set<string>();
      for (const ms of this.matcherSets(match)) for (const n of await q.labelNames(ms)) all.add(n);
      return [...all].sort();
    });
  }

  labelValues(name: string, match?: string[]): Promise<Result<string[]>> {
    return answered(async () => {
      const q = this.storage.querier();
      const all = new Set<string>();
      for (const ms of this.matcherSets(match)) for (const v of await q.labelValues(name, ms)) all.add(v);
      return [...all].sort();
    });
  }

  series(match: string[], window?: TimeWindow): Promise<Result<Record<string, string>[]>> {
    return answered(async () => {
      const q = this.storage.querier();
      const seen = new Map<string, Record<string, string>>();
      for (const ms of this.matcherSets(match)) {
        for (const l of await q.selectLabels(ms, window?.startMs ?? -Infinity, window?.endMs ?? Infinity)) seen.set(l.key(), l.toObject());
      }
      return [...seen.values()];
    });
  }

  metadata(metric?: string): Promise<Result<Record<string, MetricMeta[]>>> {
    return answered(async () => {
      const out: Record<string, MetricMeta[]> = {};
      for (const [name, metas] of await this.storage.querier().metadata(metric)) out[name] = metas;
      return out;
    });
  }
}

function instantRows(v: ResultValue): Omit<InstantResult, 'warnings' | 'infos'> {
  switch (v.type) {
    case 'scalar':
      return { resultType: 'scalar', rows: [{ labels: {}, t: v.t, value: v.v }] };
    case 'string':
      return { resultType: 'string', rows: [], text: v.v };
    case 'vector':
      return {
        resultType: 'vector',
        rows: v.samples.map((s) => (s.h === undefined ? { labels: s.labels.toObject(), t: s.t, value: s.v } : { labels: s.labels.toObject(), t: s.t, value: NaN, histogram: toHistogramJSON(s.h) })),
      };
    case 'matrix':
      return {
        resultType: 'matrix',
        rows: [],
        // Copies: the arrays may be views into the query's shared blocks, which a message would copy whole.
        matrix: v.series.map((s) => seriesColumns(s)),
      };
  }
}

/** A matrix result's series as raw samples; histogram samples as JSON in hs, NaN in vs. */
function seriesColumns(s: Extract<ResultValue, { type: 'matrix' }>['series'][number]): SeriesColumns {
  const labels = s.labels.toObject();
  const src = s.hs;
  if (src === undefined) return { labels, ts: s.ts.slice(), vs: s.vs.slice() };
  const vs = s.vs.slice();
  const hs = src.map((h, k) => {
    if (h === undefined) return null;
    vs[k] = NaN;
    return toHistogramJSON(h);
  });
  return { labels, ts: s.ts.slice(), vs, hs };
}
