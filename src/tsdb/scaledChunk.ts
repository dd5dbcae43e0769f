// A denser chunk for sealed data whose values are all decimals with few
// digits (counters, byte gauges, seconds with centiseconds — most scraped
// series): values become integers scaled by 10^k and are stored, like the
// timestamps, as delta-of-delta. XOR spends ~40 bits on such values; this
// spends ~5. Any value that does not round-trip exactly keeps the chunk XOR.
//
// Layout: 2-byte sample count, 1-byte k, then per sample the timestamp as
// XOR chunks store it (signed varint, unsigned varint delta, Prometheus dod
// buckets) and the scaled integer as zigzag varint, then delta and dods in the
// buckets of VALUE_WIDTHS.

import { BitWriter, paddedCopy, peek32 } from './bitStream';

const TWO32 = 4294967296;
const MAX_SCALE = 9;
const POW10 = Array.from({ length: MAX_SCALE + 1 }, (_, k) => 10 ** k);
/** Scaled integers stay below 2^50 so their deltas of deltas stay exact doubles. */
const MAX_INT = 2 ** 50;
/** Payload widths after prefixes '0', '10', '110', …; the last prefix ('1111111') carries 64 bits. */
const VALUE_WIDTHS = [0, 4, 7, 10, 14, 20, 32];

function scaleOf(v: number, from: number): number {
  for (let k = from; k <= MAX_SCALE; k++) {
    const s = POW10[k];
    const x = Math.round(v * s);
    if (x / s === v) return Math.abs(x) < MAX_INT ? k : -1;
  }
  return -1;
}

/** Encodes n samples, or returns undefined when some value is not a short decimal (NaN, ±Inf, -0, many digits). */
export function encodeScaled(ts: Float64Array, vs: Float64Array, n: number): Uint8Array | undefined {
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = vs[i];
    if (v === 0 && 1 / v < 0) return undefined;
    k = scaleOf(v, k);
    if (k < 0) return undefined;
  }
  const s = POW10[k];
  const w = new BitWriter(16 + n * 2);
  w.writeBits(n, 16);
  w.writeBits(k, 8);
  let t = 0;
  let tDelta = 0;
  let x = 0;
  let xDelta = 0;
  for (let i = 0; i < n; i++) {
    const ti = ts[i];
    const xi = Math.round(vs[i] * s);
    // A value exact at its own scale may not be at the chunk's larger one.
    if (xi / s !== vs[i] || Math.abs(xi) >= MAX_INT) return undefined;
    if (i === 0) {
      writeUvarint(w, zigzag(ti));
      writeUvarint(w, zigzag(xi));
    } else if (i === 1) {
      tDelta = ti - t;
      xDelta = xi - x;
      writeUvarint(w, tDelta);
      writeSigned(w, xDelta);
    } else {
      const td = ti - t;
      writeTimeDod(w, td - tDelta);
      tDelta = td;
      const xd = xi - x;
      writeSigned(w, xd - xDelta);
      xDelta = xd;
    }
    t = ti;
    x = xi;
  }
  return w.bytes();
}

function zigzag(x: number): number {
  return x >= 0 ? x * 2 : -x * 2 - 1;
}

function unzigzag(z: number): number {
  return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
}

function writeUvarint(w: BitWriter, x: number): void {
  while (x >= 128) {
    w.writeBits((x % 128) | 128, 8);
    x = Math.floor(x / 128);
  }
  w.writeBits(x, 8);
}

function write64(w: BitWriter, x: number): void {
  const hi = Math.floor(x / TWO32);
  w.writeBits(hi, 32);
  w.writeBits(x - hi * TWO32, 32);
}

/** Prometheus's timestamp dod buckets, as XOR chunks write them. */
function writeTimeDod(w: BitWriter, dod: number): void {
  if (dod === 0) w.writeBit(0);
  else if (dod >= -8191 && dod <= 8192) w.writeBits((0b10 << 14) | (dod & 0x3fff), 16);
  else if (dod >= -65535 && dod <= 65536) w.writeBits((0b110 << 17) | (dod & 0x1ffff), 20);
  else if (dod >= -524287 && dod <= 524288) w.writeBits((0b1110 << 20) | (dod & 0xfffff), 24);
  else {
    w.writeBits(0b1111, 4);
    write64(w, dod);
  }
}

const TIME_WIDTHS = [0, 14, 17, 20];

