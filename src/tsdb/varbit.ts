// Prometheus's varbit integers (tsdb/chunkenc/varbit.go): a unary prefix of
// up to eight 1-bits picks a width of 0, 3, 6, 9, 12, 18, 25, 56 or 64 bits.
// The histogram chunks write every count, bucket and span field this way.
// Integers stay within JavaScript's safe range (±2^53).

import { writeBit, writeBits, type BitReader, type BitSink } from './bitStream';

const TWO32 = 4294967296;
const WIDTHS = [3, 6, 9, 12, 18, 25, 56];

/** Writes the low n bits (n ≤ 64) of x's two's complement. */
function writeWide(s: BitSink, x: number, n: number): void {
  if (n <= 32) {
    writeBits(s, x, n);
    return;
  }
  const hi = Math.floor(x / TWO32);
  writeBits(s, hi, n - 32);
  writeBits(s, x - hi * TWO32, 32);
}

function readWide(r: BitReader, n: number): number {
  if (n <= 32) return r.readBits(n);
  const hi = r.readBits(n - 32);
  return hi * TWO32 + r.readBits(32);
}

/** Prometheus's bitRange: -(2^(n-1)-1) ≤ x ≤ 2^(n-1). */
function inSignedRange(x: number, n: number): boolean {
  const half = 2 ** (n - 1);
  return -(half - 1) <= x && x <= half;
}

export function putVarbitInt(s: BitSink, x: number): void {
  if (x === 0) {
    writeBit(s, 0);
    return;
  }
  for (let k = 0; k < WIDTHS.length; k++) {
    if (inSignedRange(x, WIDTHS[k])) {
      // k+1 ones then a zero: 0b10, 0b110, …
      writeBits(s, ((1 << (k + 2)) - 2) >>> 0, k + 2);
      writeWide(s, x, WIDTHS[k]);
      return;
    }
  }
  writeBits(s, 0xff, 8);
  writeWide(s, x, 64);
}

export function putVarbitUint(s: BitSink, x: number): void {
  if (x === 0) {
    writeBit(s, 0);
    return;
  }
  for (let k = 0; k < WIDTHS.length; k++) {
    if (x < 2 ** WIDTHS[k]) {
      writeBits(s, ((1 << (k + 2)) - 2) >>> 0, k + 2);
      writeWide(s, x, WIDTHS[k]);
      return;
    }
  }
  writeBits(s, 0xff, 8);
  writeWide(s, x, 64);
}

/** The width a prefix picks: 0 for the lone 0-bit, 64 for eight 1-bits. */
function readWidth(r: BitReader): number {
  let ones = 0;
  while (ones < 8 && r.readBit() === 1) ones++;
  if (ones === 0) return 0;
  return ones === 8 ? 64 : WIDTHS[ones - 1];
}

export function readVarbitInt(r: BitReader): number {
  const n = readWidth(r);
  if (n === 0) return 0;
  if (n <= 32) {
    const u = r.readBits(n);
    // Two's complement, with the asymmetric range Prometheus writes (2^(n-1) itself is positive).
    return u > 2 ** (n - 1) ? u - 2 ** n : u;
  }
  // Sign the high part alone: the whole 56 or 64 bits would not fit a double exactly.
  const hiBits = n - 32;
  let hi = r.readBits(hiBits);
  const lo = r.readBits(32);
  if (hi >= 2 ** (hiBits - 1) && !(hi === 2 ** (hiBits - 1) && lo === 0)) hi -= 2 ** hiBits;
  return hi * TWO32 + lo;
}

export function readVarbitUint(r: BitReader): number {
  const n = readWidth(r);
  return n === 0 ? 0 : readWide(r, n);
}
