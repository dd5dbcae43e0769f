// Block pages recently read from IndexedDB, bounded by bytes and evicted
// least recently used first, so queries over persisted time keep memory flat.

export class PageCache {
  private readonly pages = new Map<string, Uint8Array>();
  private size = 0;

  constructor(readonly maxBytes: number) {}

  get(key: string): Uint8Array | undefined {
    const hit = this.pages.get(key);
    if (hit === undefined) return undefined;
    // Map keeps insertion order; re-inserting marks the page most recently used.
    this.pages.delete(key);
    this.pages.set(key, hit);
    return hit;
  }

  set(key: string, page: Uint8Array): void {
    const old = this.pages.get(key);
    if (old !== undefined) {
      this.size -= old.length;
      this.pages.delete(key);
    }
    this.pages.set(key, page);
    this.size += page.length;
    for (const [k, p] of this.pages) {
      if (this.size <= this.maxBytes || k === key) break;
      this.pages.delete(k);
      this.size -= p.length;
    }
  }

  /** Forgets every page of a block (it was deleted or replaced). */
  dropBlock(blockId: number): void {
    const prefix = `${blockId}/`;
    for (const [k, p] of this.pages) {
      if (k.startsWith(prefix)) {
        this.pages.delete(k);
        this.size -= p.length;
      }
    }
  }

  get bytes(): number {
    return this.size;
  }
}
