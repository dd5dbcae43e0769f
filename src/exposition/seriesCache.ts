// A scrape cache keyed by the raw series bytes (`name{labels}` exactly as
// served), as Prometheus's scrapeCache: a steady-state scrape resolves each
// line to its entry with one hash and one byte comparison, building no string.
// Entries not seen in a scrape are dropped by sweep(), as scrapeCache.iterDone
// forgets series a successful scrape no longer exposes.

class Slot<T> {
  constructor(
    readonly key: Uint8Array,
    readonly hash: number,
    public entry: T,
    public seen: number,
    public next: Slot<T> | undefined,
  ) {}
}

export class SeriesCache<T> {
  private readonly slots = new Map<number, Slot<T>>();
  private generation = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The entry for buf[start, end), marked as seen in this generation. */
  lookup(buf: Uint8Array, start: number, end: number): T | undefined {
    const slot = this.find(buf, start, end, hashBytes(buf, start, end));
    if (slot === undefined) return undefined;
    slot.seen = this.generation;
    return slot.entry;
  }

  /** Adds or replaces the entry for buf[start, end); the key bytes are copied. */
  insert(buf: Uint8Array, start: number, end: number, entry: T): void {
    const hash = hashBytes(buf, start, end);
    const hit = this.find(buf, start, end, hash);
    if (hit !== undefined) {
      hit.entry = entry;
      hit.seen = this.generation;
      return;
    }
    this.slots.set(hash, new Slot(buf.slice(start, end), hash, entry, this.generation, this.slots.get(hash)));
    this.count++;
  }

  /** Starts a new scrape: entries must be looked up or inserted again to survive the next sweep. */
  nextGeneration(): void {
    this.generation++;
  }

  /** Drops entries not seen since nextGeneration(); returns how many, passing each to onDrop. */
  sweep(onDrop?: (entry: T) => void): number {
    let dropped = 0;
    const generation = this.generation;
    // forEach rather than for-of: the iterator would allocate a [key, value] pair per entry.
    this.slots.forEach((head, hash) => {
      let keep: Slot<T> | undefined;
      for (let s: Slot<T> | undefined = head; s !== undefined; ) {
        const next: Slot<T> | undefined = s.next;
        if (s.seen === generation) {
          s.next = keep;
          keep = s;
        } else {
          dropped++;
          onDrop?.(s.entry);
        }
        s = next;
      }
      if (keep === undefined) this.slots.delete(hash);
      else if (keep !== head) this.slots.set(hash, keep);
    });
    this.count -= dropped;
    return dropped;
  }

  clear(): void {
    this.slots.clear();
    this.count = 0;
  }

  private find(buf: Uint8Array, start: number, end: number, hash: number): Slot<T> | undefined {
    const len = end - start;
    outer: for (let s = this.slots.get(hash); s !== undefined; s = s.next) {
      const k = s.key;
      if (k.length !== len) continue;
      for (let i = 0; i < len; i++) if (k[i] !== buf[start + i]) continue outer;
      return s;
    }
    return undefined;
  }
}

/** 32-bit FNV-1a over bytes, as a signed int so V8 keeps it unboxed. */
export function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  return h | 0;
}
