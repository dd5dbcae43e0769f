// The differential check: the queries in differential.queries.txt over the
// `demo` data set, answered by Vigil (loaded as `npm run eval` loads a file) and
// by a real Prometheus over blocks made from the same file, compared answer by
// answer. `tsx src/cli/main.ts differential [--queries FILE]` prints every
// disagreement and ends with the counts; differential.test.ts runs it in CI.

import { readFile } from 'node:fs/promises';
import { QueryEngine } from '../promql/engine';
import { Head } from '../tsdb/head';
import type { Querier } from '../tsdb/storage';
import { datasetInfo } from './datasets';
import { answer, failure, loadData } from './eval';
import { apiTime, startPrometheus, type ApiAnswer, type PrometheusServer } from './prometheusCompare';

/** One line of the query list: Vigil's spelling, and Prometheus 2.x's where 3.x renamed something. */
export interface DiffQuery {
  vigil: string;
  prometheus: string;
}

type Evaluation = { kind: 'instant'; time: number } | { kind: 'range'; start: number; end: number; step: number };

export interface Disagreement {
  query: string;
  at: string;
  what: string;
}

export interface DifferentialReport {
  /** Vigil's spelling of every query run. */
  queries: string[];
  checked: { instant: number; range: number };
  agreed: { instant: number; range: number };
  disagreements: Disagreement[];
}

/**
 * Queries whose answers are known to differ, each with its reason. The check
 * fails on any other disagreement, and on an entry here that agrees again.
 */
export const KNOWN_DIFFERENCES: ReadonlyMap<string, string> = new Map([
  [
    'max_over_time(count_over_time(http_requests_in_flight[1m])[5m:1m])',
    '2.x vs 3.x, kept to pin 3.x: the subquery steps fall on the sample grid, where a left-open 1m window (3.x) holds 12 samples and a left-closed one (2.x) 13',
  ],
  [
    'label_replace(http_requests_in_flight, "bad-name", "x", "instance", ".*")',
    '2.x vs 3.x: 3.x accepts any UTF-8 label name (functions.go: model.UTF8Validation), 2.x rejects "bad-name"',
  ],
  ['http_requests_in_flight atan2 4', '2.42 keeps __name__ through atan2; Prometheus drops it since 2.47 (commit 531567d)'],
]);

const QUERY_FILE = new URL('./differential.queries.txt', import.meta.url);
const RELATIVE_TOLERANCE = 1e-9;
// Enough of a long difference to act on; the rest is counted.
const MAX_LISTED = 3;

export function parseQueries(text: string): DiffQuery[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'))
    .map((l) => {
      const [vigil, prometheus = vigil] = l.split(' ;; ').map((q) => q.trim());
      return { vigil, prometheus };
    });
}

export async function readQueries(path: string | URL = QUERY_FILE): Promise<DiffQuery[]> {
  return parseQueries(await readFile(path, 'utf8'));
}

/**
 * Where each query is evaluated over `demo` (6 h at 5 s). Every time is off the
 * 5 s sample grid, so no range boundary meets a sample and 2.x's left-closed
 * ranges select what 3.x's left-open ones do.
 */
function evaluations(): Evaluation[] {
  const { start } = datasetInfo('demo');
  const at = (h: number, m: number, s: number) => start + ((h * 60 + m) * 60 + s) * 1000;
  return [
    { kind: 'instant', time: at(0, 20, 0.3) }, // less history than most ranges and offsets
    { kind: 'instant', time: at(2, 0, 0.3) }, // windows across the first block boundary
    { kind: 'instant', time: at(2, 15, 20.3) }, // demo-3 is down (restarting)
    { kind: 'instant', time: at(3, 37, 42.7) },
    { kind: 'instant', time: at(6, 1, 30.3) }, // after the last sample, within the lookback
    { kind: 'range', start: at(1, 0, 0.3), end: at(3, 0, 0.3), step: 60_000 },
    { kind: 'range', start: at(3, 20, 1.3), end: at(3, 50, 1.3), step: 37_000 }, // a step unlike the data's
    // Past the end of the data up to where subqueries' aligned inner steps would
    // reach 6 h 5 m, the one lookback boundary that meets a last sample.
    { kind: 'range', start: at(5, 40, 0.3), end: at(6, 4, 45.3), step: 15_000 },
  ];
}

function describeEvaluation(e: Evaluation): string {
  return e.kind === 'instant' ? `instant @ ${apiTime(e.time)}` : `range ${apiTime(e.start)}..${apiTime(e.end)} step ${e.step / 1000}s`;
}

/** Go's float text as the API writes it: `+Inf`, `-Inf`, `NaN` or a number. */
function apiFloat(text: string): number {
  return text === '+Inf' ? Infinity : text === '-Inf' ? -Infinity : Number(text);
}

