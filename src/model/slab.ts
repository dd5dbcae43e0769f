// Many short typed arrays carved from shared blocks. A typed array of its own
// costs a backing-store allocation of about 2 µs, which showed in range queries
// over a thousand series (several arrays per series); a view into a block costs
// a fifth of that. Views never overlap and are never handed out twice, so each
// starts zeroed; a block is freed when its last view is.

const BLOCK = 1 << 15;

class Slab<A extends Float64Array | Uint8Array> {
  private block: A;
  private used = 0;

  constructor(private readonly make: (n: number) => A) {
    this.block = make(0);
  }

  /** A zeroed array of length n, possibly a view into a shared block: `.slice()` what you keep for long. */
  take(n: number): A {
    if (n > BLOCK >> 3) return this.make(n);
    if (this.used + n > this.block.length) {
      this.block = this.make(BLOCK);
      this.used = 0;
    }
    const view = this.block.subarray(this.used, this.used + n) as A;
    this.used += n;
    return view;
  }
}

export const float64Slab = new Slab((n) => new Float64Array(n));
export const uint8Slab = new Slab((n) => new Uint8Array(n));
