// The demo service's request latency as a native histogram (schema 3: eight
// buckets per doubling), beside the classic http_request_duration_seconds
// buckets, from the same two request waves. Each bucket's count is the floor
// of its own share of the requests, so every bucket only grows while the
// process lives, and count is their sum: no false counter resets.

import { HANDLERS, integral, latencyShare, processStart, wave } from './demoService';
import type { ProtoHistogram } from '../exposition/writeProto';

const SCHEMA = 3;
/** Bucket indexes kept: (2^(-89/8), 2^(48/8)] ≈ 0.45 ms to 64 s; faster requests go to the zero bucket, slower ones to the last bucket. */
const FIRST = -88;
const LAST = 48;
const bound = (i: number) => Math.pow(2, i / 2 ** SCHEMA);
const ZERO_THRESHOLD = bound(FIRST - 1);

export interface NativeLatency {
  handler: string;
  /** The histogram's native fields at t (ms), or undefined while the process is down. */
  at(t: number): ProtoHistogram | undefined;
}

/** One native latency histogram per handler of the demo instance `instance`, with demoFamilies' waves. */
export function demoNativeLatency(instance: number): NativeLatency[] {
  const seed = instance * 7919;
  return HANDLERS.map((h, hi) => {
    const fast = wave(seed, hi * 2, h.rate * 0.9, 3600);
    const slow = wave(seed, hi * 2 + 1, h.rate * 0.1, 1200);
    // Each bucket's share of the fast and the slow requests; the zero bucket and the last take the tails.
    const fastShares: number[] = [];
    const slowShares: number[] = [];
    for (let i = FIRST; i <= LAST; i++) {
      const top = i === LAST ? Infinity : bound(i);
      const cdf = (median: number, le: number) => (le === Infinity ? 1 : latencyShare(le, median));
      fastShares.push(cdf(h.fastS, top) - cdf(h.fastS, bound(i - 1)));
      slowShares.push(cdf(h.slowS, top) - cdf(h.slowS, bound(i - 1)));
    }
    const zeroFast = latencyShare(ZERO_THRESHOLD, h.fastS);
    const zeroSlow = latencyShare(ZERO_THRESHOLD, h.slowS);
    return {
      handler: h.handler,
      at(t: number): ProtoHistogram | undefined {
        const start = processStart(instance, t);
        if (start === undefined) return undefined;
        const s = (t - start) / 1000;
        const nf = integral(fast, s);
        const ns = integral(slow, s);
        const counts = fastShares.map((f, k) => Math.floor(f * nf + slowShares[k] * ns));
        const zeroCount = Math.floor(zeroFast * nf + zeroSlow * ns);
        const deltas = counts.map((c, k) => (k === 0 ? c : c - counts[k - 1]));
        return {
          sampleCount: zeroCount + counts.reduce((a, b) => a + b, 0),
          sampleSum: h.fastS * nf + h.slowS * ns,
          schema: SCHEMA,
          zeroThreshold: ZERO_THRESHOLD,
          zeroCount,
          positiveSpans: [{ offset: FIRST, length: LAST - FIRST + 1 }],
          positiveDeltas: deltas,
          startMs: start,
        };
      },
    };
  });
}
