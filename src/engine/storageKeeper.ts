// Keeps the store durable and within budget: checkpoints the head on a timer
// (so a killed tab loses at most one interval), applies retention, and tells
// the user in plain words when data had to go.

import type { DropReason } from '../tsdb/retention';
import type { CheckpointResult, Tsdb } from '../tsdb/tsdb';
import type { StorageStatus } from './api';
import type { SelfMetrics } from './selfMetrics';
import { errorMessage } from '../model/result';

export interface StorageBudget {
  retentionMs: number;
  maxBytes: number | null;
}

/** Share of the origin's quota the blocks may use when no size limit is set. */
export const QUOTA_SHARE = 0.5;

const REASON_TEXT: Record<DropReason, string> = {
  time: 'they were older than the retention time',
  size: 'the stored blocks exceeded the size limit',
  quota: 'the browser refused to store more (storage quota exceeded)',
};

export function dropMessage(blocks: number, reasons: readonly DropReason[]): string {
  const why = [...new Set(reasons)].map((r) => REASON_TEXT[r]).join('; ');
  return `Dropped the ${blocks === 1 ? 'oldest block' : `${blocks} oldest blocks`} of samples because ${why}. Scraping goes on.`;
}

export async function storageEstimate(): Promise<{ usage: number | null; quota: number | null }> {
  const est = await (globalThis.navigator as Navigator | undefined)?.storage?.estimate?.().catch(() => undefined);
  return { usage: est?.usage ?? null, quota: est?.quota ?? null };
}

export class StorageKeeper {
  private timer: ReturnType<typeof setInterval> | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private lastDrop: StorageStatus['lastDrop'] = null;
  private lastCheckpointMs: number | null = null;
  private lastCheckpointError = '';
  private readonly checkpoints: (by?: number, labels?: Record<string, string>) => void;

  constructor(
    private readonly tsdb: Tsdb,
    private readonly budget: StorageBudget,
    private readonly now: () => number,
    metrics: SelfMetrics,
    private readonly onDrop: (message: string) => void,
  ) {
    this.checkpoints = metrics.counter('vigil_tsdb_checkpoints_total', 'Head checkpoints written to IndexedDB, by outcome.');
  }

  start(everyMs: number): void {
    this.timer ??= setInterval(() => void this.checkpoint(), everyMs);
  }

  /** One checkpoint after any still running; never rejects (the error is kept for the Status page). */
  checkpoint(): Promise<void> {
    const run = this.chain.then(() => this.tsdb.checkpoint()).then(
      (r) => this.recorded(r),
      (e: unknown) => {
        this.checkpoints(1, { outcome: 'failure' });
        this.lastCheckpointError = errorMessage(e);
      },
    );
    this.chain = run;
    return run;
  }

  private recorded(r: CheckpointResult): void {
    this.checkpoints(1, { outcome: 'success' });
    this.lastCheckpointMs = this.now();
    this.lastCheckpointError = '';
    if (r.retention.blocksDropped > 0) {
      const message = dropMessage(r.retention.blocksDropped, r.retention.reasons);
      this.lastDrop = { atMs: this.now(), message };
      this.onDrop(message);
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.chain;
  }

  async status(): Promise<Omit<StorageStatus, 'largeTargets'>> {
    const st = this.tsdb.stats();
    const { usage, quota } = await storageEstimate();
    return {
      series: st.series,
      samples: st.samples,
      chunks: st.chunks,
      blocks: st.blocks,
      storedBytes: st.storedBytes,
      bytesPerSample: st.bytesPerSample,
      pageCacheBytes: st.cacheBytes,
      pageCacheMaxBytes: st.cacheMaxBytes,
      headSeries: st.headSeries,
      minTimeMs: Number.isFinite(st.minTime) ? st.minTime : null,
      maxTimeMs: Number.isFinite(st.maxTime) ? st.maxTime : null,
      topMetricsBySeries: st.topMetricsBySeries,
      topLabelsByValues: st.topLabelsByValues,
      topLabelPairsBySeries: st.topLabelPairsBySeries,
      seriesCreated: st.seriesCreated,
      seriesRemoved: st.seriesRemoved,
      retentionMs: this.budget.retentionMs,
      maxBytes: this.budget.maxBytes,
      usageBytes: usage,
      quotaBytes: quota,
      lastDrop: this.lastDrop,
      lastCheckpointMs: this.lastCheckpointMs,
      lastCheckpointError: this.lastCheckpointError,
      restoreWarnings: st.loadWarnings,
    };
  }
}
