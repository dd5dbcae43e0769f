// One target's memory between scrapes, as Prometheus's scrapeCache
// (scrape/scrape.go): raw series bytes to series ref and final labels (or to
// "dropped by metric relabelling"), and which refs the last scrape saw so the
// next one can mark the vanished ones stale.

import { SeriesCache } from '../exposition/seriesCache';
import type { Labels } from '../model/labels';
import type { Metadata } from '../model/metricType';
import type { SeriesRef } from '../tsdb/storage';

export interface CacheEntry {
  ref: SeriesRef;
  labels: Labels;
  lastIter: number;
}

/** What metric relabelling dropped; looked up like a series so the drop costs one lookup next time. */
export const DROPPED = Symbol('dropped');

export class ScrapeCache {
  private readonly series = new SeriesCache<CacheEntry | typeof DROPPED>();
  private seriesCur = new Map<SeriesRef, CacheEntry>();
  private seriesPrev = new Map<SeriesRef, CacheEntry>();
  private readonly metadata = new Map<string, Metadata>();
  private iter = 0;
  private successfulCount = 0;

  /**
   * The entry for the raw series at buf[start, end), DROPPED, or undefined on
   * a miss; `alreadyScraped` when this scrape saw it before (a duplicate line).
   */
  get(buf: Uint8Array, start: number, end: number): { entry: CacheEntry | typeof DROPPED; alreadyScraped: boolean } | undefined {
    const entry = this.series.lookup(buf, start, end);
    if (entry === undefined) return undefined;
    if (entry === DROPPED) return { entry, alreadyScraped: false };
    const alreadyScraped = entry.lastIter === this.iter;
    entry.lastIter = this.iter;
    return { entry, alreadyScraped };
  }

  add(buf: Uint8Array, start: number, end: number, ref: SeriesRef, labels: Labels): CacheEntry {
    const entry = { ref, labels, lastIter: this.iter };
    this.series.insert(buf, start, end, entry);
    return entry;
  }

  addDropped(buf: Uint8Array, start: number, end: number): void {
    this.series.insert(buf, start, end, DROPPED);
  }

  /** The ref changed (the storage forgot the series); staleness follows the entry. */
  updateRef(entry: CacheEntry, ref: SeriesRef): void {
    if (entry.ref === ref) return;
    for (const tracked of [this.seriesPrev, this.seriesCur]) {
      if (tracked.get(entry.ref) === entry) {
        tracked.delete(entry.ref);
        tracked.set(ref, entry);
      }
    }
    entry.ref = ref;
  }

  trackStaleness(entry: CacheEntry): void {
    this.seriesCur.set(entry.ref, entry);
  }

  /** Series the previous scrape had and this one lacks. */
  forEachStale(fn: (entry: CacheEntry) => void): void {
    for (const [ref, entry] of this.seriesPrev) if (!this.seriesCur.has(ref)) fn(entry);
  }

  /**
   * scrapeCache.iterDone: after a successful scrape, forget series this scrape
   * did not see; after a failed one only when the cache has grown far past the
   * last good size. Then this scrape's series become the previous ones.
   */
  iterDone(flush: boolean): void {
    const count = this.series.size + this.metadata.size;
    if (flush) this.successfulCount = count;
    else if (count > this.successfulCount * 2 + 1000) flush = true;
    if (flush) this.series.sweep();
    [this.seriesPrev, this.seriesCur] = [this.seriesCur, this.seriesPrev];
    this.seriesCur.clear();
    this.iter++;
    this.series.nextGeneration();
  }

  /**
   * A scrape given up half-way (its loop stopped while ingesting): forget what
   * it saw, so the next scrape neither takes its series for duplicates nor
   * loses the previous scrape's series for staleness.
   */
  abandonIter(): void {
    this.seriesCur.clear();
    this.iter++;
    this.series.nextGeneration();
  }

  /** True when the family's metadata differs from what was last forwarded. */
  metadataChanged(family: string, meta: Metadata): boolean {
    const prev = this.metadata.get(family);
    return !prev || prev.type !== meta.type || prev.help !== meta.help || prev.unit !== meta.unit;
  }

  setMetadata(family: string, meta: Metadata): void {
    this.metadata.set(family, meta);
  }
}
