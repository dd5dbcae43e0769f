// Renders simulated families as one scrape page (Prometheus text 0.0.4), as
// the demo targets serve them and the benchmarks parse them.

import { METRIC_NAME } from '../model/labels';
import type { SimFamily } from './demoService';

export function formatSampleValue(v: number): string {
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

function escapeHelp(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function escapeValue(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

/** The series text `name{a="b"}` of a label set, as an exposition line starts. */
export function seriesText(labels: { forEach(fn: (n: string, v: string) => void): void; get(n: string): string }): string {
  const parts: string[] = [];
  labels.forEach((n, v) => {
    if (n !== METRIC_NAME) parts.push(`${n}="${escapeValue(v)}"`);
  });
  const name = labels.get(METRIC_NAME);
  return parts.length === 0 ? name : `${name}{${parts.join(',')}}`;
}

/** One page at time t (ms); absent series are left out, families with none too. */
export function renderTextPage(families: readonly SimFamily[], t: number): string {
  const out: string[] = [];
  for (const f of families) {
    const lines: string[] = [];
    for (const s of f.series) {
      const v = s.valueAt(t);
      if (v !== undefined) lines.push(`${seriesText(s.labels)} ${formatSampleValue(v)}`);
    }
    if (lines.length === 0) continue;
    out.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`, ...lines);
  }
  return out.join('\n') + '\n';
}
