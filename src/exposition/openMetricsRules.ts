// The OpenMetrics 1.0 specification's rules beyond syntax: families and their
// metadata, sample names per type, counter-like values, histogram buckets,
// grouping and timestamp order, exemplar placement. Prometheus does not check
// these when scraping; the OpenMetrics reference parser (prometheus_client's
// openmetrics/parser.py) does, and so does a strict OpenMetricsParser.

import type { MetricType } from '../model/metricType';

export interface RuleSample {
  name: string;
  labels: readonly [string, string][];
  value: number;
  /** Seconds, as written. */
  timestamp: number | undefined;
  /** Code points in the exemplar's label names and values; undefined without one. */
  exemplarRunes: number | undefined;
}

/** The sample names a family of each type may use, as suffixes of the family name. */
export const SUFFIXES: Record<MetricType, readonly string[]> = {
  counter: ['_total', '_created'],
  summary: ['', '_sum', '_count', '_created'],
  histogram: ['_bucket', '_sum', '_count', '_created'],
  gaugehistogram: ['_bucket', '_gsum', '_gcount'],
  info: ['_info'],
  stateset: [''],
  gauge: [''],
  unknown: [''],
};

const NAN_FORBIDDEN = new Set(['_total', '_sum', '_count', '_bucket', '_gcount', '_gsum']);
const NEGATIVE_FORBIDDEN = new Set(['_total', '_sum', '_count', '_bucket', '_gcount']);
const EXEMPLAR_MAX_RUNES = 128;

interface Family {
  name: string;
  type: MetricType | undefined;
  help: boolean;
  unit: string | undefined;
  samples: number;
}

/** Buckets, count and sums of one histogram group at one timestamp (parser.py's _check_histogram). */
class HistogramGroup {
  le: number | undefined;
  bucketValue = 0;
  count: number | undefined;
  sum = false;
  gsum = false;
  negativeBucket = false;
  negativeGsum = false;

  problem(): string | undefined {
    if (this.le !== Infinity) return '+Inf bucket missing';
    if (this.count !== undefined && this.count !== this.bucketValue) return 'count does not match +Inf bucket value';
    if (this.sum && this.count === undefined) return '_count must be present if _sum is present';
    if (this.gsum && this.count === undefined) return '_gcount must be present if _gsum is present';
    if (!(this.sum || this.gsum) && this.count !== undefined) return '_sum/_gsum must be present if _count is present';
    if (this.negativeBucket && this.sum) return 'cannot have _sum with negative buckets';
    if (!this.negativeBucket && this.negativeGsum) return 'cannot have negative _gsum with non-negative buckets';
    return undefined;
  }
}

export class OpenMetricsRules {
  private family: Family | undefined;
  /** Every sample name a family so far may use, to the family that owns it. */
  private readonly owners = new Map<string, string>();
  private group: string | undefined;
  private groupTimestamp: number | undefined;
  private readonly seenGroups = new Set<string>();
  private histogram: HistogramGroup | undefined;

  metadata(kind: 'type' | 'help' | 'unit', name: string, text: string): string | undefined {
    if (this.family === undefined || this.family.name !== name) {
      const problem = this.startFamily(name);
      if (problem) return problem;
    }
    const f = this.family!;
    if (f.samples > 0) return `metadata for ${JSON.stringify(name)} after its samples`;
    if (kind === 'help') {
      if (f.help) return `second HELP for metric ${JSON.stringify(name)}`;
      f.help = true;
    } else if (kind === 'unit') {
      if (f.unit !== undefined) return `second UNIT for metric ${JSON.stringify(name)}`;
      f.unit = text;
    } else {
      if (f.type !== undefined) return `second TYPE for metric ${JSON.stringify(name)}`;
      f.type = text as MetricType;
      for (const s of SUFFIXES[f.type]) {
        const owner = this.owners.get(name + s);
        if (owner !== undefined && owner !== name) return `name ${JSON.stringify(name + s)} of metric ${JSON.stringify(name)} clashes with metric ${JSON.stringify(owner)}`;
        this.owners.set(name + s, name);
      }
    }
    if (f.unit && (f.type === 'info' || f.type === 'stateset')) return `units are not allowed for ${f.type} metric ${JSON.stringify(name)}`;
    return undefined;
  }

  sample(s: RuleSample): string | undefined {
    let f = this.family;
    if (f === undefined || !SUFFIXES[f.type ?? 'unknown'].some((x) => f!.name + x === s.name)) {
      const problem = this.startFamily(s.name);
      if (problem) return problem;
      f = this.family!;
    }
    f.samples++;
    const type = f.type ?? 'unknown';
    const suffix = s.name.slice(f.name.length);
    const labels = new Map<string, string>();
    for (const [n, v] of s.labels) {
      if (labels.has(n)) return `duplicate label name ${JSON.stringify(n)}`;
      labels.set(n, v);
    }

    const problem = this.sampleValue(s, type, suffix, labels) ?? this.grouping(s, f, type, suffix, labels);
    if (problem) return problem;
    if (s.exemplarRunes !== undefined) {
      const allowed = ((type === 'histogram' || type === 'gaugehistogram') && suffix === '_bucket') || (type === 'counter' && suffix === '_total');
      if (!allowed) return 'only histogram/gaugehistogram buckets and counters can have exemplars';
      if (s.exemplarRunes > EXEMPLAR_MAX_RUNES) return `exemplar labels have ${s.exemplarRunes} UTF-8 characters, more than ${EXEMPLAR_MAX_RUNES}`;
    }
    return undefined;
  }

