// The query API the engine worker calls: instant and range queries over a
// Querier, answered in the shape of the Prometheus HTTP API's `data`, with
// limits (samples, timeout), cancellation and annotations.

import { compareLabels, Labels } from '../model/labels';
import type { LazySeries } from '../model/seriesData';
import type { Querier } from '../tsdb/storage';
import { typeOf, type Expr, type VectorSelector } from './parser/ast';
import { documentedType } from './parser/valueType';
import { Annotations } from './annotations';
import { QueryError } from './errors';
import { statsOnlySelectors, statsOnlySeries } from './histogramStats';
import type { FloatHistogram } from '../model/histogram/floatHistogram';
import type { HistogramJSON } from '../model/histogram/types';
import { toHistogramJSON } from '../model/histogram/histogramJSON';
import { Evaluator } from './evaluator';
import { ExplainRecorder, type ExplainNode } from './explain';
import { formatSampleValue } from '../model/goFloat';
import { dropMetadata } from './metadataLabels';
import { ParsedQueries } from './parsedQueries';
import { planSelectors } from './plan';
import { QueryGate } from './queryGate';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './queryLimits';
import { extendedSamples } from './rangeFunctions';
import { gridTimes, mergeSameLabels, presentSamples, type Grid, type StepSeries, type Value } from './value';

export interface EngineOptions extends Partial<QueryLimits> {
  lookbackDelta?: number;
  /** Step of subqueries written without one; Prometheus uses the global evaluation interval. */
  subqueryStepMs?: number;
  /** How long evaluation may hold the thread before handing it back to scrapes and rules (25 ms). */
  sliceMs?: number;
}

export interface QueryOptions {
  signal?: AbortSignal;
  explain?: boolean;
}

/** A result as typed values, before formatting for the API. A matrix's series may share one `ts` array: read, never write. */
export type ResultValue =
  | { type: 'scalar'; t: number; v: number }
  | { type: 'string'; t: number; v: string }
  | { type: 'vector'; samples: { labels: Labels; t: number; v: number; h?: FloatHistogram }[] }
  | { type: 'matrix'; series: { labels: Labels; ts: Float64Array; vs: Float64Array; hs?: (FloatHistogram | undefined)[] }[] };

type ApiPoint = [number, string];
type ApiHistogramPoint = [number, HistogramJSON];

/** The HTTP API's `data` object: a sample is a `value` or a `histogram`, a series' points `values` and/or `histograms`. */
export type QueryData =
  | { resultType: 'scalar' | 'string'; result: ApiPoint }
  | { resultType: 'vector'; result: ({ metric: Record<string, string> } & ({ value: ApiPoint } | { histogram: ApiHistogramPoint }))[] }
  | { resultType: 'matrix'; result: { metric: Record<string, string>; values?: ApiPoint[]; histograms?: ApiHistogramPoint[] }[] };

export interface QueryResult {
  value: ResultValue;
  /** As the HTTP API lists them: positioned in the query, at most ten of a kind. */
  warnings: string[];
  infos: string[];
  /** Every annotation, unpositioned, as test scripts compare them. */
  annotations: Annotations;
  explain?: ExplainNode;
}

const DEFAULT_LOOKBACK = 5 * 60_000;
const DEFAULT_SUBQUERY_STEP = 60_000;
const DEFAULT_SLICE_MS = 25;

export class QueryEngine {
  private readonly lookbackDelta: number;
  private limits: QueryLimits;
  private readonly subqueryStep: number;
  private readonly sliceMs: number;
  private readonly gate = new QueryGate(() => this.limits.maxConcurrent);
  private readonly parsed = new ParsedQueries();

  constructor(opts: EngineOptions = {}) {
    this.lookbackDelta = opts.lookbackDelta ?? DEFAULT_LOOKBACK;
    this.limits = {
      maxPointsPerSeries: opts.maxPointsPerSeries ?? DEFAULT_QUERY_LIMITS.maxPointsPerSeries,
      maxSamples: opts.maxSamples ?? DEFAULT_QUERY_LIMITS.maxSamples,
      timeoutMs: opts.timeoutMs ?? DEFAULT_QUERY_LIMITS.timeoutMs,
      maxConcurrent: opts.maxConcurrent ?? DEFAULT_QUERY_LIMITS.maxConcurrent,
    };
    this.subqueryStep = opts.subqueryStepMs ?? DEFAULT_SUBQUERY_STEP;
    this.sliceMs = opts.sliceMs ?? DEFAULT_SLICE_MS;
  }

  /** Applies to queries that start from now on. */
  setLimits(limits: QueryLimits): void {
    this.limits = { ...limits };
  }

  currentLimits(): QueryLimits {
    return { ...this.limits };
  }

  async instantQuery(querier: Querier, query: string, timeMs: number, opts: QueryOptions | AbortSignal = {}): Promise<QueryResult> {
    return this.exec(querier, query, { start: timeMs, step: 0, n: 1 }, timeMs, false, optionsOf(opts));
  }

