// The engine's own metrics, served as a scrape page the way Prometheus
// exposes /metrics about itself. Few and fixed, so a small registry suffices.

import { Labels } from '../model/labels';
import { formatSampleValue, seriesText } from '../scrape/simPage';

type Kind = 'counter' | 'gauge' | 'histogram';

interface Family {
  name: string;
  kind: Kind;
  help: string;
  /** Label set key → value (counters, gauges). */
  values: Map<string, { labels: Labels; value: number }>;
  buckets?: readonly number[];
  /** Label set key → histogram state. */
  hist?: Map<string, { labels: Labels; counts: Float64Array; sum: number; count: number }>;
}

export class SelfMetrics {
  private readonly families = new Map<string, Family>();
  private readonly collectors: (() => void)[] = [];

  private family(name: string, kind: Kind, help: string, buckets?: readonly number[]): Family {
    let f = this.families.get(name);
    if (!f) {
      f = { name, kind, help, values: new Map(), buckets, hist: buckets ? new Map() : undefined };
      this.families.set(name, f);
    }
    return f;
  }

  counter(name: string, help: string): (by?: number, labels?: Record<string, string>) => void {
    const f = this.family(name, 'counter', help);
    return (by = 1, labels = {}) => {
      const l = Labels.from({ ...labels, __name__: name });
      const e = f.values.get(l.key());
      if (e) e.value += by;
      else f.values.set(l.key(), { labels: l, value: by });
    };
  }

  gauge(name: string, help: string): (value: number, labels?: Record<string, string>) => void {
    const f = this.family(name, 'gauge', help);
    return (value, labels = {}) => {
      const l = Labels.from({ ...labels, __name__: name });
      f.values.set(l.key(), { labels: l, value });
    };
  }

  histogram(name: string, help: string, buckets: readonly number[]): (value: number, labels?: Record<string, string>) => void {
    const f = this.family(name, 'histogram', help, buckets);
    return (value, labels = {}) => {
      const l = Labels.from(labels);
      let h = f.hist!.get(l.key());
      if (!h) f.hist!.set(l.key(), (h = { labels: l, counts: new Float64Array(buckets.length), sum: 0, count: 0 }));
      for (let i = 0; i < buckets.length; i++) if (value <= buckets[i]) h.counts[i]++;
      h.sum += value;
      h.count++;
    };
  }

  /** Runs before each exposition, to refresh gauges read from elsewhere. */
  onCollect(fn: () => void): void {
    this.collectors.push(fn);
  }

  /** Prometheus text format 0.0.4. */
  expose(): string {
    for (const c of this.collectors) c();
    const out: string[] = [];
    for (const f of this.families.values()) {
      out.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.kind}`);
      for (const { labels, value } of f.values.values()) out.push(`${seriesText(labels)} ${formatSampleValue(value)}`);
      if (f.hist) {
        for (const h of f.hist.values()) {
          const named = (suffix: string, extra: Record<string, string> = {}) =>
            seriesText(Labels.from({ ...h.labels.toObject(), ...extra, __name__: f.name + suffix }));
          f.buckets!.forEach((b, i) => out.push(`${named('_bucket', { le: formatSampleValue(b) })} ${h.counts[i]}`));
          out.push(`${named('_bucket', { le: '+Inf' })} ${h.count}`);
          out.push(`${named('_sum')} ${formatSampleValue(h.sum)}`, `${named('_count')} ${h.count}`);
        }
      }
    }
    return out.join('\n') + '\n';
  }
}
