// Queries as the UI asks them: PromQL over the storage's querier, results
// reshaped into the columns the graph draws, label and metadata look-ups for
// completion, and one running query per panel (a new one cancels the old).

import type { Matcher } from '../model/matcher';
import { QueryEngine, type ResultValue } from '../promql/engine';
import { QueryError as PromQLError } from '../promql/errors';
import { parseExpr } from '../promql/parser/parse';
import { printExpr } from '../promql/parser/printer';
import type { Storage } from '../tsdb/storage';
import type { InstantResult, MetricMeta, QueryError, RangeColumns } from './api';
import { InFlight } from './inFlight';
import type { SelfMetrics } from './selfMetrics';

const QUERY_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 60];

function toError(e: unknown): QueryError {
  if (e instanceof PromQLError) return { status: 'error', errorType: e.type, error: e.message };
  return { status: 'error', errorType: 'internal', error: e instanceof Error ? e.message : String(e) };
}

/** The matchers of a `match[]` selector, as the series and labels APIs take them. */
export function selectorMatchers(selector: string): Matcher[] {
  const e = parseExpr(selector);
  if (e.kind !== 'vectorSelector') throw new PromQLError('bad_data', `invalid parameter "match[]": ${JSON.stringify(selector)} is not a series selector`);
  return e.matchers;
}

export class EngineQueries {
  readonly promql = new QueryEngine();
  private readonly inFlight = new InFlight();
  private readonly queriesTotal: (by?: number, labels?: Record<string, string>) => void;
  private readonly queryDuration: (value: number, labels?: Record<string, string>) => void;

  constructor(
    private readonly storage: Storage,
    metrics: SelfMetrics,
  ) {
    this.queriesTotal = metrics.counter('vigil_engine_queries_total', 'PromQL queries run, by kind and outcome.');
    this.queryDuration = metrics.histogram('vigil_engine_query_duration_seconds', 'Time to answer a PromQL query.', QUERY_BUCKETS);
  }

  private async timed<T>(kind: string, queryId: string | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T | QueryError> {
    const t0 = performance.now();
    try {
      const r = await this.inFlight.run(queryId, run);
      this.queriesTotal(1, { kind, outcome: 'success' });
      return r;
    } catch (e) {
      const err = toError(e);
      this.queriesTotal(1, { kind, outcome: err.errorType });
      return err;
    } finally {
      this.queryDuration((performance.now() - t0) / 1000);
    }
  }

  range(expr: string, start: number, end: number, step: number, queryId?: string): Promise<RangeColumns | QueryError> {
    return this.timed('range', queryId, async (signal) => {
      const r = await this.promql.rangeQuery(this.storage.querier(), expr, start, end, step, { signal });
      const n = Math.floor((end - start) / step) + 1;
      const times = new Float64Array(n);
      for (let i = 0; i < n; i++) times[i] = start + i * step;
      if (r.value.type !== 'matrix') throw new Error(`range query gave a ${r.value.type}`);
      // One buffer for all series: a message to the page copies it once, not a thousand times.
      const columns = new Float64Array(n * r.value.series.length).fill(NaN);
      const series = r.value.series.map((s, k) => {
        const vs = columns.subarray(k * n, (k + 1) * n);
        for (let k = 0; k < s.ts.length; k++) vs[Math.round((s.ts[k] - start) / step)] = s.vs[k];
        return { labels: s.labels.toObject(), vs };
      });
      return { status: 'success', resultType: 'matrix', times, series, warnings: r.warnings, infos: r.infos };
    });
  }

  instant(expr: string, time: number, queryId?: string): Promise<InstantResult | QueryError> {
    return this.timed('instant', queryId, async (signal) => {
      const r = await this.promql.instantQuery(this.storage.querier(), expr, time, { signal });
      return { status: 'success', ...instantRows(r.value), warnings: r.warnings, infos: r.infos };
    });
  }

  private matcherSets(match: string[] | undefined): Matcher[][] {
    return match && match.length > 0 ? match.map(selectorMatchers) : [[]];
  }

  format(expr: string): { status: 'success'; text: string } | QueryError {
    try {
      return { status: 'success', text: printExpr(parseExpr(expr)) };
    } catch (e) {
      return toError(e);
    }
  }

  async labelNames(match?: string[]): Promise<string[]> {
    const q = this.storage.querier();
    const all = new Set<string>();
    for (const ms of this.matcherSets(match)) for (const n of await q.labelNames(ms)) all.add(n);
    return [...all].sort();
  }

  async labelValues(name: string, match?: string[]): Promise<string[]> {
    const q = this.storage.querier();
    const all = new Set<string>();
    for (const ms of this.matcherSets(match)) for (const v of await q.labelValues(name, ms)) all.add(v);
    return [...all].sort();
  }

  async series(match: string[]): Promise<Record<string, string>[]> {
    const q = this.storage.querier();
    const seen = new Map<string, Record<string, string>>();
    for (const ms of this.matcherSets(match)) {
      for (const l of await q.selectLabels(ms, -Infinity, Infinity)) seen.set(l.key(), l.toObject());
    }
    return [...seen.values()];
  }

  async metadata(metric?: string): Promise<Record<string, MetricMeta[]>> {
    const out: Record<string, MetricMeta[]> = {};
    for (const [name, metas] of await this.storage.querier().metadata(metric)) out[name] = metas;
    return out;
  }
}

function instantRows(v: ResultValue): Omit<InstantResult, 'status' | 'warnings' | 'infos'> {
  switch (v.type) {
    case 'scalar':
      return { resultType: 'scalar', rows: [{ labels: {}, t: v.t, value: v.v }] };
    case 'string':
      return { resultType: 'string', rows: [], text: v.v };
    case 'vector':
      return { resultType: 'vector', rows: v.samples.map((s) => ({ labels: s.labels.toObject(), t: s.t, value: s.v })) };
    case 'matrix':
      return {
        resultType: 'matrix',
        rows: [],
        // Copies: the arrays may be views into the query's shared blocks, which a message would copy whole.
        matrix: v.series.map((s) => ({ labels: s.labels.toObject(), ts: s.ts.slice(), vs: s.vs.slice() })),
      };
  }
}
