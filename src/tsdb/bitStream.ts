// A bit writer and reader over bytes, most significant bit first, as
// Prometheus's tsdb/chunkenc/bstream.go. Values travel as unsigned 32-bit
// halves because JavaScript bit operators work on 32 bits.

import { grownArray } from '../model/grownArray';

/**
 * Where bits are written: a buffer kept zero past `len`, so writes OR in. A
 * head series is its own sink (its chunks share one buffer), which spares an
 * object per series.
 */
export interface BitSink {
  buf: Uint8Array;
  /** Bits written so far. */
  len: number;
}

/** Writes the low `n` bits of `v` (1 ≤ n ≤ 32). */
export function writeBits(s: BitSink, v: number, n: number): void {
  const pos = s.len;
  // Room for up to 5 touched bytes.
  if ((pos >>> 3) + 5 > s.buf.length) growSink(s, (pos >>> 3) + 5);
  const buf = s.buf;
  s.len = pos + n;
  if (n < 32) v &= (1 << n) - 1;
  const i = pos >>> 3;
  const off = pos & 7;
  // Place the field in the 32-bit big-endian word at byte i; a field spilling past it puts its low bits in byte i+4.
  const over = off + n - 32;
  let w: number;
  if (over <= 0) w = v << -over;
  else {
    w = v >>> over;
    buf[i + 4] |= v << (8 - over);
  }
  buf[i] |= w >>> 24;
  buf[i + 1] |= w >>> 16;
  buf[i + 2] |= w >>> 8;
  buf[i + 3] |= w;
}

export function writeBit(s: BitSink, bit: number): void {
  const pos = s.len;
  if ((pos >>> 3) + 1 > s.buf.length) growSink(s, (pos >>> 3) + 1);
  if (bit) s.buf[pos >>> 3] |= 0x80 >>> (pos & 7);
  s.len = pos + 1;
}

/**
 * Replaces the sink's buffer with one of at least `bytes`. Growth is by a
 * sixteenth plus 32 bytes, not doubling: a head holds one buffer per series,
 * its sealed chunks ahead of the open one, and the unused tail of a buffer
 * grown by an eighth plus 64 was 115 bytes a series on the scale data set,
 * more than the extra copies cost time.
 */
export function growSink(s: BitSink, bytes: number): void {
  s.buf = grownArray(s.buf, Math.max(bytes, s.buf.length + (s.buf.length >> 4) + 32));
}

export class BitWriter implements BitSink {
  buf: Uint8Array;
  len: number;

  constructor(capacityBytes = 32, initial?: Uint8Array, bitLen?: number) {
    if (initial) {
      this.buf = new Uint8Array(Math.max(capacityBytes, initial.length + 8));
      this.buf.set(initial);
      this.len = bitLen ?? initial.length * 8;
    } else {
      this.buf = new Uint8Array(capacityBytes);
      this.len = 0;
    }
  }

  get byteLength(): number {
    return (this.len + 7) >>> 3;
  }

  /** Writes the low `n` bits of `v` (1 ≤ n ≤ 32). */
  writeBits(v: number, n: number): void {
    writeBits(this, v, n);
  }

  writeBit(bit: number): void {
    writeBit(this, bit);
  }

  /** Writes a 64-bit word given as high and low 32-bit halves. */
  write64(hi: number, lo: number): void {
    writeBits(this, hi, 32);
    writeBits(this, lo, 32);
  }

  /** The written bytes (a copy, exactly byteLength long). */
  bytes(): Uint8Array {
    return this.buf.slice(0, this.byteLength);
  }
}

/**
 * Reads bits back. It reads a 5-byte window past the position, so the source
 * is copied into a buffer padded with zeros rather than bounds-checked per bit.
 */
export class BitReader {
  private buf: Uint8Array;
  /** Bit position of the next read. */
  pos = 0;
  /** Bits available. */
  end = 0;

  constructor(src?: Uint8Array, startBit = 0) {
    this.buf = new Uint8Array(0);
    if (src) this.reset(src, startBit);
  }

  reset(src: Uint8Array, startBit = 0): void {
    if (this.buf.length < src.length + 8) this.buf = new Uint8Array(src.length * 2 + 8);
    else this.buf.fill(0, src.length, src.length + 8);
    this.buf.set(src);
    this.pos = startBit;
    this.end = src.length * 8;
  }

  /** Reads `n` bits (1 ≤ n ≤ 32) as an unsigned number. */
  readBits(n: number): number {
    const pos = this.pos;
    const buf = this.buf;
    const i = pos >>> 3;
    const off = pos & 7;
    const word = ((buf[i] << 24) | (buf[i + 1] << 16) | (buf[i + 2] << 8) | buf[i + 3]) << off;
    const w = off === 0 ? word : word | (buf[i + 4] >>> (8 - off));
    this.pos = pos + n;
    return w >>> (32 - n);
  }

  readBit(): number {
    const pos = this.pos;
    this.pos = pos + 1;
    return (this.buf[pos >>> 3] >>> (7 - (pos & 7))) & 1;
  }

  /** True when a read went past the written bits (a truncated or corrupt chunk). */
  get overrun(): boolean {
    return this.pos > this.end;
  }
}

// Decoders' fast path: 32-bit windows at any bit position of a padded copy.
let padded = new Uint8Array(1024);

/** The 32 bits at bit position pos (buffer padded with zeros past the data). */
export function peek32(buf: Uint8Array, pos: number): number {
  const i = pos >>> 3;
  const off = pos & 7;
  const w = ((buf[i] << 24) | (buf[i + 1] << 16) | (buf[i + 2] << 8) | buf[i + 3]) << off;
  return off === 0 ? w : w | (buf[i + 4] >>> (8 - off));
}

/** Copies a chunk into a zero-padded scratch buffer so reads may look 8 bytes past its end. */
export function paddedCopy(bytes: Uint8Array): Uint8Array {
  if (padded.length < bytes.length + 16) padded = new Uint8Array(bytes.length * 2 + 16);
  padded.set(bytes);
  padded.fill(0, bytes.length, bytes.length + 16);
  return padded;
}
