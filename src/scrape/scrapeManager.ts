// The scrape room's face to the engine: one pool per job, applied from a
// config, with target health for the UI (Prometheus's scrape.Manager and the
// targets API).

import type { PrometheusConfig } from '../config/prometheusConfig';
import { ScrapePool } from './scrapePool';
import type { ScrapeDeps, TargetHealth } from './scrapeLoop';

export type { ScrapeDeps, TargetState } from './scrapeLoop';

/** One active target as the targets page shows it: its health, when it was last scraped in ms. */
export interface TargetView extends Omit<TargetHealth, 'lastScrape'> {
  pool: string;
  url: string;
  /** Labels before relabelling. */
  discoveredLabels: Record<string, string>;
  /** The labels its samples get. */
  labels: Record<string, string>;
  /** When the last scrape started (ms), null before the first. */
  lastScrapeMs: number | null;
}

export interface DroppedTargetView {
  pool: string;
  discoveredLabels: Record<string, string>;
}

export class ScrapeManager {
  private readonly pools = new Map<string, ScrapePool>();
  private readonly listeners = new Set<() => void>();
  private readonly changed = () => this.notify();

  constructor(private readonly deps: ScrapeDeps) {}

  /**
   * Makes the running loops match the config: new jobs and targets start,
   * removed ones stop with end-of-run staleness, changed ones restart.
   */
  apply(config: PrometheusConfig): void {
    const jobs = new Set(config.scrapeConfigs.map((c) => c.jobName));
    for (const [job, pool] of this.pools) {
      if (jobs.has(job)) continue;
      pool.stop(true);
      this.pools.delete(job);
    }
    for (const cfg of config.scrapeConfigs) {
      const pool = this.pools.get(cfg.jobName);
      if (pool) pool.reload(cfg);
      else this.pools.set(cfg.jobName, new ScrapePool(this.deps, cfg, this.changed));
    }
    this.notify();
  }

  targets(): TargetView[] {
    const out: TargetView[] = [];
    for (const [job, pool] of this.pools) {
      for (const loop of pool.loops.values()) {
        const { lastScrape, ...health } = loop.health();
        out.push({
          ...health,
          pool: job,
          url: loop.target.url,
          discoveredLabels: loop.target.discoveredLabels.toObject(),
          labels: loop.target.publicLabels.toObject(),
          lastScrapeMs: lastScrape,
        });
      }
    }
    return out;
  }

  droppedTargets(): DroppedTargetView[] {
    return [...this.pools].flatMap(([job, pool]) => pool.dropped.map((d) => ({ pool: job, discoveredLabels: d.discoveredLabels.toObject() })));
  }

  /** Targets that could not be built and file_sd URLs that failed, in Prometheus's wording. */
  discoveryErrors(): string[] {
    return [...this.pools.values()].flatMap((p) => p.failures);
  }

  /** Scrape loops running now (one per active target). */
  loopCount(): number {
    let n = 0;
    for (const pool of this.pools.values()) n += pool.loops.size;
    return n;
  }

  /** Calls `listener` after every scrape and target change; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops everything without stale markers, as Prometheus does on shutdown. */
  stop(): void {
    for (const pool of this.pools.values()) pool.stop(false);
    this.pools.clear();
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}
