// A Prometheus-compatible HTTP API at a URL (Prometheus, Thanos, Mimir,
// VictoriaMetrics) as a data source: the same answers the engine's API gives
// for the local store, so a panel, the metrics explorer or autocomplete can
// use either. The remote's errors come back as its own words.

import type { DataSource, TimeWindow } from '../model/dataSource';
import { InFlight } from '../model/inFlight';
import { parseSampleValue } from '../model/goFloat';
import type { HistogramJSON } from '../model/histogram/types';
import type { GraphSeries, InstantResult, InstantRow, MetricMeta, RangeColumns, SeriesColumns } from '../model/queryResult';
import { errorMessage, fail, ok, type ErrorType, type Result } from '../model/result';

export interface RemotePrometheusOptions {
  fetch: typeof fetch;
  /** Sent with every request (Authorization, X-Scope-OrgID…). */
  headers?: Record<string, string>;
  /** Queries running by id; shared by the APIs made for one source, so a newer query cancels the older whichever made it. */
  inFlight?: InFlight;
}

/**
 * Why a source URL cannot be asked, or '' when it can. Checked before any
 * request: in a worker a relative URL would resolve against Vigil's own
 * origin and ask it instead.
 */
export function sourceUrlProblem(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `invalid source URL ${JSON.stringify(url)}: give the Prometheus API's address, such as http://127.0.0.1:9090`;
  }
  return u.protocol === 'http:' || u.protocol === 'https:' ? '' : `invalid source URL ${JSON.stringify(url)}: only http:// and https:// can be asked`;
}

type ApiPoint = [number, string];
type ApiHistogramPoint = [number, HistogramJSON];
interface ApiSeries {
  metric: Record<string, string>;
  values?: ApiPoint[];
  value?: ApiPoint;
  /** A native histogram sample, where `value` would be a float's (instant vector). */
  histogram?: ApiHistogramPoint;
  /** Native histogram samples beside `values` (matrix). */
  histograms?: ApiHistogramPoint[];
}
type ApiData =
  | { resultType: 'matrix'; result: ApiSeries[] }
  | { resultType: 'vector'; result: ApiSeries[] }
  | { resultType: 'scalar' | 'string'; result: ApiPoint };

/** The API's envelope as it may arrive. */
interface ApiAnswer<T> {
  status: 'success' | 'error';
  data?: T;
  errorType?: string;
  error?: string;
  warnings?: string[];
  infos?: string[];
}

interface Success<T> {
  status: 'success';
  data: T;
  warnings?: string[];
  infos?: string[];
}

const ERROR_TYPES: readonly ErrorType[] = ['bad_data', 'execution', 'timeout', 'canceled', 'internal'];
// How much of a non-JSON error answer (a proxy's HTML page, say) is shown.
const BODY_EXCERPT = 200;

const apiTime = (t: number) => Math.round(t * 1000);
const seconds = (ms: number) => String(ms / 1000);

/** A series' floats and histograms merged in time order, as the API writes them in two lists. */
function seriesColumns(s: ApiSeries): SeriesColumns {
  const floats = s.values ?? [];
  if (!s.histograms?.length) {
    return { labels: s.metric, ts: Float64Array.from(floats, (p) => apiTime(p[0])), vs: Float64Array.from(floats, (p) => parseSampleValue(p[1])) };
  }
  const points: { t: number; v: number; h: HistogramJSON | null }[] = [
    ...floats.map((p) => ({ t: apiTime(p[0]), v: parseSampleValue(p[1]), h: null })),
    ...s.histograms.map((p) => ({ t: apiTime(p[0]), v: NaN, h: p[1] })),
  ].sort((a, b) => a.t - b.t);
  return {
    labels: s.metric,
    ts: Float64Array.from(points, (p) => p.t),
    vs: Float64Array.from(points, (p) => p.v),
    hs: points.map((p) => p.h),
  };
}

export class RemotePrometheus implements DataSource {
  private readonly base: string;
  private readonly inFlight: InFlight;

  constructor(
    private readonly baseUrl: string,
    private readonly opts: RemotePrometheusOptions,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
    this.inFlight = opts.inFlight ?? new InFlight();
  }

  private failure(errorType: ErrorType, what: string, httpStatus?: number): Result<never> {
    return fail({ where: this.baseUrl, what, errorType, ...(httpStatus === undefined ? {} : { httpStatus }) });
  }

  /** Calls one API endpoint; every failure comes back in the remote's words. */
  private async call<T>(path: string, params: [string, string][], method: 'GET' | 'POST', signal?: AbortSignal): Promise<Result<Success<T>>> {
    const problem = sourceUrlProblem(this.base);
    if (problem) return this.failure('bad_data', problem);
    const body = new URLSearchParams(params);
    const url = `${this.base}${path}`;
    // Called unbound: a browser's fetch throws "Illegal invocation" when called as a method of another object.
    const fetchFn = this.opts.fetch;
    let res: Response;
    try {
      res =
        method === 'POST'
          ? await fetchFn(url, { method, body, headers: { ...this.opts.headers, 'Content-Type': 'application/x-www-form-urlencoded' }, signal })
          : await fetchFn(params.length > 0 ? `${url}?${body}` : url, { headers: this.opts.headers, signal });
    } catch (e) {
      if (signal?.aborted) return this.failure('canceled', 'query canceled');
      return this.failure(
        'internal',
        `cannot reach ${url} (${errorMessage(e)}): the server is down, or it does not allow this page's origin ` +
          `(Prometheus needs --web.cors.origin matching this page)`,
      );
    }
    const text = await res.text();
    let answer: ApiAnswer<T> | undefined;
    try {
      answer = JSON.parse(text) as ApiAnswer<T>;
    } catch {
      answer = undefined;
    }
    if (answer?.status === 'success' && res.ok) return ok(answer as Success<T>);
    if (answer?.status === 'error') {
      const known = ERROR_TYPES.find((t) => t === answer.errorType);
      return this.failure(known ?? 'internal', known ? (answer.error ?? '') : `${answer.errorType}: ${answer.error ?? ''}`, res.status);
    }
    const excerpt = text.length > BODY_EXCERPT ? `${text.slice(0, BODY_EXCERPT)}…` : text;
    return this.failure('internal', `${url} answered HTTP ${res.status} ${res.statusText}: ${excerpt.trim()}`);
  }

