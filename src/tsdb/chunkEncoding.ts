// The chunk encodings a sealed chunk may use and the one decoder entry
// point over float chunks. Open chunks are always XOR (cheap to append to);
// sealing re-encodes to the scaled-decimal layout when every value allows and
// it is smaller.
//
// The numbers are Vigil's stored markers, not Prometheus's: 2 was taken by
// the scaled-decimal layout before histograms came, and stored bytes must
// keep meaning what they meant. Histogram chunks (Prometheus's bytes,
// unchanged) carry Prometheus's encoding number with the high bit set.

import type { SampleBuffers } from '../model/seriesData';
import { float64Slab } from '../model/slab';
import { decodeScaledInto, encodeScaled } from './scaledChunk';
import { decodeXorInto, xorNumSamples } from './xorChunk';

export type FloatEncoding = 1 | 2;
export type ChunkEncoding = FloatEncoding | 0x82 | 0x83;
export const ENC_XOR = 1 as const;
export const ENC_SCALED = 2 as const;
/** A Prometheus integer histogram chunk (its encoding 2). */
export const ENC_HISTOGRAM = 0x82 as const;
/** A Prometheus float histogram chunk (its encoding 3). */
export const ENC_FLOAT_HISTOGRAM = 0x83 as const;

export function isHistogramEncoding(enc: ChunkEncoding): enc is typeof ENC_HISTOGRAM | typeof ENC_FLOAT_HISTOGRAM {
  return (enc & 0x80) !== 0;
}

/** One chunk as stored: its layout and its bytes. */
export interface ChunkBytes {
  encoding: ChunkEncoding;
  bytes: Uint8Array;
}

/** Every layout, histograms' too, starts with a 2-byte big-endian sample count. */
export const chunkNumSamples = xorNumSamples;

export function decodeChunkInto(enc: ChunkEncoding, bytes: Uint8Array, ts: Float64Array, vs: Float64Array, offset: number): number {
  if (enc === ENC_SCALED) return decodeScaledInto(bytes, ts, vs, offset);
  if (enc === ENC_XOR) return decodeXorInto(bytes, ts, vs, offset);
  throw new Error(`chunk decode: encoding ${enc} is not a float chunk`);
}

/**
 * The first sample's timestamp, read from the header without decoding (both
 * float layouts start it with a zigzag varint), of the float chunk at byte `at`.
 */
export function chunkMinTime(enc: FloatEncoding, bytes: Uint8Array, at = 0): number {
  let p = at + (enc === ENC_SCALED ? 3 : 2);
  let x = 0;
  let mul = 1;
  for (let i = 0; i < 10 && p < bytes.length; i++) {
    const b = bytes[p++];
    x += (b & 127) * mul;
    if (b < 128) break;
    mul *= 128;
  }
  return x % 2 === 0 ? x / 2 : -(x + 1) / 2;
}

let scratchT = new Float64Array(256);
let scratchV = new Float64Array(256);

/** The smaller of the XOR chunk and its scaled-decimal re-encoding. */
export function compactChunk(xor: Uint8Array): { encoding: FloatEncoding; bytes: Uint8Array } {
  const n = xorNumSamples(xor);
  if (n > scratchT.length) {
    scratchT = new Float64Array(n);
    scratchV = new Float64Array(n);
  }
  decodeXorInto(xor, scratchT, scratchV, 0);
  const scaled = encodeScaled(scratchT, scratchV, n);
  if (scaled !== undefined && scaled.length < xor.length) return { encoding: ENC_SCALED, bytes: scaled };
  return { encoding: ENC_XOR, bytes: xor };
}

/**
 * Decodes chunks (in time order) straight into the arrays it returns and
 * hands back just their samples in [mint, maxt] as views, or undefined when
 * there are none. The caller picks chunks overlapping the range, so only the
 * first and last hold samples outside it; those few are all that is wasted,
 * where a decode into scratch would copy every sample a second time. With
 * `into`, the samples land in its arrays (views valid until its next use).
 */
export function decodeRange(chunks: readonly ChunkBytes[], mint: number, maxt: number, into?: SampleBuffers): { ts: Float64Array; vs: Float64Array } | undefined {
  let total = 0;
  for (const c of chunks) total += chunkNumSamples(c.bytes);
  if (total === 0) return undefined;
  into?.ensure(total);
  const ts = into === undefined ? float64Slab.take(total) : into.ts;
  const vs = into === undefined ? float64Slab.take(total) : into.vs;
  let o = 0;
  for (const c of chunks) o += decodeChunkInto(c.encoding, c.bytes, ts, vs, o);
  const lo = lowerBound(ts, o, mint);
  const hi = lowerBound(ts, o, maxt + 1);
  if (lo >= hi) return undefined;
  return lo === 0 && hi === ts.length ? { ts, vs } : { ts: ts.subarray(lo, hi), vs: vs.subarray(lo, hi) };
}

/** First index below n whose timestamp is ≥ x (timestamps are integers, so maxt+1 bounds an inclusive end). */
export function lowerBound(a: Float64Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
