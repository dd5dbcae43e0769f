// Writes stored series back out as an exposition: Prometheus text (values as
// expfmt's writeFloat, integer ms timestamps) or OpenMetrics 1.0 (values as
// writeOpenMetricsFloat, timestamps in seconds, `# EOF`), one contiguous
// block per metric family, for export and for `promtool tsdb create-blocks-from`.
//
// Native histogram samples are left out: neither text format carries them
// (Prometheus 3.14's text and OpenMetrics parsers have no syntax for one; only
// the protobuf format does), and writing their float column would write a 0
// that never was. `histogramSamples` counts what was left out, for the report.

import { compareStrings, isLegacyLabelName, isLegacyName, METRIC_NAME, type Labels } from '../model/labels';
import type { Metadata, MetricType } from '../model/metricType';
import { isStaleNaN } from '../model/staleNaN';
import type { SeriesData } from '../model/seriesData';
import { formatGoFloat, formatOpenMetricsFloat } from './goFloat';
import { canonicalFloat, groupKey, SUFFIXES } from './openMetricsRules';

export interface WriteOptions {
  /** Metadata by metric family name (TYPE, HELP, UNIT lines). */
  metadata?: ReadonlyMap<string, Metadata>;
}

interface Family {
  name: string;
  type: MetricType;
  meta: Metadata | undefined;
  series: SeriesData[];
}

const TEXT_TYPES = new Set<MetricType>(['counter', 'gauge', 'histogram', 'summary']);
const SAMPLE_ORDER = ['', '_total', '_info', '_bucket', '_count', '_gcount', '_sum', '_gsum', '_created'];

/** Prometheus text format 0.0.4 (names outside the legacy charset quoted as in text 1.0.0). Stale markers are left out. */
export function writePromText(series: readonly SeriesData[], options: WriteOptions = {}): string {
  const out: string[] = [];
  for (const f of families(series, options.metadata, false)) {
    if (f.meta?.help) out.push(`# HELP ${metaName(f.name)} ${escapeHelp(f.meta.help, false)}\n`);
    if (f.meta) out.push(`# TYPE ${metaName(f.name)} ${TEXT_TYPES.has(f.type) ? f.type : 'untyped'}\n`);
    for (const s of f.series) {
      const key = seriesText(s.labels);
      for (let i = 0; i < s.ts.length; i++) {
        if (isStaleNaN(s.vs[i]) || s.hs?.[i] !== undefined) continue;
        out.push(`${key} ${textFloat(s.vs[i])} ${s.ts[i]}\n`);
      }
    }
  }
  return out.join('');
}

/**
 * OpenMetrics 1.0 text with timestamps, `# EOF` terminated. Within a family,
 * the samples of one group (a histogram's buckets, count and sum; a summary's
 * quantiles) are written together per timestamp, as the specification orders
 * them. A family whose sample names do not fit its type is written as unknown.
 */
export function writeOpenMetrics(series: readonly SeriesData[], options: WriteOptions = {}): string {
  const out: string[] = [];
  for (const f of families(series, options.metadata, true)) {
    out.push(`# TYPE ${metaName(f.name)} ${f.type}\n`);
    const unit = f.meta?.unit;
    if (unit && f.name.endsWith(`_${unit}`) && f.type !== 'info' && f.type !== 'stateset') out.push(`# UNIT ${metaName(f.name)} ${unit}\n`);
    if (f.meta?.help) out.push(`# HELP ${metaName(f.name)} ${escapeHelp(f.meta.help, true)}\n`);
    for (const group of groups(f)) writeGroup(out, group);
  }
  out.push('# EOF\n');
  return out.join('');
}

function writeGroup(out: string[], group: SeriesData[]): void {
  const keys = group.map((s) => seriesText(s.labels));
  const at = new Int32Array(group.length);
  for (;;) {
    let t = Infinity;
    for (let k = 0; k < group.length; k++) if (at[k] < group[k].ts.length) t = Math.min(t, group[k].ts[at[k]]);
    if (t === Infinity) return;
    for (let k = 0; k < group.length; k++) {
      const s = group[k];
      if (at[k] >= s.ts.length || s.ts[at[k]] !== t) continue;
      const i = at[k]++;
      const v = s.vs[i];
      if (!isStaleNaN(v) && s.hs?.[i] === undefined) out.push(`${keys[k]} ${formatOpenMetricsFloat(v)} ${openMetricsSeconds(t)}\n`);
    }
  }
}

/**
 * Seconds with the milliseconds as decimals. Prometheus reads them back as
 * int64(seconds * 1000), truncating, so where the float product falls just
 * short of the integer a trailing half millisecond keeps the read exact.
 */
export function openMetricsSeconds(ms: number): string {
  const abs = Math.abs(ms);
  const text = `${ms < 0 ? '-' : ''}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`;
  return Math.trunc(Number(text) * 1000) === ms ? text : `${text}5`;
}

