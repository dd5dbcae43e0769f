// limit_ratio's choice of series, as Prometheus's ratiosampler: a series is in
// the sample when its label hash, scaled to [0, 1), falls inside the ratio.
// The hash is Prometheus's labels.Hash (xxHash64 of `name\xffvalue\xff…`),
// so the same series are picked as in Prometheus.

const MASK = (1n << 64n) - 1n;
const P1 = 0x9e3779b185ebca87n;
const P2 = 0xc2b2ae3d27d4eb4fn;
const P3 = 0x165667b19e3779f9n;
const P4 = 0x85ebca77c2b2ae63n;
const P5 = 0x27d4eb2f165667c5n;

const rotl = (x: bigint, r: bigint) => ((x << r) | (x >> (64n - r))) & MASK;
const mul = (a: bigint, b: bigint) => (a * b) & MASK;
const round = (acc: bigint, input: bigint) => mul(rotl((acc + mul(input, P2)) & MASK, 31n), P1);
const merge = (acc: bigint, val: bigint) => (mul(acc ^ round(0n, val), P1) + P4) & MASK;

/** xxHash64 with seed 0. */
export function xxhash64(b: Uint8Array): bigint {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u64 = (i: number) => view.getBigUint64(i, true);
  const n = b.length;
  let i = 0;
  let h: bigint;
  if (n >= 32) {
    let v1 = (P1 + P2) & MASK;
    let v2 = P2;
    let v3 = 0n;
    let v4 = (MASK + 1n - P1) & MASK;
    for (; i + 32 <= n; i += 32) {
      v1 = round(v1, u64(i));
      v2 = round(v2, u64(i + 8));
      v3 = round(v3, u64(i + 16));
      v4 = round(v4, u64(i + 24));
    }
    h = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & MASK;
    h = merge(merge(merge(merge(h, v1), v2), v3), v4);
  } else {
    h = P5;
  }
  h = (h + BigInt(n)) & MASK;
  for (; i + 8 <= n; i += 8) h = (mul(rotl(h ^ round(0n, u64(i)), 27n), P1) + P4) & MASK;
  if (i + 4 <= n) {
    h = (mul(rotl(h ^ mul(BigInt(view.getUint32(i, true)), P1), 23n), P2) + P3) & MASK;
    i += 4;
  }
  for (; i < n; i++) h = mul(rotl(h ^ mul(BigInt(b[i]), P5), 11n), P1);
  h ^= h >> 33n;
  h = mul(h, P2);
  h ^= h >> 29n;
  h = mul(h, P3);
  h ^= h >> 32n;
  return h;
}

const encoder = new TextEncoder();

/** Prometheus's labels.Hash: xxHash64 over each name and value followed by a 0xff byte. */
export function labelsHash(flatPairs: readonly string[]): bigint {
  const parts = flatPairs.map((p) => encoder.encode(p));
  const b = new Uint8Array(parts.reduce((n, e) => n + e.length + 1, 0));
  let o = 0;
  for (const e of parts) {
    b.set(e, o);
    o += e.length;
    b[o++] = 0xff;
  }
  return xxhash64(b);
}

/** Whether a series with these labels is in a limit_ratio sample of ratio r in [-1, 1] (AddRatioSample). */
export function inRatio(flatPairs: readonly string[], r: number): boolean {
  const offset = Number(labelsHash(flatPairs)) / 2 ** 64;
  return (r >= 0 && offset < r) || (r < 0 && offset >= 1 + r);
}
