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
