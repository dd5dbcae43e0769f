// limit_ratio's choice of series, as Prometheus's ratiosampler: a series is in
// the sample when its label hash, scaled to [0, 1), falls inside the ratio.
// The hash is Prometheus's labels.Hash (xxHash64 of `name\xffvalue\xff…`),
// so the same series are picked as in Prometheus.

import { xxhash64 } from '../model/xxhash64';

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