  async rangeQuery(querier: Querier, query: string, startMs: number, endMs: number, stepMs: number, opts: QueryOptions | AbortSignal = {}): Promise<QueryResult> {
    if (stepMs <= 0) throw new QueryError('bad_data', 'zero or negative query resolution step widths are not accepted. Try a positive integer');
    if (endMs < startMs) throw new QueryError('bad_data', 'end timestamp must not be before start time');
    // The HTTP API's guard (api.queryRange): more points than this swamp memory and no graph can show them.
    const maxPoints = this.limits.maxPointsPerSeries;
    if ((endMs - startMs) / stepMs > maxPoints) {
      throw new QueryError('bad_data', `exceeded maximum resolution of ${maxPoints.toLocaleString('en-US')} points per timeseries. Try decreasing the query resolution (?step=XX)`, 'maxPointsPerSeries');
    }
    const n = Math.floor((endMs - startMs) / stepMs) + 1;
    return this.exec(querier, query, { start: startMs, step: stepMs, n }, endMs, true, optionsOf(opts));
  }

  /**
   * `end` is the requested end, which the last step may fall short of; `end()`,
   * `@ end()` and `range()` take it, as Prometheus's query.End does.
   */
  private async exec(querier: Querier, query: string, grid: Grid, end: number, isRange: boolean, opts: QueryOptions): Promise<QueryResult> {
    const expr = this.parsed.parse(query, { stepMs: isRange ? grid.step : 0, rangeMs: end - grid.start });
    const type = typeOf(expr);
    if (isRange && type !== 'scalar' && type !== 'vector') {
      throw new QueryError('bad_data', `invalid expression type ${JSON.stringify(documentedType(type))} for range query, must be Scalar or instant Vector`);
    }
    const limits = this.limits;
    const deadline = Date.now() + limits.timeoutMs;
    await this.gate.enter(opts.signal, deadline);
    try {
      return await this.evaluate(querier, query, expr, grid, end, isRange, opts, limits, deadline);
    } finally {
      this.gate.leave();
    }
  }

  private async evaluate(
    querier: Querier,
    query: string,
    expr: Expr,
    grid: Grid,
    end: number,
    isRange: boolean,
    opts: QueryOptions,
    limits: QueryLimits,
    deadline: number,
  ): Promise<QueryResult> {
    let lastYield = performance.now();
    const checkpoint = async (stage: string) => {
      if (opts.signal?.aborted) throw new QueryError('canceled', `query was canceled in ${stage}`);
      if (Date.now() > deadline) throw new QueryError('timeout', `query timed out in ${stage}`, 'timeoutMs');
      if (performance.now() - lastYield >= this.sliceMs) {
        await new Promise((r) => setTimeout(r, 0));
        lastYield = performance.now();
        if (opts.signal?.aborted) throw new QueryError('canceled', `query was canceled in ${stage}`);
      }
    };

    const plan = planSelectors(expr, { start: grid.start, end, lookbackDelta: this.lookbackDelta });
    const data = new Map<VectorSelector, LazySeries[]>();
    const statsOnly = statsOnlySelectors(expr);
    await Promise.all(
      [...plan].map(async ([sel, r]) => {
        const series = await querier.selectLazy(sel.matchers, r.mint, r.maxt, { tick: () => checkpoint('query preparation') });
        data.set(sel, statsOnly.has(sel) ? series.map(statsOnlyLazy) : series);
      }),
    );
    await checkpoint('query preparation');
    let useStartTimestamps = false;
    for (const list of data.values()) if (list.some((s) => s.mayHaveStartTimes)) useStartTimestamps = true;

    const annos = new Annotations();
    const recorder = opts.explain ? new ExplainRecorder() : undefined;
    const ev = new Evaluator({
      data,
      lookbackDelta: this.lookbackDelta,
      start: grid.start,
      end,
      interval: isRange ? grid.step : 0,
      subqueryStep: this.subqueryStep,
      maxSamples: limits.maxSamples,
      useStartTimestamps,
      annos,
      checkpoint: () => checkpoint('expression evaluation'),
      onNode: recorder?.record,
    });
    const v = await ev.eval(expr, grid);
    const value = isRange ? toMatrix(v, grid) : toInstant(v, grid, this.lookbackDelta);
    return { value, ...annos.asStrings(query), annotations: annos, explain: recorder?.tree(expr, query) };
  }
}

/** A selector's series whose histograms only their count and sum are read from (statsOnlySeries), as read. */
function statsOnlyLazy(s: LazySeries): LazySeries {
  return {
    labels: s.labels,
    mayHaveStartTimes: s.mayHaveStartTimes,
    mayHaveHistograms: s.mayHaveHistograms,
    sampleBound: s.sampleBound,
    read: (into) => {
      const got = s.read(into);
      return got && statsOnlySeries(got);
    },
  };
}

function optionsOf(opts: QueryOptions | AbortSignal): QueryOptions {
  return opts instanceof AbortSignal ? { signal: opts } : opts;
}

