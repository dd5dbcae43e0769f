import { describe, expect, it } from 'vitest';
import { datasetInfo, datasetSeries, datasetValue, expositionPage, writeOpenMetrics } from './datasets';

describe('standard data sets', () => {
  it('scale holds exactly 10,000 distinct series over 2 h at 15 s', () => {
    const info = datasetInfo('scale');
    expect(info.seriesCount).toBe(10_000);
    expect(new Set(datasetSeries('scale').map((l) => l.key())).size).toBe(10_000);
    expect((info.end - info.start) / info.stepMs).toBe(480);
  });

  it('shapes is 8 instances of the demo service over 3 h at 5 s', () => {
    const info = datasetInfo('shapes');
    expect(new Set(datasetSeries('shapes').map((l) => l.get('instance'))).size).toBe(8);
    expect(info.seriesCount).toBe(784);
    expect((info.end - info.start) / info.stepMs).toBe(2160);
  });

  it('matrix selects 10, 1,000 and 10,000 series of each family by group, buckets cumulative', () => {
    const series = datasetSeries('matrix');
    const count = (name: string, group: string) => series.filter((l) => l.metricName === name && l.get('group') === group).length;
    for (const [group, n] of [['10', 10], ['1k', 1_000], ['10k', 10_000]] as const) {
      expect([count('matrix_gauge', group), count('matrix_requests_total', group), count('matrix_latency_seconds_bucket', group)]).toEqual([n, n, n]);
    }
    const info = datasetInfo('matrix');
    expect(info.stepMs).toBe(5_000);
    const t = info.start + 40 * 60_000;
    const buckets = series.flatMap((l, i) => (l.metricName === 'matrix_latency_seconds_bucket' && l.get('group') === '1k' && l.get('i') === '7' ? [datasetValue('matrix', i, t)!] : []));
    expect(buckets).toHaveLength(10);
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
  });

  it('demo is 3 instances of the demo service over 6 h at 5 s', () => {
    const info = datasetInfo('demo');
    const instances = new Set(datasetSeries('demo').map((l) => l.get('instance')));
    expect([...instances].sort()).toEqual(['demo-1', 'demo-2', 'demo-3']);
    expect((info.end - info.start) / info.stepMs).toBe(4320);
  });

  it('counters never decrease while their process runs', () => {
    const series = datasetSeries('demo');
    const { start, stepMs } = datasetInfo('demo');
    series.forEach((l, i) => {
      if (!l.metricName.endsWith('_total') && !l.metricName.endsWith('_bucket')) return;
      let prev = -Infinity;
      for (let t = start; t < start + 600_000; t += stepMs) {
        const v = datasetValue('demo', i, t);
        if (v === undefined) {
          prev = -Infinity;
          continue;
        }
        expect(v, l.toString()).toBeGreaterThanOrEqual(prev);
        prev = v;
      }
    });
  });

  it('is the same every time', () => {
    const t = datasetInfo('demo').start + 3_600_000;
    expect(expositionPage('demo', t)).toBe(expositionPage('demo', t));
  });

  it('writes OpenMetrics with contiguous families and # EOF last', () => {
    let text = '';
    writeOpenMetrics('demo', (c) => (text += c));
    const lines = text.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('# EOF');
    const typed = lines.filter((l) => l.startsWith('# TYPE ')).map((l) => l.split(' ')[2]);
    expect(new Set(typed).size).toBe(typed.length);
    expect(lines).toContain('# TYPE http_requests counter');
    expect(lines.some((l) => /^http_requests_total\{.*\} \d+ 1767225600$/.test(l))).toBe(true);
  });
});