  finish(): string | undefined {
    return this.closeFamily();
  }

  private sampleValue(s: RuleSample, type: MetricType, suffix: string, labels: Map<string, string>): string | undefined {
    const v = s.value;
    if (type !== 'gauge' && type !== 'unknown' && NAN_FORBIDDEN.has(suffix)) {
      if (Number.isNaN(v)) return 'counter-like samples cannot be NaN';
      if (v < 0 && NEGATIVE_FORBIDDEN.has(suffix)) return 'counter-like samples cannot be negative';
    }
    if ((suffix === '_bucket' || suffix === '_count' || suffix === '_gcount') && type !== 'gauge' && type !== 'unknown' && !Number.isInteger(v)) {
      return `${suffix.slice(1)} value must be an integer`;
    }
    if ((type === 'histogram' || type === 'gaugehistogram') && suffix === '_bucket') {
      const le = labels.get('le');
      if (le === undefined || canonicalFloat(le) === undefined || Number.isNaN(canonicalFloat(le))) return `invalid le label ${JSON.stringify(le ?? '')}`;
    }
    if (type === 'summary' && suffix === '') {
      const q = labels.get('quantile');
      const qv = q === undefined ? undefined : canonicalFloat(q);
      if (qv === undefined || !(qv >= 0 && qv <= 1)) return `invalid quantile label ${JSON.stringify(q ?? '')}`;
      if (v < 0) return 'quantile values cannot be negative';
    }
    if (type === 'stateset') {
      if (!labels.has(s.name)) return `stateset sample is missing its ${JSON.stringify(s.name)} label`;
      if (v !== 0 && v !== 1) return 'stateset samples can only have values zero and one';
    }
    if (type === 'info' && v !== 1) return 'info samples can only have value one';
    return undefined;
  }

  private grouping(s: RuleSample, f: Family, type: MetricType, suffix: string, labels: Map<string, string>): string | undefined {
    const key = groupKey(f.name, type, suffix, labels);
    if (key === this.group) {
      if ((s.timestamp === undefined) !== (this.groupTimestamp === undefined)) return 'mix of timestamp presence within a group';
      if (this.groupTimestamp !== undefined && s.timestamp! < this.groupTimestamp && type !== 'info') return 'timestamps went backwards within a group';
    } else if (this.seenGroups.has(key)) {
      return 'invalid metric grouping: samples of one group must be contiguous';
    }
    if (type === 'histogram' || type === 'gaugehistogram') {
      if (key !== this.group || s.timestamp !== this.groupTimestamp) {
        const problem = this.histogram?.problem();
        if (problem) return `${problem} for ${JSON.stringify(f.name)}`;
        this.histogram = new HistogramGroup();
      }
      const problem = histogramSample(this.histogram!, suffix, s.value, labels);
      if (problem) return `${problem} for ${JSON.stringify(f.name)}`;
    }
    this.group = key;
    this.groupTimestamp = s.timestamp;
    this.seenGroups.add(key);
    return undefined;
  }

  private startFamily(name: string): string | undefined {
    const problem = this.closeFamily();
    if (problem) return problem;
    const owner = this.owners.get(name);
    if (owner !== undefined) return `name ${JSON.stringify(name)} clashes with earlier metric ${JSON.stringify(owner)}`;
    this.owners.set(name, name);
    this.family = { name, type: undefined, help: false, unit: undefined, samples: 0 };
    return undefined;
  }

  private closeFamily(): string | undefined {
    const f = this.family;
    const problem = f && this.histogram?.problem();
    this.histogram = undefined;
    this.group = undefined;
    this.groupTimestamp = undefined;
    this.seenGroups.clear();
    return problem ? `${problem} for ${JSON.stringify(f!.name)}` : undefined;
  }
}

function histogramSample(h: HistogramGroup, suffix: string, v: number, labels: Map<string, string>): string | undefined {
  if (suffix === '_bucket') {
    const le = canonicalFloat(labels.get('le')!)!;
    if (le < 0) h.negativeBucket = true;
    if (h.le !== undefined && le <= h.le) return 'buckets out of order';
    if (v < h.bucketValue) return 'bucket values out of order';
    h.le = le;
    h.bucketValue = v;
  } else if (suffix === '_count' || suffix === '_gcount') {
    h.count = v;
  } else if (suffix === '_sum') {
    h.sum = true;
  } else if (suffix === '_gsum') {
    h.gsum = true;
    if (v < 0) h.negativeGsum = true;
  }
  return undefined;
}

/** The labels that tie samples of one family into a group (parser.py's _group_for_sample). */
export function groupKey(family: string, type: MetricType, suffix: string, labels: ReadonlyMap<string, string>): string {
  if (type === 'info') return '';
  let drop = '';
  if (type === 'summary' && suffix === '') drop = 'quantile';
  else if (type === 'stateset') drop = family;
  else if ((type === 'histogram' || type === 'gaugehistogram') && suffix === '_bucket') drop = 'le';
  const pairs: string[] = [];
  for (const [n, v] of labels) if (n !== drop) pairs.push(`${n}\xff${v}`);
  return pairs.sort().join('\xfe');
}

/** A label value read as a number the way OpenMetrics allows (`+Inf`, `-Inf` only in that spelling); undefined when not one. */
export function canonicalFloat(text: string): number | undefined {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]Inf$|^NaN$/.test(text)) return undefined;
  if (text === 'NaN') return NaN;
  if (text.endsWith('Inf')) return text[0] === '-' ? -Infinity : Infinity;
  return Number(text);
}