  rangeQuery(expr: string, startMs: number, endMs: number, stepMs: number, queryId?: string): Promise<Result<RangeColumns>> {
    return this.inFlight.run(queryId, (signal) => this.range(expr, startMs, endMs, stepMs, signal));
  }

  instantQuery(expr: string, timeMs: number, queryId?: string): Promise<Result<InstantResult>> {
    return this.inFlight.run(queryId, (signal) => this.instant(expr, timeMs, signal));
  }

  async cancel(queryId: string): Promise<void> {
    this.inFlight.cancel(queryId);
  }

  private async range(expr: string, startMs: number, endMs: number, stepMs: number, signal: AbortSignal): Promise<Result<RangeColumns>> {
    const params: [string, string][] = [['query', expr], ['start', seconds(startMs)], ['end', seconds(endMs)], ['step', seconds(stepMs)]];
    const a = await this.call<ApiData>('/api/v1/query_range', params, 'POST', signal);
    if (!a.ok) return a;
    const data = a.value.data;
    if (data.resultType !== 'matrix') return this.failure('internal', `query_range answered a ${data.resultType}`);
    // The same columns engineQueries.range builds: one time axis, NaN where a series has no point.
    const n = Math.floor((endMs - startMs) / stepMs) + 1;
    const times = new Float64Array(n);
    for (let i = 0; i < n; i++) times[i] = startMs + i * stepMs;
    const series = data.result.map((s): GraphSeries => {
      const vs = new Float64Array(n).fill(NaN);
      const step = (t: number) => Math.round((apiTime(t) - startMs) / stepMs);
      for (const [t, v] of s.values ?? []) {
        const i = step(t);
        if (i >= 0 && i < n) vs[i] = parseSampleValue(v);
      }
      if (!s.histograms?.length) return { labels: s.metric, vs };
      const hs: (HistogramJSON | null)[] = new Array<HistogramJSON | null>(n).fill(null);
      for (const [t, h] of s.histograms) {
        const i = step(t);
        if (i >= 0 && i < n) hs[i] = h;
      }
      return { labels: s.metric, vs, hs };
    });
    return ok({ resultType: 'matrix', times, series, warnings: a.value.warnings ?? [], infos: a.value.infos ?? [] });
  }

  private async instant(expr: string, timeMs: number, signal: AbortSignal): Promise<Result<InstantResult>> {
    const a = await this.call<ApiData>('/api/v1/query', [['query', expr], ['time', seconds(timeMs)]], 'POST', signal);
    if (!a.ok) return a;
    const data = a.value.data;
    const base = { warnings: a.value.warnings ?? [], infos: a.value.infos ?? [] };
    switch (data.resultType) {
      case 'scalar':
        return ok({ ...base, resultType: 'scalar', rows: [{ labels: {}, t: apiTime(data.result[0]), value: parseSampleValue(data.result[1]) }] });
      case 'string':
        return ok({ ...base, resultType: 'string', rows: [], text: data.result[1] });
      case 'vector': {
        const rows: InstantRow[] = [];
        for (const s of data.result) {
          if (s.value) rows.push({ labels: s.metric, t: apiTime(s.value[0]), value: parseSampleValue(s.value[1]) });
          else if (s.histogram) rows.push({ labels: s.metric, t: apiTime(s.histogram[0]), value: NaN, histogram: s.histogram[1] });
        }
        return ok({ ...base, resultType: 'vector', rows });
      }
      case 'matrix':
        return ok({
          ...base,
          resultType: 'matrix',
          rows: [],
          matrix: data.result.map(seriesColumns),
        });
    }
  }

  private async lookUp<T>(path: string, params: [string, string][]): Promise<Result<T>> {
    const a = await this.call<T>(path, params, 'GET');
    return a.ok ? ok(a.value.data) : a;
  }

  labelNames(match: string[] = []): Promise<Result<string[]>> {
    return this.lookUp('/api/v1/labels', match.map((m) => ['match[]', m]));
  }

  labelValues(name: string, match: string[] = []): Promise<Result<string[]>> {
    return this.lookUp(`/api/v1/label/${encodeURIComponent(name)}/values`, match.map((m) => ['match[]', m]));
  }

  /** Series matching any selector; with a window, only those with samples in it (as the API's start and end). */
  series(match: string[], window?: TimeWindow): Promise<Result<Record<string, string>[]>> {
    const params: [string, string][] = match.map((m) => ['match[]', m]);
    if (window) params.push(['start', seconds(window.startMs)], ['end', seconds(window.endMs)]);
    return this.lookUp('/api/v1/series', params);
  }

  metadata(metric?: string): Promise<Result<Record<string, MetricMeta[]>>> {
    return this.lookUp('/api/v1/metadata', metric === undefined ? [] : [['metric', metric]]);
  }
}