function sameValue(a: string, b: string): boolean {
  const x = apiFloat(a);
  const y = apiFloat(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) && Number.isNaN(y);
  if (x === y) return true;
  if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
  return Math.abs(x - y) <= RELATIVE_TOLERANCE * Math.max(Math.abs(x), Math.abs(y));
}

/**
 * How two API values differ, or undefined. The very same float must also be
 * written the same way (Go's shortest digits, exponent below 1e-6 and from 1e21
 * on, as jsonutil.MarshalFloat does), so formatting slips show too.
 */
function valueDifference(vigil: string, prom: string): string | undefined {
  if (!sameValue(vigil, prom)) return `Vigil ${vigil} vs Prometheus ${prom}`;
  if (vigil !== prom && apiFloat(vigil) === apiFloat(prom)) return `Vigil writes ${vigil}, Prometheus ${prom}`;
  return undefined;
}

type ApiPoint = [number, string];
type ApiSeries = { metric: Record<string, string>; value?: ApiPoint; values?: ApiPoint[] };

function labelText(metric: Record<string, string>): string {
  const { __name__: name = '', ...rest } = metric;
  const pairs = Object.keys(rest)
    .sort()
    .map((k) => `${k}=${JSON.stringify(rest[k])}`);
  return `${name}{${pairs.join(',')}}`;
}

/** Compares two series' points; describes the first difference. */
function pointDifference(v: ApiPoint[], p: ApiPoint[]): string | undefined {
  const vt = new Map(v.map(([t, x]) => [Math.round(t * 1000), x]));
  const pt = new Map(p.map(([t, x]) => [Math.round(t * 1000), x]));
  for (const [t, x] of pt) {
    const y = vt.get(t);
    if (y === undefined) return `at ${apiTime(t)} only Prometheus has a point (${x})`;
    const d = valueDifference(y, x);
    if (d) return `at ${apiTime(t)} ${d}`;
  }
  for (const [t, y] of vt) if (!pt.has(t)) return `at ${apiTime(t)} only Vigil has a point (${y})`;
  return undefined;
}

function listed(items: string[]): string {
  return items.length <= MAX_LISTED ? items.join(', ') : `${items.slice(0, MAX_LISTED).join(', ')} and ${items.length - MAX_LISTED} more`;
}

function seriesDifference(vigil: ApiSeries[], prom: ApiSeries[], ordered: boolean): string | undefined {
  const points = (s: ApiSeries) => s.values ?? (s.value ? [s.value] : []);
  const byKey = (list: ApiSeries[]) => new Map(list.map((s) => [labelText(s.metric), points(s)]));
  const v = byKey(vigil);
  const p = byKey(prom);
  const onlyProm = [...p.keys()].filter((k) => !v.has(k));
  const onlyVigil = [...v.keys()].filter((k) => !p.has(k));
  const notes: string[] = [];
  if (onlyProm.length > 0) notes.push(`${onlyProm.length} series only in Prometheus: ${listed(onlyProm)}`);
  if (onlyVigil.length > 0) notes.push(`${onlyVigil.length} series only in Vigil: ${listed(onlyVigil)}`);
  const differing: string[] = [];
  for (const [k, pp] of p) {
    const vp = v.get(k);
    const d = vp && pointDifference(vp, pp);
    if (d) differing.push(`${k} ${d}`);
  }
  if (differing.length > 0) notes.push(`${differing.length} series differ: ${listed(differing)}`);
  // Only sort and sort_desc promise an order; ties may fall either way, so the values' order is compared.
  if (notes.length === 0 && ordered) {
    const vs = vigil.map((s) => points(s)[0]?.[1]);
    const ps = prom.map((s) => points(s)[0]?.[1]);
    if (vs.some((x, i) => !sameValue(x ?? '', ps[i] ?? ''))) notes.push(`order differs: Vigil [${vs.join(', ')}] vs Prometheus [${ps.join(', ')}]`);
  }
  return notes.length > 0 ? notes.join('; ') : undefined;
}

function summary(a: ApiAnswer): string {
  if (a.status === 'error') return `${a.errorType} error (${a.error})`;
  const r = a.data!.result;
  return Array.isArray(r) && a.data!.resultType !== 'scalar' && a.data!.resultType !== 'string' ? `${a.data!.resultType} of ${r.length} series` : `${a.data!.resultType} ${JSON.stringify(r)}`;
}

/**
 * What differs between two API answers, or undefined when they agree: the same
 * result type and series, each value within 1e-9 relative (NaN equal to NaN);
 * errors agree when their errorType does. Warnings and infos are not compared.
 */
