// Finds a head series by its label set. Keyed by a 30-bit hash of the pairs
// rather than the canonical key string: a small integer key costs a map
// entry and nothing else, where a key string cost ~130 bytes a series (the
// scale data set at 100,000 series). Series whose hashes collide are told
// apart by comparing their labels.

import { pairsHash, type Labels } from '../model/labels';
import type { SeriesRef } from './storage';

export class LabelSetIndex {
  /** The first series with each hash. */
  private readonly first = new Map<number, SeriesRef>();
  /** Further series whose hash another series already has; almost always empty. */
  private readonly more = new Map<number, SeriesRef[]>();
  private count = 0;

  /** `labelsOf` gives an indexed series' labels. */
  constructor(private readonly labelsOf: (ref: SeriesRef) => Labels) {}

  get size(): number {
    return this.count;
  }

  get(labels: Labels): SeriesRef | undefined {
    const h = labelSetHash(labels);
    const r = this.first.get(h);
    if (r === undefined || this.labelsOf(r).equals(labels)) return r;
    return this.more.get(h)?.find((m) => this.labelsOf(m).equals(labels));
  }

  /** Indexes a series whose labels are not yet indexed. */
  add(labels: Labels, ref: SeriesRef): void {
    const h = labelSetHash(labels);
    if (!this.first.has(h)) this.first.set(h, ref);
    else {
      const list = this.more.get(h);
      if (list) list.push(ref);
      else this.more.set(h, [ref]);
    }
    this.count++;
  }

  delete(labels: Labels, ref: SeriesRef): void {
    const h = labelSetHash(labels);
    const list = this.more.get(h);
    if (this.first.get(h) === ref) {
      if (list) {
        this.first.set(h, list.shift()!);
        if (list.length === 0) this.more.delete(h);
      } else this.first.delete(h);
    } else {
      const i = list?.indexOf(ref) ?? -1;
      if (i < 0) return;
      list!.splice(i, 1);
      if (list!.length === 0) this.more.delete(h);
    }
    this.count--;
  }
}

/** Thirty bits, so V8 keeps the key as a small integer rather than a boxed number. */
export function labelSetHash(labels: Labels): number {
  return pairsHash(labels.flat()) & 0x3fffffff;
}
