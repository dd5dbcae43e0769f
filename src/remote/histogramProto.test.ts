import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import { describe, expect, it } from 'vitest';
import { FloatHistogram } from '../model/histogram/floatHistogram';
import { Histogram } from '../model/histogram/histogram';
import { CounterResetHint } from '../model/histogram/types';
import { decodeHistogram, encodeHistogram } from './histogramProto';
import { ProtoReader } from './protoWire';

const intHist = new Histogram({
  counterResetHint: CounterResetHint.NotCounterReset,
  schema: -2,
  zeroThreshold: 0.001,
  zeroCount: 2,
  count: 19,
  sum: 1234.5,
  positiveSpans: [{ offset: -1, length: 2 }, { offset: 3, length: 1 }],
  positiveBuckets: [1, 2, -3],
  negativeSpans: [{ offset: 0, length: 1 }],
  negativeBuckets: [2 ** 40],
});

const floatHist = new FloatHistogram({
  counterResetHint: CounterResetHint.Gauge,
  schema: 3,
  zeroCount: 0.5,
  count: 7.25,
  sum: -3,
  positiveSpans: [{ offset: 0, length: 2 }],
  positiveBuckets: [1.25, 5.5],
});

/** Every field as @bufbuild/protobuf's reader sees it: an independent check of tags, wire types and zigzag. */
function fieldsOf(bytes: Uint8Array): Record<number, unknown[]> {
  const r = new BinaryReader(bytes);
  const out: Record<number, unknown[]> = {};
  const add = (no: number, v: unknown) => (out[no] ??= []).push(v);
  while (r.pos < r.len) {
    const [no, wire] = r.tag();
    if (no === 4) add(no, r.sint32());
    else if (no === 8 || no === 11) {
      const s = new BinaryReader(r.bytes());
      const span = { offset: 0, length: 0 };
      while (s.pos < s.len) {
        const [sn] = s.tag();
        if (sn === 1) span.offset = s.sint32();
        else span.length = s.uint32();
      }
      add(no, span);
    } else if (no === 9 || no === 12) {
      const end = r.uint32() + r.pos;
      while (r.pos < end) add(no, Number(r.sint64()));
    } else if (no === 10 || no === 13) {
      const end = r.uint32() + r.pos;
      while (r.pos < end) add(no, r.double());
    } else if (wire === WireType.Bit64) add(no, r.double());
    else add(no, Number(r.uint64()));
  }
  return out;
}

describe('encodeHistogram', () => {
  it('writes an integer histogram as prompb.FromIntHistogram fills the message', () => {
    expect(fieldsOf(encodeHistogram(intHist))).toEqual({
      1: [19], 3: [1234.5], 4: [-2], 5: [0.001], 6: [2],
      8: [{ offset: 0, length: 1 }], 9: [2 ** 40],
      11: [{ offset: -1, length: 2 }, { offset: 3, length: 1 }], 12: [1, 2, -3],
      14: [CounterResetHint.NotCounterReset],
    });
  });

  it('writes a float histogram with absolute counts and both count oneofs even at zero', () => {
    expect(fieldsOf(encodeHistogram(floatHist))).toEqual({ 2: [7.25], 3: [-3], 4: [3], 7: [0.5], 11: [{ offset: 0, length: 2 }], 13: [1.25, 5.5], 14: [3] });
    expect(fieldsOf(encodeHistogram(new Histogram()))).toEqual({ 1: [0], 6: [0] });
  });

  it.each([
    ['integer', intHist],
    ['float', floatHist],
  ])('round-trips a %s histogram', (_, h) => {
    const got = decodeHistogram(new ProtoReader(encodeHistogram(h))).h;
    expect(got).toBeInstanceOf(h.constructor);
    expect(got.equals(h as never)).toBe(true);
  });
});
