// The chunk encodings a sealed chunk may use and the one decoder entry
// point over them. Open chunks are always XOR (cheap to append to); sealing
// re-encodes to the scaled-decimal layout when every value allows and it is
// smaller.

import { decodeScaledInto, encodeScaled } from './scaledChunk';
import { decodeXorInto, xorNumSamples } from './xorChunk';

export type ChunkEncoding = 1 | 2;
export const ENC_XOR: ChunkEncoding = 1;
export const ENC_SCALED: ChunkEncoding = 2;

/** Both layouts start with a 2-byte big-endian sample count. */
export const chunkNumSamples = xorNumSamples;

export function decodeChunkInto(enc: ChunkEncoding, bytes: Uint8Array, ts: Float64Array, vs: Float64Array, offset: number): number {
  return enc === ENC_SCALED ? decodeScaledInto(bytes, ts, vs, offset) : decodeXorInto(bytes, ts, vs, offset);
}

/** The first sample's timestamp, read from the header without decoding (both layouts start it with a zigzag varint). */
export function chunkMinTime(enc: ChunkEncoding, bytes: Uint8Array): number {
  let p = enc === ENC_SCALED ? 3 : 2;
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
export function compactChunk(xor: Uint8Array): { encoding: ChunkEncoding; bytes: Uint8Array } {
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
