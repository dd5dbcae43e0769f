// Gorilla chunks in Prometheus's XOR layout (tsdb/chunkenc/xor.go): a 2-byte
// big-endian sample count, the first timestamp as a signed varint and value as
// 64 raw bits, the second timestamp delta as an unsigned varint, then
// delta-of-delta timestamps and XOR-ed values. The bytes are what Prometheus
// writes, so every float64 — NaN payloads, ±Inf, -0 — comes back bit-exact.

import { isStaleNaN, STALE_NAN_BITS_HI, STALE_NAN_BITS_LO } from '../model/staleNaN';
import { BitReader, paddedCopy, peek32, writeBit, writeBits, type BitSink } from './bitStream';

const TWO32 = 4294967296;

// Little-endian views (every engine Vigil runs on): word 0 is low, word 1 high.
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

function ctz32(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/** Prometheus's bitRange: does x fit the n-bit dod bucket (asymmetric, see docs/bstream.md). */
function bitRange(x: number, n: number): boolean {
  const half = 2 ** (n - 1);
  return -(half - 1) <= x && x <= half;
}

/**
 * The state of a chunk being appended to, written at byte `at` of a sink
 * (Prometheus's xorAppender). The head's series carry it themselves, so an
 * open chunk costs no objects of its own.
 */
export interface XorState extends BitSink {
  /** Byte offset of the chunk's 2-byte sample count in `buf`. */
  at: number;
  n: number;
  t: number;
  tDelta: number;
  /** The previous value's float64 bits, high and low word, as int32. */
  vHi: number;
  vLo: number;
  // 0xff: no XOR window chosen yet, as xorAppender.leading.
  leading: number;
  trailing: number;
}

/** Starts an empty chunk at byte `at` of the sink, whose bytes from there on are zero. */
export function xorStart(s: XorState, at: number): void {
  s.at = at;
  s.len = at * 8;
  s.n = 0;
  s.t = 0;
  s.tDelta = 0;
  s.vHi = 0;
  s.vLo = 0;
  s.leading = 0xff;
  s.trailing = 0;
  writeBits(s, 0, 16);
}

/**
 * Continues an existing chunk (Prometheus's XORChunk.Appender): copies it to
 * byte `at` of the sink, which must have room for it, and takes up its state.
 */
export function xorResume(s: XorState, bytes: Uint8Array, at: number): void {
  const it = resumeReader;
  it.reset(bytes);
  while (it.next());
  if (it.err) throw new Error(`xor chunk: cannot resume: ${it.err}`);
  const buf = s.buf;
  buf.set(bytes, at);
  // Bits past the last sample must be zero because the writer ORs into bytes.
  const end = at + (it.bitPos >>> 3);
  if (it.bitPos & 7) buf[end] &= 0xff << (8 - (it.bitPos & 7));
  buf.fill(0, at + ((it.bitPos + 7) >>> 3));
  s.at = at;
  s.len = at * 8 + it.bitPos;
  s.n = it.count;
  s.t = it.t;
  s.tDelta = it.tDeltaState === (it.tDeltaState | 0) ? it.tDeltaState | 0 : it.tDeltaState;
  s.vHi = it.vHi | 0;
  s.vLo = it.vLo | 0;
  s.leading = it.windowSeen ? it.leading : 0xff;
  s.trailing = it.trailing;
}

/** Appends a sample; t is integer ms, not below the previous one. */
export function xorAppend(s: XorState, t: number, v: number): void {
  let hi: number;
  let lo: number;
  if (v !== v && isStaleNaN(v)) {
    hi = STALE_NAN_BITS_HI;
    lo = STALE_NAN_BITS_LO;
  } else {
    f64[0] = v;
    hi = u32[1];
    lo = u32[0];
  }
  const n = s.n;
  if (n === 0) {
    writeUvarint(s, t >= 0 ? t * 2 : -t * 2 - 1);
    writeBits(s, hi, 32);
    writeBits(s, lo, 32);
    s.tDelta = 0;
  } else {
    const tDelta = t - s.t;
    if (n === 1) {
      writeUvarint(s, tDelta);
    } else {
      const dod = tDelta - s.tDelta;
      if (dod === 0) writeBit(s, 0);
      else if (bitRange(dod, 14)) writeBits(s, (0b10 << 14) | (dod & 0x3fff), 16);
      else if (bitRange(dod, 17)) writeBits(s, (0b110 << 17) | (dod & 0x1ffff), 20);
      else if (bitRange(dod, 20)) writeBits(s, (0b1110 << 20) | (dod & 0xfffff), 24);
      else {
        writeBits(s, 0b1111, 4);
        const dHi = Math.floor(dod / TWO32);
        writeBits(s, dHi, 32);
        writeBits(s, dod - dHi * TWO32, 32);
      }
    }
    // An int32 when it fits (always, in a head chunk within its 2 h window), so V8 keeps the field a small integer rather than a boxed number per series.
    s.tDelta = tDelta === (tDelta | 0) ? tDelta | 0 : tDelta;
    writeXorValue(s, s, hi, lo);
  }
  s.t = t;
  // Kept as int32 so V8 holds them as small integers: as uint32 they became a boxed number each, per head series.
  s.vHi = hi | 0;
  s.vLo = lo | 0;
  s.n = n + 1;
  s.buf[s.at] = (n + 1) >>> 8;
  s.buf[s.at + 1] = (n + 1) & 0xff;
}

/** The previous value's bits and the XOR window a value field is written against (shared with the histogram chunks' sum and float fields). */
export interface XorWindow {
  vHi: number;
  vLo: number;
  // 0xff: no window chosen yet.
  leading: number;
  trailing: number;
}

/**
 * Writes a value as its XOR with x's previous value (Prometheus's xorWrite);
 * updates the window, not x's previous value.
 */
export function writeXorValue(s: BitSink, x: XorWindow, hi: number, lo: number): void {
  const dHi = (hi ^ x.vHi) >>> 0;
  const dLo = (lo ^ x.vLo) >>> 0;
  if (dHi === 0 && dLo === 0) {
    writeBit(s, 0);
    return;
  }
  let leading = dHi !== 0 ? Math.clz32(dHi) : 32 + Math.clz32(dLo);
  const trailing = dLo !== 0 ? ctz32(dLo) : 32 + ctz32(dHi);
  // Clamped so it fits 5 bits, as writeVDelta does.
  if (leading >= 32) leading = 31;
  if (x.leading !== 0xff && leading >= x.leading && trailing >= x.trailing) {
    writeBits(s, 0b10, 2);
    writeShifted(s, dHi, dLo, x.trailing, 64 - x.leading - x.trailing);
  } else {
    x.leading = leading;
    x.trailing = trailing;
    const sig = 64 - leading - trailing;
    // 64 significant bits are written as 0 in the 6-bit field, as Prometheus does.
    writeBits(s, (0b11 << 11) | (leading << 6) | (sig & 63), 13);
    writeShifted(s, dHi, dLo, trailing, sig);
  }
}

/** A chunk of its own: the appender for chunks outside a head series. */
export class XorAppender implements XorState {
  buf: Uint8Array;
  len = 0;
  at = 0;
  n = 0;
  t = 0;
  tDelta = 0;
  vHi = 0;
  vLo = 0;
  leading = 0xff;
  trailing = 0;

  constructor(capacityBytes = 128) {
    this.buf = new Uint8Array(capacityBytes);
    xorStart(this, 0);
  }

  static resume(bytes: Uint8Array): XorAppender {
    const a = new XorAppender(Math.max(32, bytes.length * 2));
    xorResume(a, bytes, 0);
    return a;
  }

  get numSamples(): number {
    return this.n;
  }

  get byteLength(): number {
    return (this.len + 7) >>> 3;
  }

  append(t: number, v: number): void {
    xorAppend(this, t, v);
  }

  /** The chunk's bytes (a copy sized to fit). */
  bytes(): Uint8Array {
    return this.buf.slice(0, this.byteLength);
  }

  /** The chunk's bytes without copying; valid until the next append. */
  view(): Uint8Array {
    return this.buf.subarray(0, this.byteLength);
  }
}

function writeUvarint(w: BitSink, x: number): void {
  while (x >= 128) {
    writeBits(w, (x % 128) | 128, 8);
    x = Math.floor(x / 128);
  }
  writeBits(w, x, 8);
}

/** Writes the `n` bits of the 64-bit (hi, lo) shifted right by `shift`. */
function writeShifted(w: BitSink, hi: number, lo: number, shift: number, n: number): void {
  let h: number;
  let l: number;
  if (shift === 0) {
    h = hi;
    l = lo;
  } else if (shift < 32) {
    l = (lo >>> shift) | (hi << (32 - shift));
    h = hi >>> shift;
  } else {
    l = hi >>> (shift - 32);
    h = 0;
  }
  if (n > 32) {
    writeBits(w, h, n - 32);
    writeBits(w, l, 32);
  } else {
    writeBits(w, l, n);
  }
}

/** Samples in a chunk, read from its 2-byte header. */
export function xorNumSamples(bytes: Uint8Array): number {
  return (bytes[0] << 8) | bytes[1];
}

/** Iterates a chunk with Next/Seek/At, as Prometheus's xorIterator. */
export class XorIterator {
  private readonly r = new BitReader();
  count = 0;
  private total = 0;
  t = 0;
  vHi = 0;
  vLo = 0;
  tDeltaState = 0;
  leading = 0;
  trailing = 0;
  /** Whether a value has set the XOR window yet (a resumed appender must not reuse an unset one). */
  windowSeen = false;
  err: string | undefined;

  constructor(bytes?: Uint8Array) {
    if (bytes) this.reset(bytes);
  }

  reset(bytes: Uint8Array): void {
    if (bytes.length < 2) {
      this.err = 'chunk shorter than its header';
      this.total = 0;
      return;
    }
    this.r.reset(bytes, 16);
    this.total = xorNumSamples(bytes);
    this.count = 0;
    this.t = 0;
    this.vHi = 0;
    this.vLo = 0;
    this.tDeltaState = 0;
    this.leading = 0;
    this.trailing = 0;
    this.windowSeen = false;
    this.err = undefined;
  }

  get bitPos(): number {
    return this.r.pos;
  }

  /** The current sample's value. */
  get v(): number {
    u32[1] = this.vHi;
    u32[0] = this.vLo;
    return f64[0];
  }

  next(): boolean {
    if (this.err !== undefined || this.count === this.total) return false;
    const r = this.r;
    if (this.count === 0) {
      const zz = readUvarint(r);
      this.t = zz % 2 === 0 ? zz / 2 : -(zz + 1) / 2;
      this.vHi = r.readBits(32);
      this.vLo = r.readBits(32);
    } else {
      if (this.count === 1) {
        this.tDeltaState = readUvarint(r);
      } else {
        this.tDeltaState += readDod(r);
      }
      this.t += this.tDeltaState;
      this.readValue();
    }
    if (r.overrun) {
      this.err = `chunk truncated at sample ${this.count} of ${this.total}`;
      return false;
    }
    this.count++;
    return true;
  }

  /** Advances to the first sample at or after t; false when there is none. */
  seek(t: number): boolean {
    while (this.count === 0 || this.t < t) if (!this.next()) return false;
    return true;
  }

  private readValue(): void {
    if (readXorValue(this.r, this)) this.windowSeen = true;
  }
}

/**
 * The one reader resuming uses, reset per chunk: a reader of its own per
 * series made three objects and two byte arrays each, a million of them
 * for the GC on reopening a million series.
 */
const resumeReader = new XorIterator();

function readUvarint(r: BitReader): number {
  let x = 0;
  let mul = 1;
  for (let i = 0; i < 10; i++) {
    const b = r.readBits(8);
    x += (b & 127) * mul;
    if (b < 128) return x;
    mul *= 128;
  }
  return x;
}

/** Payload widths after the '10', '110', '1110' dod prefixes. */
const DOD_BITS = [0, 14, 17, 20];

function readDod(r: BitReader): number {
  let ones = 0;
  while (ones < 4 && r.readBit() === 1) ones++;
  if (ones === 0) return 0;
  if (ones === 4) {
    const hi = r.readBits(32) | 0;
    return hi * TWO32 + r.readBits(32);
  }
  const sz = DOD_BITS[ones];
  const bits = r.readBits(sz);
  // Negative numbers come back as high unsigned numbers (xorIterator.Next).
  return bits > 2 ** (sz - 1) ? bits - 2 ** sz : bits;
}

let lastVs: Float64Array | undefined;
let lastWords: Uint32Array = new Uint32Array(0);

/** A Uint32 view of vs's words, reused while callers decode into the same array. */
function wordsOf(vs: Float64Array): Uint32Array {
  if (vs !== lastVs) {
    lastVs = vs;
    lastWords = new Uint32Array(vs.buffer, vs.byteOffset, vs.length * 2);
  }
  return lastWords;
}

/**
 * Decodes a whole chunk into ts/vs from `offset`; returns the samples
 * written. Values are written as raw bits, so NaN payloads stay exact. The
 * loop reads 32-bit windows instead of single bits (the same format as
 * XorIterator, 2–3× faster). Throws when the chunk is corrupt.
 */
export function decodeXorInto(bytes: Uint8Array, ts: Float64Array, vs: Float64Array, offset: number): number {
  if (bytes.length < 2) throw new Error('xor chunk: shorter than its header');
  const n = xorNumSamples(bytes);
  if (n === 0) return 0;
  const buf = paddedCopy(bytes);
  const words = wordsOf(vs);
  let pos = 16;
  // First timestamp: zigzag varint; first value: 64 raw bits.
  let zz = 0;
  let mul = 1;
  for (let k = 0; k < 10; k++) {
    const b = buf[pos >>> 3];
    pos += 8;
    zz += (b & 127) * mul;
    if (b < 128) break;
    mul *= 128;
  }
  let t = zz % 2 === 0 ? zz / 2 : -(zz + 1) / 2;
  let vHi = peek32(buf, pos) >>> 0;
  let vLo = peek32(buf, pos + 32) >>> 0;
  pos += 64;
  let o = offset;
  ts[o] = t;
  words[2 * o] = vLo;
  words[2 * o + 1] = vHi;
  o++;
  let tDelta = 0;
  let leading = 0;
  let trailing = 0;
  for (let i = 1; i < n; i++) {
    if (i === 1) {
      let d = 0;
      mul = 1;
      for (let k = 0; k < 10; k++) {
        const b = buf[pos >>> 3];
        pos += 8;
        d += (b & 127) * mul;
        if (b < 128) break;
        mul *= 128;
      }
      tDelta = d;
    } else {
      const w = peek32(buf, pos);
      const ones = Math.min(4, Math.clz32(~w));
      if (ones === 0) pos += 1;
      else if (ones === 4) {
        const hi = peek32(buf, pos + 4) | 0;
        const lo = peek32(buf, pos + 36) >>> 0;
        tDelta += hi * TWO32 + lo;
        pos += 68;
      } else {
        const sz = DOD_BITS[ones];
        const bits = (w << (ones + 1)) >>> (32 - sz);
        // Negative numbers come back as high unsigned numbers (xorIterator.Next).
        tDelta += bits > 1 << (sz - 1) ? bits - (1 << sz) : bits;
        pos += ones + 1 + sz;
      }
    }
    t += tDelta;
    const c = peek32(buf, pos);
    if (c >= 0) {
      // Leading '0': the value repeats.
      pos += 1;
    } else {
      if ((c & 0x40000000) !== 0) {
        leading = (c >>> 25) & 31;
        const mb = (c >>> 19) & 63 || 64;
        trailing = 64 - leading - mb;
        pos += 13;
      } else {
        pos += 2;
      }
      const mbits = 64 - leading - trailing;
      let h = 0;
      let l: number;
      if (mbits > 32) {
        h = peek32(buf, pos) >>> (64 - mbits);
        l = peek32(buf, pos + mbits - 32) >>> 0;
      } else {
        l = peek32(buf, pos) >>> (32 - mbits);
      }
      pos += mbits;
      if (trailing === 0) {
        vHi ^= h;
        vLo ^= l;
      } else if (trailing < 32) {
        vHi ^= (h << trailing) | (l >>> (32 - trailing));
        vLo ^= l << trailing;
      } else {
        vHi ^= l << (trailing - 32);
      }
      vHi >>>= 0;
      vLo >>>= 0;
    }
    ts[o] = t;
    words[2 * o] = vLo;
    words[2 * o + 1] = vHi;
    o++;
  }
  if (pos > bytes.length * 8) throw new Error(`xor chunk: chunk truncated: ${n} samples announced, bytes end at bit ${bytes.length * 8}, samples need ${pos}`);
  return n;
}

/**
 * Reads a value written by writeXorValue into x's previous value bits (Prometheus's
 * xorRead); returns whether the field set a new window.
 */
export function readXorValue(r: BitReader, x: XorWindow): boolean {
  if (r.readBit() === 0) return false;
  let set = false;
  if (r.readBit() === 1) {
    x.leading = r.readBits(5);
    const mbits = r.readBits(6) || 64;
    x.trailing = 64 - x.leading - mbits;
    set = true;
  }
  const trailing = x.trailing;
  const mbits = 64 - x.leading - trailing;
  let h = 0;
  let l: number;
  if (mbits > 32) {
    h = r.readBits(mbits - 32);
    l = r.readBits(32);
  } else {
    l = r.readBits(mbits);
  }
  let dh: number;
  let dl: number;
  if (trailing === 0) {
    dh = h;
    dl = l;
  } else if (trailing < 32) {
    dh = (h << trailing) | (l >>> (32 - trailing));
    dl = l << trailing;
  } else {
    dh = l << (trailing - 32);
    dl = 0;
  }
  x.vHi = (x.vHi ^ dh) >>> 0;
  x.vLo = (x.vLo ^ dl) >>> 0;
  return set;
}