export function compareAnswers(vigil: ApiAnswer, prom: ApiAnswer, ordered = false): string | undefined {
  if (vigil.status === 'error' || prom.status === 'error') {
    if (vigil.status === prom.status && vigil.errorType === prom.errorType) return undefined;
    return `Vigil: ${summary(vigil)}; Prometheus: ${summary(prom)}`;
  }
  const vd = vigil.data!;
  const pd = prom.data!;
  if (vd.resultType !== pd.resultType) return `Vigil: ${summary(vigil)}; Prometheus: ${summary(prom)}`;
  if (vd.resultType === 'scalar' || vd.resultType === 'string') {
    const [vt, vv] = vd.result as ApiPoint;
    const [pt, pv] = pd.result as ApiPoint;
    if (Math.round(vt * 1000) !== Math.round(pt * 1000)) return `Vigil at ${vt} vs Prometheus at ${pt}`;
    return vd.resultType === 'string' ? (vv === pv ? undefined : `Vigil ${JSON.stringify(vv)} vs Prometheus ${JSON.stringify(pv)}`) : valueDifference(vv, pv);
  }
  return seriesDifference(vd.result as ApiSeries[], pd.result as ApiSeries[], ordered);
}

async function vigilAnswer(engine: QueryEngine, querier: Querier, query: string, e: Evaluation): Promise<ApiAnswer> {
  try {
    const r = e.kind === 'instant' ? await engine.instantQuery(querier, query, e.time) : await engine.rangeQuery(querier, query, e.start, e.end, e.step);
    return JSON.parse(answer(r)) as ApiAnswer;
  } catch (err) {
    return JSON.parse(failure(err)) as ApiAnswer;
  }
}

function prometheusAnswer(prom: PrometheusServer, query: string, e: Evaluation): Promise<ApiAnswer> {
  return e.kind === 'instant' ? prom.instant(query, e.time) : prom.range(query, e.start, e.end, e.step);
}

export async function runDifferential(queries: DiffQuery[]): Promise<DifferentialReport> {
  const prom = await startPrometheus('demo');
  try {
    const head = new Head();
    await loadData(prom.dataFile, head);
    const querier = head.querier();
    const engine = new QueryEngine();
    const report: DifferentialReport = {
      queries: queries.map((q) => q.vigil),
      checked: { instant: 0, range: 0 },
      agreed: { instant: 0, range: 0 },
      disagreements: [],
    };
    for (const e of evaluations()) {
      for (const q of queries) {
        // Prometheus answers over HTTP while Vigil evaluates here.
        const pending = prometheusAnswer(prom, q.prometheus, e);
        const vigil = await vigilAnswer(engine, querier, q.vigil, e);
        const ordered = e.kind === 'instant' && /^sort(_desc)?\s*\(/.test(q.vigil);
        const what = compareAnswers(vigil, await pending, ordered);
        report.checked[e.kind]++;
        if (what === undefined) report.agreed[e.kind]++;
        else report.disagreements.push({ query: q.vigil, at: describeEvaluation(e), what });
      }
    }
    return report;
  } finally {
    await prom.stop();
  }
}

/** Disagreements not in KNOWN_DIFFERENCES, and known ones that were run and no longer show. */
export function verdict(report: DifferentialReport): { unexpected: Disagreement[]; nowAgree: string[] } {
  const differing = new Set(report.disagreements.map((d) => d.query));
  return {
    unexpected: report.disagreements.filter((d) => !KNOWN_DIFFERENCES.has(d.query)),
    nowAgree: report.queries.filter((q) => KNOWN_DIFFERENCES.has(q) && !differing.has(q)),
  };
}

/** The report as lines: each differing query once with where and what, then the counts. */
export function formatReport(report: DifferentialReport): string[] {
  const lines: string[] = [];
  const byQuery = new Map<string, Disagreement[]>();
  for (const d of report.disagreements) byQuery.set(d.query, [...(byQuery.get(d.query) ?? []), d]);
  for (const [query, ds] of byQuery) {
    const known = KNOWN_DIFFERENCES.get(query);
    lines.push(`${known ? 'known' : 'DIFFERS'}: ${query}${known ? ` (${known})` : ''}`);
    // A known difference shows once, as an example; a new one everywhere it shows.
    for (const d of known ? ds.slice(0, 1) : ds) lines.push(`  ${d.at}: ${d.what}`);
  }
  const { unexpected, nowAgree } = verdict(report);
  for (const q of nowAgree) lines.push(`agrees now, drop from KNOWN_DIFFERENCES: ${q}`);
  const { checked, agreed } = report;
  lines.push(
    `instant: ${agreed.instant}/${checked.instant} agree, range: ${agreed.range}/${checked.range} agree; ` +
      `${byQuery.size} queries differ somewhere (${new Set(unexpected.map((d) => d.query)).size} unexpected)`,
  );
  return lines;
}

export async function run(args: string[]): Promise<number> {
  const i = args.indexOf('--queries');
  const report = await runDifferential(await readQueries(i >= 0 ? args[i + 1] : undefined));
  process.stdout.write(formatReport(report).join('\n') + '\n');
  const { unexpected, nowAgree } = verdict(report);
  return unexpected.length === 0 && nowAgree.length === 0 ? 0 : 1;
}