/** How many native histogram samples these series hold, all of which the writers leave out. */
export function histogramSamples(series: readonly SeriesData[]): number {
  let n = 0;
  for (const s of series) for (const h of s.hs ?? []) if (h !== undefined) n++;
  return n;
}

/** A series of histogram samples only writes no line, so it gets no family either. */
function histogramsOnly(s: SeriesData): boolean {
  return s.hs !== undefined && s.hs.length === s.ts.length && s.hs.every((h) => h !== undefined);
}

function families(series: readonly SeriesData[], metadata: ReadonlyMap<string, Metadata> | undefined, openMetrics: boolean): Family[] {
  const byName = new Map<string, Family>();
  for (const s of series) {
    if (histogramsOnly(s)) continue;
    const name = s.labels.metricName;
    let family = familyName(name, metadata);
    const meta = metadata?.get(family);
    // Text-format counters are named with their _total; an OpenMetrics family is named without.
    if (openMetrics && meta?.type === 'counter' && family === name && name.endsWith('_total')) family = name.slice(0, -6);
    let f = byName.get(family);
    if (!f) byName.set(family, (f = { name: family, type: meta?.type ?? 'unknown', meta, series: [] }));
    f.series.push(s);
  }
  const out: Family[] = [];
  for (const f of byName.values()) {
    const fits = f.series.every((s) => SUFFIXES[f.type].some((x) => f.name + x === s.labels.metricName));
    if (!openMetrics || fits) out.push(f);
    else {
      const split = new Map<string, Family>();
      for (const s of f.series) {
        const name = s.labels.metricName;
        let g = split.get(name);
        if (!g) split.set(name, (g = { name, type: 'unknown', meta: metadata?.get(name), series: [] }));
        g.series.push(s);
      }
      out.push(...split.values());
    }
  }
  return out.sort((a, b) => compareStrings(a.name, b.name));
}

function familyName(name: string, metadata: ReadonlyMap<string, Metadata> | undefined): string {
  if (!metadata || metadata.has(name)) return name;
  for (const suffix of SAMPLE_ORDER) {
    if (suffix === '' || !name.endsWith(suffix)) continue;
    const base = name.slice(0, -suffix.length);
    const type = metadata.get(base)?.type;
    if (type !== undefined && SUFFIXES[type].includes(suffix)) return base;
  }
  return name;
}

/** The family's series split into OpenMetrics groups, each group's samples in the order the specification expects. */
function groups(f: Family): SeriesData[][] {
  const byKey = new Map<string, SeriesData[]>();
  for (const s of f.series) {
    const suffix = s.labels.metricName.slice(f.name.length);
    const labels = new Map<string, string>();
    s.labels.forEach((n, v) => {
      if (n !== METRIC_NAME) labels.set(n, v);
    });
    const key = groupKey(f.name, f.type, suffix, labels);
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = []));
    g.push(s);
  }
  const keys = [...byKey.keys()].sort(compareStrings);
  return keys.map((k) => byKey.get(k)!.sort((a, b) => sampleOrder(f, a.labels, b.labels)));
}

function sampleOrder(f: Family, a: Labels, b: Labels): number {
  const sa = SAMPLE_ORDER.indexOf(a.metricName.slice(f.name.length));
  const sb = SAMPLE_ORDER.indexOf(b.metricName.slice(f.name.length));
  if (sa !== sb) return sa - sb;
  const bound = f.type === 'summary' ? 'quantile' : 'le';
  const la = canonicalFloat(a.get(bound)) ?? NaN;
  const lb = canonicalFloat(b.get(bound)) ?? NaN;
  if (la !== lb && !Number.isNaN(la) && !Number.isNaN(lb)) return la - lb;
  return compareStrings(a.key(), b.key());
}

/** `name{a="1",b="2"}`, or `{"my.name",a="1"}` when the name needs quoting. */
function seriesText(labels: Labels): string {
  const name = labels.metricName;
  const parts: string[] = [];
  labels.forEach((n, v) => {
    if (n !== METRIC_NAME) parts.push(`${isLegacyLabelName(n) ? n : `"${escapeLabel(n)}"`}="${escapeLabel(v)}"`);
  });
  if (isLegacyName(name)) return parts.length === 0 ? name : `${name}{${parts.join(',')}}`;
  return `{"${escapeLabel(name)}"${parts.length > 0 ? ',' : ''}${parts.join(',')}}`;
}

function metaName(name: string): string {
  return isLegacyName(name) ? name : `"${escapeLabel(name)}"`;
}

/** expfmt's escaping of label values: backslash, double quote and newline. */
function escapeLabel(s: string): string {
  return s.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** HELP escaping: backslash and newline in the text format, double quotes too in OpenMetrics. */
function escapeHelp(s: string, openMetrics: boolean): string {
  return s.replace(openMetrics ? /[\\"\n]/g : /[\\\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** expfmt's writeFloat: Go's shortest 'g', with -0 written as 0 (it tests f == 0). */
function textFloat(v: number): string {
  if (v === 0) return '0';
  return formatGoFloat(v);
}