function writeSigned(w: BitWriter, x: number): void {
  // Prefix of p ones and a zero, then the value in VALUE_WIDTHS[p] bits, unrolled for speed.
  if (x === 0) w.writeBit(0);
  else if (x >= -8 && x < 8) w.writeBits((0b10 << 4) | (x & 0xf), 6);
  else if (x >= -64 && x < 64) w.writeBits((0b110 << 7) | (x & 0x7f), 10);
  else if (x >= -512 && x < 512) w.writeBits((0b1110 << 10) | (x & 0x3ff), 14);
  else if (x >= -8192 && x < 8192) w.writeBits((0b11110 << 14) | (x & 0x3fff), 19);
  else if (x >= -524288 && x < 524288) w.writeBits((0b111110 << 20) | (x & 0xfffff), 26);
  else if (x >= -2147483648 && x < 2147483648) {
    w.writeBits(0b1111110, 7);
    w.writeBits(x, 32);
  } else {
    w.writeBits(0x7f, 7);
    write64(w, x);
  }
}

/** Reads an unsigned varint at byte `at`; the byte after it is left in `varintEnd` (no tuple, so the decoder allocates nothing). */
let varintEnd = 0;
function uvarintAt(buf: Uint8Array, at: number): number {
  let x = 0;
  let mul = 1;
  for (let k = 0; k < 10; k++) {
    const b = buf[at++];
    x += (b & 127) * mul;
    if (b < 128) break;
    mul *= 128;
  }
  varintEnd = at;
  return x;
}

/**
 * Decodes a scaled chunk into ts/vs from `offset`; returns the samples written.
 * Reads 32-bit windows rather than bits. A sample whose timestamp dod is zero
 * (a steady scrape: nearly all) takes its value's prefix and payload from the
 * same window, one read per sample rather than two.
 */
export function decodeScaledInto(bytes: Uint8Array, ts: Float64Array, vs: Float64Array, offset: number): number {
  if (bytes.length < 3) throw new Error('scaled chunk: shorter than its header');
  const n = scaledNumSamples(bytes);
  const s = POW10[bytes[2]];
  if (s === undefined) throw new Error(`scaled chunk: bad scale byte ${bytes[2]}`);
  if (n === 0) return 0;
  const buf = paddedCopy(bytes);
  let t = unzigzag(uvarintAt(buf, 3));
  let x = unzigzag(uvarintAt(buf, varintEnd));
  ts[offset] = t;
  vs[offset] = x / s;
  let pos = varintEnd * 8;
  let tDelta = 0;
  let xDelta = 0;
  if (n > 1) {
    tDelta = uvarintAt(buf, varintEnd);
    pos = varintEnd * 8;
    t += tDelta;
    xDelta = readSigned(buf, pos);
    pos = signedEnd;
    x += xDelta;
    ts[offset + 1] = t;
    vs[offset + 1] = x / s;
  }
  for (let i = 2; i < n; i++) {
    const w = peek32(buf, pos);
    if (w >= 0) {
      // Timestamp dod 0; the value's code (at most 26 bits when not 32 or 64 wide) fits the 31 bits left.
      const v = w << 1;
      const ones = Math.clz32(~v);
      if (ones === 0) pos += 2;
      else if (ones < 6) {
        const width = VALUE_WIDTHS[ones];
        xDelta += (v << (ones + 1)) >> (32 - width);
        pos += 2 + ones + width;
      } else {
        xDelta += readSigned(buf, pos + 1);
        pos = signedEnd;
      }
    } else {
      const ones = Math.min(4, Math.clz32(~w));
      if (ones === 4) {
        tDelta += (peek32(buf, pos + 4) | 0) * TWO32 + (peek32(buf, pos + 36) >>> 0);
        pos += 68;
      } else {
        const sz = TIME_WIDTHS[ones];
        const bits = (w << (ones + 1)) >>> (32 - sz);
        tDelta += bits > 1 << (sz - 1) ? bits - (1 << sz) : bits;
        pos += ones + 1 + sz;
      }
      xDelta += readSigned(buf, pos);
      pos = signedEnd;
    }
    t += tDelta;
    x += xDelta;
    ts[offset + i] = t;
    vs[offset + i] = x / s;
  }
  if (pos > bytes.length * 8) throw new Error(`scaled chunk: truncated (${n} samples announced)`);
  return n;
}

/** The bit after the last readSigned's code. */
let signedEnd = 0;

/** Reads one value code of writeSigned at bit `pos`. */
function readSigned(buf: Uint8Array, pos: number): number {
  const w = peek32(buf, pos);
  const ones = Math.min(7, Math.clz32(~w));
  if (ones === 0) {
    signedEnd = pos + 1;
    return 0;
  }
  if (ones === 7) {
    signedEnd = pos + 71;
    return (peek32(buf, pos + 7) | 0) * TWO32 + (peek32(buf, pos + 39) >>> 0);
  }
  const width = VALUE_WIDTHS[ones];
  signedEnd = pos + ones + 1 + width;
  // Payload widths up to 20 fit the window after the prefix; 32 needs its own.
  return width <= 20 ? (w << (ones + 1)) >> (32 - width) : peek32(buf, pos + ones + 1) | 0;
}

/** Samples in a scaled chunk, from its header. */
export function scaledNumSamples(bytes: Uint8Array): number {
  return (bytes[0] << 8) | bytes[1];
}
