// The few protobuf wire primitives remote write's hand-written codecs share:
// varints (int64 two's complement for negatives), and a reader over one
// message's bytes for the decoders tests use.

/** Bytes a varint takes for a non-negative integer below 2^53, or 10 for a negative int64. */
export function varintSize(n: number): number {
  if (n < 0) return 10;
  let size = 1;
  while (n >= 128) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

/** Writes `n` as a varint at `at`; returns the offset after it. */
export function writeVarint(buf: Uint8Array, at: number, n: number): number {
  if (n < 0) {
    // int64 varints of negative numbers are their 64-bit two's complement: always 10 bytes.
    let b = BigInt.asUintN(64, BigInt(n));
    for (let i = 0; i < 9; i++) {
      buf[at++] = Number(b & 0x7fn) | 0x80;
      b >>= 7n;
    }
    buf[at++] = Number(b);
    return at;
  }
  while (n >= 128) {
    buf[at++] = (n % 128) | 0x80;
    n = Math.floor(n / 128);
  }
  buf[at++] = n;
  return at;
}

/** Reads fields from `buf` between `at` and `end`. */
export class ProtoReader {
  at = 0;
  constructor(
    readonly buf: Uint8Array,
    readonly end = buf.length,
  ) {}

  varint(): number {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.at >= this.end) throw new RangeError(`protobuf: truncated varint at byte ${this.at}`);
      const b = this.buf[this.at++];
      result |= BigInt(b & 0x7f) << shift;
      if (b < 128) break;
      shift += 7n;
    }
    return Number(BigInt.asIntN(64, result));
  }

  double(): number {
    if (this.at + 8 > this.end) throw new RangeError(`protobuf: truncated double at byte ${this.at}`);
    const v = new DataView(this.buf.buffer, this.buf.byteOffset + this.at, 8).getFloat64(0, true);
    this.at += 8;
    return v;
  }

  /** The length-delimited field that starts here, as a reader of its own; this one moves past it. */
  sub(): ProtoReader {
    const len = this.varint();
    const r = new ProtoReader(this.buf, this.at + len);
    if (r.end > this.end) throw new RangeError(`protobuf: field at byte ${this.at} runs past its message`);
    r.at = this.at;
    this.at += len;
    return r;
  }

  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.at += 8;
    else if (wire === 2) this.at = this.sub().end;
    else if (wire === 5) this.at += 4;
    else throw new RangeError(`protobuf: wire type ${wire} at byte ${this.at} not supported`);
  }
}
