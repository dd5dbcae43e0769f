// A native histogram as prompb's Histogram message (prompb/types.proto),
// encoded once when the queue takes the sample, as prompb.FromIntHistogram and
// FromFloatHistogram fill it: an integer histogram's counts as uint64 and its
// buckets as sint64 deltas, a float histogram's as doubles. The timestamp
// (field 15) is left to the request, so a resent batch reuses these bytes.

import { FloatHistogram } from '../model/histogram/floatHistogram';
import { Histogram } from '../model/histogram/histogram';
import type { Span } from '../model/histogram/types';
import { ProtoReader, varintSize, writeVarint } from './protoWire';

// Field tags: (field number << 3) | wire type (0 varint, 1 fixed64, 2 length-delimited).
const TAG_COUNT_INT = (1 << 3) | 0;
const TAG_COUNT_FLOAT = (2 << 3) | 1;
const TAG_SUM = (3 << 3) | 1;
const TAG_SCHEMA = (4 << 3) | 0;
const TAG_ZERO_THRESHOLD = (5 << 3) | 1;
const TAG_ZERO_COUNT_INT = (6 << 3) | 0;
const TAG_ZERO_COUNT_FLOAT = (7 << 3) | 1;
const TAG_NEGATIVE_SPANS = (8 << 3) | 2;
const TAG_NEGATIVE_DELTAS = (9 << 3) | 2;
const TAG_NEGATIVE_COUNTS = (10 << 3) | 2;
const TAG_POSITIVE_SPANS = (11 << 3) | 2;
const TAG_POSITIVE_DELTAS = (12 << 3) | 2;
const TAG_POSITIVE_COUNTS = (13 << 3) | 2;
const TAG_RESET_HINT = (14 << 3) | 0;
/** Histogram.timestamp, int64. */
export const TAG_HISTOGRAM_TIMESTAMP = (15 << 3) | 0;
const TAG_SPAN_OFFSET = (1 << 3) | 0;
const TAG_SPAN_LENGTH = (2 << 3) | 0;

/** sint32/sint64's zigzag, in float arithmetic so it holds for every safe integer. */
function zigzag(n: number): number {
  return n >= 0 ? n * 2 : -n * 2 - 1;
}

function unzigzag(n: number): number {
  return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
}

function spanSize(s: Span): number {
  return (s.offset !== 0 ? 1 + varintSize(zigzag(s.offset)) : 0) + (s.length !== 0 ? 1 + varintSize(s.length) : 0);
}

function spansSize(spans: readonly Span[]): number {
  let size = 0;
  for (const s of spans) {
    const inner = spanSize(s);
    size += 1 + varintSize(inner) + inner;
  }
  return size;
}

function deltasSize(deltas: readonly number[]): number {
  let size = 0;
  for (const d of deltas) size += varintSize(zigzag(d));
  return size;
}

/** A packed repeated field's bytes, tag and length included; nothing when empty, as proto3 writes it. */
function packedSize(payload: number): number {
  return payload === 0 ? 0 : 1 + varintSize(payload) + payload;
}

// One double's little-endian bytes, copied out without a DataView per message.
const f64 = new Float64Array(1);
const f64Bytes = new Uint8Array(f64.buffer);

function writeDouble(out: Uint8Array, at: number, v: number): number {
  f64[0] = v;
  for (let i = 0; i < 8; i++) out[at + i] = f64Bytes[i];
  return at + 8;
}

function writeSpans(out: Uint8Array, at: number, tag: number, list: readonly Span[]): number {
  for (const s of list) {
    out[at++] = tag;
    at = writeVarint(out, at, spanSize(s));
    if (s.offset !== 0) {
      out[at++] = TAG_SPAN_OFFSET;
      at = writeVarint(out, at, zigzag(s.offset));
    }
    if (s.length !== 0) {
      out[at++] = TAG_SPAN_LENGTH;
      at = writeVarint(out, at, s.length);
    }
  }
  return at;
}

function writeBuckets(out: Uint8Array, at: number, tag: number, list: readonly number[], payload: number, ints: boolean): number {
  if (payload === 0) return at;
  out[at++] = tag;
  at = writeVarint(out, at, payload);
  if (ints) for (const b of list) at = writeVarint(out, at, zigzag(b));
  else for (const b of list) at = writeDouble(out, at, b);
  return at;
}

const hasSum = (sum: number): boolean => sum !== 0 || Object.is(sum, -0);

