// The scrape figures Prometheus reports about itself (scrapes run, how long
// they took, samples scraped), read off the targets' health after each round:
// each target whose last-scrape time moved has run one more scrape. Beside
// them, what Prometheus has no need of: scrapes the busy engine started late
// and slots it missed, so a stall shows as such and never as a target down.

import type { TargetView } from '../scrape/scrapeManager';
import type { SelfMetrics } from './selfMetrics';

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function scrapeMetrics(metrics: SelfMetrics): (targets: readonly TargetView[]) => void {
  const scrapes = metrics.counter('vigil_scrapes_total', 'Scrapes run, by job and outcome.');
  const samples = metrics.counter('vigil_scrape_samples_total', 'Samples in the bodies of scrapes, by job.');
  const duration = metrics.histogram('vigil_scrape_duration_seconds', 'How long scrapes took, by job.', DURATION_BUCKETS);
  const late = metrics.counter('vigil_scrapes_late_total', 'Scrapes that started late (over a tenth of their interval, or 1 s) because the engine was busy, by job.');
  const missed = metrics.counter('vigil_scrape_slots_missed_total', 'Scrape slots skipped because the engine or the scrape before overran them, by job.');
  const seen = new Map<string, { lastScrapeMs: number; late: number; missed: number }>();
  return (targets) => {
    for (const t of targets) {
      const key = `${t.pool}\xff${t.url}\xff${JSON.stringify(t.labels)}`;
      const prev = seen.get(key);
      if (t.lastScrapeMs === null || prev?.lastScrapeMs === t.lastScrapeMs) continue;
      seen.set(key, { lastScrapeMs: t.lastScrapeMs, late: t.lateScrapes, missed: t.missedSlots });
      const job = { job: t.pool };
      // The loop's counts start at 0 with the loop; a restarted loop (a new config) starts over.
      const lateBy = t.lateScrapes - (prev && prev.late <= t.lateScrapes ? prev.late : 0);
      const missedBy = t.missedSlots - (prev && prev.missed <= t.missedSlots ? prev.missed : 0);
      late(lateBy, job);
      missed(missedBy, job);
      scrapes(1, { ...job, outcome: t.state === 'up' ? 'success' : 'failure' });
      if (t.samples !== null) samples(t.samples, job);
      if (t.lastDurationMs !== null) duration(t.lastDurationMs / 1000, job);
    }
  };
}
