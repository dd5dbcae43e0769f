// Finds a head series by its label set: an open-addressing table of refs in
// a Uint32Array (their hashes in another), slotted by a hash of the pairs and
// told apart by comparing labels. A Map from the canonical key string cost ~130 bytes a series for
// the string (the scale data set at 100,000 series) and a Map from a hash
// ~37; the table costs 12–24 bytes. Each slot keeps its series' hash beside
// the ref, so growing the table moves numbers and never hashes 800,000 label
// sets again in one synchronous block (measured 1.3 s at that size), and a
// probe skips other hashes without looking at their labels.

import { pairsHash, type Labels } from '../model/labels';
import type { SeriesRef } from './storage';

const EMPTY = 0;
const MIN_SLOTS = 16;

export class LabelSetIndex {
  /** Refs by slot, EMPTY where none; a power of two long, at most two-thirds full. */
  private slots = new Uint32Array(MIN_SLOTS);
  /** The hash of the series in each occupied slot. */
  private hashes = new Uint32Array(MIN_SLOTS);
  private count = 0;

  /** `labelsOf` gives an indexed series' labels (refs are never 0). */
  constructor(private readonly labelsOf: (ref: SeriesRef) => Labels) {}

  get size(): number {
    return this.count;
  }

  get(labels: Labels): SeriesRef | undefined {
    const { slots, hashes } = this;
    const mask = slots.length - 1;
    const hash = pairsHash(labels.flat());
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const r = slots[i];
      if (r === EMPTY) return undefined;
      if (hashes[i] === hash && this.labelsOf(r).equals(labels)) return r;
    }
  }

  /** Indexes a series whose labels are not yet indexed. */
  add(labels: Labels, ref: SeriesRef): void {
    this.insert(pairsHash(labels.flat()), ref);
  }

  /**
   * The ref already indexed for these labels, or `ref` once it is indexed
   * for them: one hash of the pairs where a get then an add took two.
   */
  getOrAdd(labels: Labels, ref: SeriesRef): SeriesRef {
    const hash = pairsHash(labels.flat());
    const { slots, hashes } = this;
    const mask = slots.length - 1;
    for (let i = hash & mask; slots[i] !== EMPTY; i = (i + 1) & mask) {
      if (hashes[i] === hash && this.labelsOf(slots[i]).equals(labels)) return slots[i];
    }
    this.insert(hash, ref);
    return ref;
  }

  /**
   * Makes room for `n` series in all, so indexing a count known beforehand
   * (reopening storage) grows the table once instead of twenty times.
   */
  reserve(n: number): void {
    let size = this.slots.length;
    while (n * 3 > size * 2) size *= 2;
    if (size !== this.slots.length) this.resize(size);
  }

  private insert(hash: number, ref: SeriesRef): void {
    if (ref === EMPTY) throw new RangeError('labelSetIndex: ref 0 cannot be indexed');
    if ((this.count + 1) * 3 > this.slots.length * 2) this.resize(this.slots.length * 2);
    this.place(hash, ref);
    this.count++;
  }

  delete(labels: Labels, ref: SeriesRef): void {
    const { slots, hashes } = this;
    const mask = slots.length - 1;
    let i = pairsHash(labels.flat()) & mask;
    while (slots[i] !== ref) {
      if (slots[i] === EMPTY) return;
      i = (i + 1) & mask;
    }
    // Backward-shift deletion: later entries of the run move into the hole
    // when their home slot is not between the hole and them, so every
    // lookup's run stays unbroken without tombstones.
    let hole = i;
    for (let j = (i + 1) & mask; slots[j] !== EMPTY; j = (j + 1) & mask) {
      const home = hashes[j] & mask;
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        slots[hole] = slots[j];
        hashes[hole] = hashes[j];
        hole = j;
      }
    }
    slots[hole] = EMPTY;
    this.count--;
    if (this.slots.length > MIN_SLOTS && this.count * 6 < this.slots.length) this.resize(this.slots.length / 2);
  }

  private place(hash: number, ref: SeriesRef): void {
    const { slots, hashes } = this;
    const mask = slots.length - 1;
    let i = hash & mask;
    while (slots[i] !== EMPTY) i = (i + 1) & mask;
    slots[i] = ref;
    hashes[i] = hash;
  }

  private resize(size: number): void {
    const { slots, hashes } = this;
    this.slots = new Uint32Array(size);
    this.hashes = new Uint32Array(size);
    for (let i = 0; i < slots.length; i++) if (slots[i] !== EMPTY) this.place(hashes[i], slots[i]);
  }
}
