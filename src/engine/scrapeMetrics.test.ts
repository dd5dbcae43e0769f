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
  series: 50,
  lastError: '',
  lateScrapes: 0,
  missedSlots: 0,
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

  it('counts late scrapes and missed slots by job, from each loop\'s running counts', () => {
    const m = new SelfMetrics();
    const observe = scrapeMetrics(m);
    observe([target({})]);
    observe([target({ lastScrapeMs: 6000, lateScrapes: 1, missedSlots: 2 })]);
    observe([target({ lastScrapeMs: 7000, lateScrapes: 1, missedSlots: 2 })]);
    observe([target({ lastScrapeMs: 8000, lateScrapes: 3, missedSlots: 2 })]);
    // A restarted loop counts from 0 again.
    observe([target({ lastScrapeMs: 9000, lateScrapes: 1, missedSlots: 0 })]);
    const text = m.expose();
    expect(text).toContain('vigil_scrapes_late_total{job="demo"} 4\n');
    expect(text).toContain('vigil_scrape_slots_missed_total{job="demo"} 2\n');
    expect(text).toContain('vigil_scrapes_total{job="demo",outcome="success"} 5\n');
  });

  it('reports nothing for a target not yet scraped', () => {
    const m = new SelfMetrics();
    scrapeMetrics(m)([target({ lastScrapeMs: null })]);
    expect(m.expose()).not.toContain('vigil_scrapes_total{');
  });
});
