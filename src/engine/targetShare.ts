// Which targets bring a large share of the series in memory, for a warning on
// the Status page: one 800,000-series exporter makes every scrape, query and
// checkpoint of the tab heavy, and the user should know which one it is.

import type { TargetView } from '../scrape/scrapeManager';

/** A target whose last good scrape stored at least this share of the head's series… */
export const LARGE_TARGET_SHARE = 0.5;
/** …and at least this many series: small setups, where one target has half of 2,000 series, are fine. */
export const LARGE_TARGET_MIN_SERIES = 50_000;

export interface LargeTarget {
  job: string;
  url: string;
  /** Samples its last good scrape stored (after metric relabelling): the series it brings. */
  series: number;
  /** series / the head's series, 0 to 1. */
  share: number;
  /** The warning in plain words. */
  message: string;
}

/** Targets that bring a large share of `headSeries`, largest first. */
export function largeTargets(targets: readonly TargetView[], headSeries: number): LargeTarget[] {
  if (headSeries <= 0) return [];
  const out: LargeTarget[] = [];
  for (const t of targets) {
    const series = t.series ?? 0;
    if (series < LARGE_TARGET_MIN_SERIES) continue;
    // The head may lag the scrape (series added at commit, dropped by retention): never above 100 %.
    const share = Math.min(1, series / headSeries);
    if (share < LARGE_TARGET_SHARE) continue;
    out.push({
      job: t.pool,
      url: t.url,
      series,
      share,
      message:
        `Target ${t.url} (job "${t.pool}") brings ${series.toLocaleString('en-US')} of the ${headSeries.toLocaleString('en-US')} series in memory ` +
        `(${Math.round(share * 100)} %); every scrape of it parses and stores that many samples. ` +
        'Drop what you do not need with metric_relabel_configs, or cap it with sample_limit.',
    });
  }
  return out.sort((a, b) => b.series - a.series);
}