/** The message's fields (timestamp aside), zero-valued scalars left out except the count oneofs, which gogo-proto always writes. */
export function encodeHistogram(h: Histogram | FloatHistogram): Uint8Array {
  const isInt = h instanceof Histogram;
  const negPayload = isInt ? deltasSize(h.negativeBuckets) : h.negativeBuckets.length * 8;
  const posPayload = isInt ? deltasSize(h.positiveBuckets) : h.positiveBuckets.length * 8;
  const size =
    (isInt ? 1 + varintSize(h.count) : 9) +
    (hasSum(h.sum) ? 9 : 0) +
    (h.schema !== 0 ? 1 + varintSize(zigzag(h.schema)) : 0) +
    (h.zeroThreshold !== 0 ? 9 : 0) +
    (isInt ? 1 + varintSize(h.zeroCount) : 9) +
    spansSize(h.negativeSpans) +
    packedSize(negPayload) +
    spansSize(h.positiveSpans) +
    packedSize(posPayload) +
    (h.counterResetHint !== 0 ? 1 + varintSize(h.counterResetHint) : 0);
  const out = new Uint8Array(size);
  let at = 0;
  if (isInt) {
    out[at++] = TAG_COUNT_INT;
    at = writeVarint(out, at, h.count);
  } else {
    out[at++] = TAG_COUNT_FLOAT;
    at = writeDouble(out, at, h.count);
  }
  if (hasSum(h.sum)) {
    out[at++] = TAG_SUM;
    at = writeDouble(out, at, h.sum);
  }
  if (h.schema !== 0) {
    out[at++] = TAG_SCHEMA;
    at = writeVarint(out, at, zigzag(h.schema));
  }
  if (h.zeroThreshold !== 0) {
    out[at++] = TAG_ZERO_THRESHOLD;
    at = writeDouble(out, at, h.zeroThreshold);
  }
  if (isInt) {
    out[at++] = TAG_ZERO_COUNT_INT;
    at = writeVarint(out, at, h.zeroCount);
  } else {
    out[at++] = TAG_ZERO_COUNT_FLOAT;
    at = writeDouble(out, at, h.zeroCount);
  }
  at = writeSpans(out, at, TAG_NEGATIVE_SPANS, h.negativeSpans);
  at = writeBuckets(out, at, isInt ? TAG_NEGATIVE_DELTAS : TAG_NEGATIVE_COUNTS, h.negativeBuckets, negPayload, isInt);
  at = writeSpans(out, at, TAG_POSITIVE_SPANS, h.positiveSpans);
  at = writeBuckets(out, at, isInt ? TAG_POSITIVE_DELTAS : TAG_POSITIVE_COUNTS, h.positiveBuckets, posPayload, isInt);
  if (h.counterResetHint !== 0) {
    out[at] = TAG_RESET_HINT;
    writeVarint(out, at + 1, h.counterResetHint);
  }
  return out;
}

function readSpan(r: ProtoReader): Span {
  const s = { offset: 0, length: 0 };
  while (r.at < r.end) {
    const tag = r.varint();
    if (tag === TAG_SPAN_OFFSET) s.offset = unzigzag(r.varint());
    else if (tag === TAG_SPAN_LENGTH) s.length = r.varint();
    else r.skip(tag & 7);
  }
  return s;
}

/** Reads a Histogram message back (for tests and round trips): integer when it holds count_int, float otherwise; with its timestamp. */
export function decodeHistogram(r: ProtoReader): { t: number; h: Histogram | FloatHistogram } {
  let t = 0;
  let isInt = false;
  const f = {
    count: 0, sum: 0, schema: 0, zeroThreshold: 0, zeroCount: 0, hint: 0,
    negativeSpans: [] as Span[], positiveSpans: [] as Span[], negativeBuckets: [] as number[], positiveBuckets: [] as number[],
  };
  const packed = (into: number[], ints: boolean): void => {
    const p = r.sub();
    while (p.at < p.end) into.push(ints ? unzigzag(p.varint()) : p.double());
  };
  while (r.at < r.end) {
    const tag = r.varint();
    switch (tag) {
      case TAG_COUNT_INT: isInt = true; f.count = r.varint(); break;
      case TAG_COUNT_FLOAT: f.count = r.double(); break;
      case TAG_SUM: f.sum = r.double(); break;
      case TAG_SCHEMA: f.schema = unzigzag(r.varint()); break;
      case TAG_ZERO_THRESHOLD: f.zeroThreshold = r.double(); break;
      case TAG_ZERO_COUNT_INT: f.zeroCount = r.varint(); break;
      case TAG_ZERO_COUNT_FLOAT: f.zeroCount = r.double(); break;
      case TAG_NEGATIVE_SPANS: f.negativeSpans.push(readSpan(r.sub())); break;
      case TAG_POSITIVE_SPANS: f.positiveSpans.push(readSpan(r.sub())); break;
      case TAG_NEGATIVE_DELTAS: packed(f.negativeBuckets, true); break;
      case TAG_POSITIVE_DELTAS: packed(f.positiveBuckets, true); break;
      case TAG_NEGATIVE_COUNTS: packed(f.negativeBuckets, false); break;
      case TAG_POSITIVE_COUNTS: packed(f.positiveBuckets, false); break;
      case TAG_RESET_HINT: f.hint = r.varint(); break;
      case TAG_HISTOGRAM_TIMESTAMP: t = r.varint(); break;
      default: r.skip(tag & 7);
    }
  }
  const init = {
    counterResetHint: f.hint as Histogram['counterResetHint'], schema: f.schema, zeroThreshold: f.zeroThreshold, zeroCount: f.zeroCount,
    count: f.count, sum: f.sum, negativeSpans: f.negativeSpans, positiveSpans: f.positiveSpans,
    negativeBuckets: f.negativeBuckets, positiveBuckets: f.positiveBuckets,
  };
  return { t, h: isInt ? new Histogram(init) : new FloatHistogram(init) };
}
