// The scrape figures Prometheus reports about itself (scrapes run, how long
// they took, samples scraped), read off the targets' health after each round:
// each target whose last-scrape time moved has run one more scrape.

import type { TargetView } from '../scrape/scrapeManager';
import type { SelfMetrics } from './selfMetrics';

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function scrapeMetrics(metrics: SelfMetrics): (targets: readonly TargetView[]) => void {
  const scrapes = metrics.counter('vigil_scrapes_total', 'Scrapes run, by job and outcome.');
  const samples = metrics.counter('vigil_scrape_samples_total', 'Samples in the bodies of scrapes, by job.');
  const duration = metrics.histogram('vigil_scrape_duration_seconds', 'How long scrapes took, by job.', DURATION_BUCKETS);
  const seen = new Map<string, number>();
  return (targets) => {
    for (const t of targets) {
      const key = `${t.pool}\xff${t.url}\xff${JSON.stringify(t.labels)}`;
      if (t.lastScrapeMs === null || seen.get(key) === t.lastScrapeMs) continue;
      seen.set(key, t.lastScrapeMs);
      const job = { job: t.pool };
      scrapes(1, { ...job, outcome: t.state === 'up' ? 'success' : 'failure' });
      if (t.samples !== null) samples(t.samples, job);
      if (t.lastDurationMs !== null) duration(t.lastDurationMs / 1000, job);
    }
  };
}
