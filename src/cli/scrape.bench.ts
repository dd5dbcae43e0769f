// Steady-state scrapes of the 10,000-series scale page: fetch → parse →
// metric_relabel_configs → limits → append → commit, through the real loop.

import { datasetInfo, expositionPage } from './datasets';
import { Head } from '../tsdb/head';
import { loadConfig } from '../config/prometheusConfig';
import { FakeClock } from '../model/fakeClock';
import type { ScrapeLoop } from '../scrape/scrapeLoop';
import { ScrapePool } from '../scrape/scrapePool';

const PAGES = 8;
const SCRAPES = 40;

export async function bench(): Promise<Record<string, number>> {
  const { start, stepMs } = datasetInfo('scale');
  const pages = Array.from({ length: PAGES }, (_, i) => new TextEncoder().encode(expositionPage('scale', start + i * stepMs)));
  let next = 0;
  const fakeFetch = (async () =>
    new Response(pages[next++ % PAGES], { headers: { 'Content-Type': 'text/plain; version=0.0.4' } })) as unknown as typeof fetch;
  const clock = new FakeClock(start);
  const head = new Head();
  // A rule that keeps every series, so relabelling costs what it costs without shrinking the work.
  const cfg = loadConfig(`scrape_configs:
  - job_name: scale
    honor_labels: true
    static_configs: [{ targets: ['scale:9100'] }]
    metric_relabel_configs:
      - source_labels: [__name__]
        regex: 'go_.*'
        action: drop
`).scrapeConfigs[0];
  const pool = new ScrapePool({ storage: head, fetch: fakeFetch, now: clock.now, setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout }, cfg, () => {});
  const loop = [...pool.loops.values()][0] as ScrapeLoop;

  let t = start;
  for (let i = 0; i < PAGES; i++) await loop.scrapeAndReport((t += stepMs));
  const samplesPerScrape = loop.health().samples ?? 0;
  const t0 = performance.now();
  for (let i = 0; i < SCRAPES; i++) await loop.scrapeAndReport((t += stepMs));
  const ms = performance.now() - t0;
  pool.stop(false);
  return {
    scrape_append_samples_per_s: Math.round((samplesPerScrape * SCRAPES) / (ms / 1000)),
    scrape_scale_page_ms: ms / SCRAPES,
  };
}
