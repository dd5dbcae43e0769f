import { describe, expect, it } from 'vitest';
import { SelfMetrics } from './selfMetrics';

describe('SelfMetrics', () => {
  it('exposes counters, gauges and histograms as Prometheus text', () => {
    const m = new SelfMetrics();
    const scrapes = m.counter('vigil_scrapes_total', 'Scrapes run.');
    const loops = m.gauge('vigil_scrape_loops', 'Scrape loops running.');
    const dur = m.histogram('vigil_query_duration_seconds', 'Query time.', [0.1, 1]);
    scrapes(1, { job: 'demo' });
    scrapes(2, { job: 'demo' });
    loops(4);
    dur(0.05);
    dur(0.5);
    const text = m.expose();
    expect(text).toContain('# TYPE vigil_scrapes_total counter\nvigil_scrapes_total{job="demo"} 3\n');
    expect(text).toContain('vigil_scrape_loops 4\n');
    expect(text).toContain('vigil_query_duration_seconds_bucket{le="0.1"} 1\n');
    expect(text).toContain('vigil_query_duration_seconds_bucket{le="1"} 2\n');
    expect(text).toContain('vigil_query_duration_seconds_bucket{le="+Inf"} 2\n');
    expect(text).toContain('vigil_query_duration_seconds_count 2\n');
  });

  it('refreshes collected gauges at exposition time', () => {
    const m = new SelfMetrics();
    const series = m.gauge('vigil_tsdb_head_series', 'Series in the head.');
    let n = 1;
    m.onCollect(() => series(n));
    expect(m.expose()).toContain('vigil_tsdb_head_series 1\n');
    n = 7;
    expect(m.expose()).toContain('vigil_tsdb_head_series 7\n');
  });
});