/** Drops `__name__` where an operation asked for it, then merges series that became equal (cleanupMetricLabels). */
function cleanup(series: StepSeries[]): StepSeries[] {
  return mergeSameLabels(series.map((s) => (s.dropName ? { ...s, labels: dropMetadata(s.labels), dropName: false } : s)));
}

function toMatrix(v: Value, g: Grid): ResultValue {
  // Series present at every step (most of them) share one array of step times.
  const allSteps = gridTimes(g);
  if (v.type === 'scalar') return { type: 'matrix', series: [{ labels: Labels.EMPTY, ts: allSteps, vs: v.vals }] };
  if (v.type !== 'vector') throw new QueryError('execution', `unexpected ${v.type} result for range query`);
  // Typed arrays keep the points off the JS heap: as number[] they were half
  // of a large range query's allocation, copied by every scavenge they survived.
  const series = cleanup(v.series).map((s) =>
    s.has.indexOf(0) < 0 && s.hs === undefined ? { labels: s.labels, ts: allSteps, vs: s.vals } : { labels: s.labels, ...presentSamples(s, allSteps) },
  );
  series.sort((a, b) => compareLabels(a.labels, b.labels));
  return { type: 'matrix', series };
}

function toInstant(v: Value, g: Grid, lookbackDelta: number): ResultValue {
  const t = g.start;
  switch (v.type) {
    case 'scalar':
      return { type: 'scalar', t, v: v.vals[0] };
    case 'string':
      return { type: 'string', t, v: v.value };
    case 'vector':
      return {
        type: 'vector',
        samples: cleanup(v.series)
          .filter((s) => s.has[0])
          .map((s) => {
            const h = s.hs?.[0];
            return h === undefined ? { labels: s.labels, t, v: s.vals[0] } : { labels: s.labels, t, v: 0, h };
          }),
      };
    case 'matrix': {
      const before = v.mode ? lookbackDelta : 0;
      const after = v.mode === 'smoothed' ? lookbackDelta : 0;
      const series = v.series.map((rs) => {
        const s = rs.read();
        let lo = 0;
        while (lo < s.ts.length && s.ts[lo] <= v.start[0] - before) lo++;
        let hi = lo;
        while (hi < s.ts.length && s.ts[hi] <= v.end[0] + after) hi++;
        const labels = rs.dropName ? dropMetadata(rs.labels) : rs.labels;
        if (v.mode) {
          // As Prometheus's matrixSelector: an instant query's extended range is floats only.
          if (s.hs?.slice(lo, hi).some((h) => h !== undefined)) throw new QueryError('execution', `${v.mode} modifier is not supported with histograms`);
          const w = { ts: s.ts, vs: s.vs, lo, hi, start: v.start[0], end: v.end[0], range: v.range, evalT: t, mode: v.mode };
          const x = extendedSamples(w);
          return { labels, ts: Float64Array.from(x?.ts ?? []), vs: Float64Array.from(x?.vs ?? []) };
        }
        const hs = s.hs?.slice(lo, hi);
        return hs === undefined ? { labels, ts: s.ts.slice(lo, hi), vs: s.vs.slice(lo, hi) } : { labels, ts: s.ts.slice(lo, hi), vs: s.vs.slice(lo, hi), hs };
      });
      return { type: 'matrix', series: series.filter((s) => s.ts.length > 0).sort((a, b) => compareLabels(a.labels, b.labels)) };
    }
  }
}

const point = (t: number, v: string): ApiPoint => [t / 1000, v];

/** Formats a result as the HTTP API's `data`: seconds, values as Go formats floats. */
export function apiData(value: ResultValue): QueryData {
  switch (value.type) {
    case 'scalar':
      return { resultType: 'scalar', result: point(value.t, formatSampleValue(value.v)) };
    case 'string':
      return { resultType: 'string', result: point(value.t, value.v) };
    case 'vector':
      return {
        resultType: 'vector',
        result: value.samples.map((s) =>
          s.h === undefined ? { metric: s.labels.toObject(), value: point(s.t, formatSampleValue(s.v)) } : { metric: s.labels.toObject(), histogram: [s.t / 1000, toHistogramJSON(s.h)] },
        ),
      };
    case 'matrix':
      return {
        resultType: 'matrix',
        result: value.series.map((s) => {
          const hs = s.hs;
          if (hs === undefined) return { metric: s.labels.toObject(), values: Array.from(s.ts, (t, i) => point(t, formatSampleValue(s.vs[i]))) };
          // As Prometheus's JSON writer: floats under `values`, histograms under `histograms`, each key only when it has points.
          const values: ApiPoint[] = [];
          const histograms: ApiHistogramPoint[] = [];
          s.ts.forEach((t, i) => {
            const h = hs[i];
            if (h === undefined) values.push(point(t, formatSampleValue(s.vs[i])));
            else histograms.push([t / 1000, toHistogramJSON(h)]);
          });
          return { metric: s.labels.toObject(), ...(values.length > 0 ? { values } : {}), ...(histograms.length > 0 ? { histograms } : {}) };
        }),
      };
  }
}
