import { describe, expect, it } from 'vitest';
import type { TargetView } from '../scrape/scrapeManager';
import { scrapeMetrics } from './scrapeMetrics';
import { SelfMetrics } from './selfMetrics';

const target = (over: Partial<TargetView>): TargetView => ({
  pool: 'demo',
  url: 'http://h/metrics',
  state: 'up',
  discoveredLabels: {},
  labels: { instance: 'h', job: 'demo' },
  lastScrapeMs: 1000,
  lastDurationMs: 20,
  samples: 50,
  lastError: '',
  ...over,
});

describe('scrapeMetrics', () => {
  it('counts each scrape once, however often the targets are reported', () => {
    const m = new SelfMetrics();
    const observe = scrapeMetrics(m);
    observe([target({})]);
    observe([target({})]);
    observe([target({ lastScrapeMs: 6000, state: 'down', samples: null, lastDurationMs: 4 })]);
    const text = m.expose();
    expect(text).toContain('vigil_scrapes_total{job="demo",outcome="success"} 1\n');
    expect(text).toContain('vigil_scrapes_total{job="demo",outcome="failure"} 1\n');
    expect(text).toContain('vigil_scrape_samples_total{job="demo"} 50\n');
    expect(text).toContain('vigil_scrape_duration_seconds_count{job="demo"} 2\n');
  });

  it('reports nothing for a target not yet scraped', () => {
    const m = new SelfMetrics();
    scrapeMetrics(m)([target({ lastScrapeMs: null })]);
    expect(m.expose()).not.toContain('vigil_scrapes_total{');
  });
});
