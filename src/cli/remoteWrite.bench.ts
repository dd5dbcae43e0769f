// remote_write's encoding speed: one 2,000-sample WriteRequest (the default
// max_samples_per_send), of floats and of native histograms, by the
// hand-written encoder the queue uses and by @bufbuild/protobuf's
// BinaryWriter doing the same job, timed alternately. The faster one is what
// writeRequest.ts and histogramProto.ts keep; this file keeps the measurement.

import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { Histogram } from '../model/histogram/histogram';
import type { Span } from '../model/histogram/types';
import { encodeHistogram } from '../remote/histogramProto';
import { encodeLabels, encodeWriteRequest, type SeriesBatch } from '../remote/writeRequest';
import { alternatingMedians } from './benchTiming';

const SERIES = 200;
const PER_SERIES = 10;
const ROUNDS = 200;
// Histogram encoding is timed over fewer rounds: each encodes all 2,000 from their objects.
const ENCODE_ROUNDS = 20;

function histogramAt(k: number, i: number): Histogram {
  const buckets = Array.from({ length: 20 }, (_, b) => ((b * 7 + k + i) % 11) - 5);
  buckets[0] = 10 + i;
  return new Histogram({
    schema: 3,
    zeroThreshold: 1e-128,
    zeroCount: i,
    count: 1000 + k * 10 + i,
    sum: 123.456 * (i + 1),
    positiveSpans: [{ offset: -3, length: 12 }, { offset: 2, length: 8 }],
    positiveBuckets: buckets,
  });
}

function batch(histograms: Histogram[] | undefined): SeriesBatch {
  const n = SERIES * PER_SERIES;
  const starts = new Uint32Array(SERIES + 1);
  for (let k = 0; k < SERIES; k++) starts[k + 1] = (k + 1) * PER_SERIES;
  const ts = new Float64Array(n);
  const vs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    ts[i] = 1_760_000_000_000 + (i % PER_SERIES) * 15_000;
    vs[i] = Math.random() * 1000;
  }
  const labels = Array.from({ length: SERIES }, (_, k) =>
    encodeLabels(['__name__', 'http_request_duration_seconds', 'instance', `host-${k}:9100`, 'job', 'api', 'path', `/v1/items/${k % 17}`]),
  );
  return { labels, starts, ts, vs, hs: histograms?.map(encodeHistogram) };
}

/** The same WriteRequest through BinaryWriter: labels and histograms as the pre-encoded bytes the queue holds. */
function encodeWithBinaryWriter(b: SeriesBatch): Uint8Array {
  const w = new BinaryWriter();
  for (let k = 0; k < b.labels.length; k++) {
    w.tag(1, WireType.LengthDelimited).fork().raw(b.labels[k]);
    for (let i = b.starts[k]; i < b.starts[k + 1]; i++) {
      const h = b.hs?.[i];
      if (h !== undefined) w.tag(4, WireType.LengthDelimited).fork().raw(h).tag(15, WireType.Varint).int64(b.ts[i]).join();
      else w.tag(2, WireType.LengthDelimited).fork().tag(1, WireType.Bit64).double(b.vs[i]).tag(2, WireType.Varint).int64(b.ts[i]).join();
    }
    w.join();
  }
  return w.finish();
}

function spans(w: BinaryWriter, field: number, list: readonly Span[]): void {
  for (const s of list) {
    w.tag(field, WireType.LengthDelimited).fork();
    if (s.offset !== 0) w.tag(1, WireType.Varint).sint32(s.offset);
    if (s.length !== 0) w.tag(2, WireType.Varint).uint32(s.length);
    w.join();
  }
}

/** prompb.Histogram of an integer histogram through BinaryWriter, fields as encodeHistogram writes them. */
function histogramWithBinaryWriter(h: Histogram): Uint8Array {
  const w = new BinaryWriter();
  w.tag(1, WireType.Varint).uint64(h.count);
  if (h.sum !== 0) w.tag(3, WireType.Bit64).double(h.sum);
  if (h.schema !== 0) w.tag(4, WireType.Varint).sint32(h.schema);
  if (h.zeroThreshold !== 0) w.tag(5, WireType.Bit64).double(h.zeroThreshold);
  w.tag(6, WireType.Varint).uint64(h.zeroCount);
  spans(w, 8, h.negativeSpans);
  if (h.negativeBuckets.length > 0) {
    w.tag(9, WireType.LengthDelimited).fork();
    for (const d of h.negativeBuckets) w.sint64(d);
    w.join();
  }
  spans(w, 11, h.positiveSpans);
  if (h.positiveBuckets.length > 0) {
    w.tag(12, WireType.LengthDelimited).fork();
    for (const d of h.positiveBuckets) w.sint64(d);
    w.join();
  }
  if (h.counterResetHint !== 0) w.tag(14, WireType.Varint).int32(h.counterResetHint);
  return w.finish();
}

function repeat(fn: () => Uint8Array, rounds = ROUNDS): () => Promise<void> {
  return async () => {
    let bytes = 0;
    for (let r = 0; r < rounds; r++) bytes += fn().length;
    if (bytes === 0) throw new Error('remoteWrite.bench: nothing encoded');
  };
}

/** Microseconds per 2,000-sample request (or per 2,000 histograms), median over alternating runs. */
export async function bench(): Promise<Record<string, number>> {
  const hists = Array.from({ length: SERIES * PER_SERIES }, (_, i) => histogramAt(Math.floor(i / PER_SERIES), i % PER_SERIES));
  const floats = batch(undefined);
  const histBatch = batch(hists);
  for (const [i, h] of hists.entries()) {
    if (Buffer.compare(encodeHistogram(h), histogramWithBinaryWriter(h)) !== 0) throw new Error(`remoteWrite.bench: the two histogram encoders differ at ${i}`);
  }
  if (Buffer.compare(encodeWriteRequest(histBatch), encodeWithBinaryWriter(histBatch)) !== 0) throw new Error('remoteWrite.bench: the two request encoders differ');
  const perRequest = (ms: number, rounds = ROUNDS) => Math.round((ms * 1000) / rounds);
  const [fHand, fBuf] = await alternatingMedians([repeat(() => encodeWriteRequest(floats)), repeat(() => encodeWithBinaryWriter(floats))]);
  const [hHand, hBuf] = await alternatingMedians([repeat(() => encodeWriteRequest(histBatch)), repeat(() => encodeWithBinaryWriter(histBatch))]);
  const [eHand, eBuf] = await alternatingMedians([
    repeat(() => {
      let last: Uint8Array = new Uint8Array(0);
      for (const h of hists) last = encodeHistogram(h);
      return last;
    }, ENCODE_ROUNDS),
    repeat(() => {
      let last: Uint8Array = new Uint8Array(0);
      for (const h of hists) last = histogramWithBinaryWriter(h);
      return last;
    }, ENCODE_ROUNDS),
  ]);
  return {
    remote_write_2000_floats_us_handwritten: perRequest(fHand),
    remote_write_2000_floats_us_binarywriter: perRequest(fBuf),
    remote_write_2000_histograms_us_handwritten: perRequest(hHand),
    remote_write_2000_histograms_us_binarywriter: perRequest(hBuf),
    encode_2000_histograms_us_handwritten: perRequest(eHand, ENCODE_ROUNDS),
    encode_2000_histograms_us_binarywriter: perRequest(eBuf, ENCODE_ROUNDS),
    remote_write_2000_histograms_bytes: encodeWriteRequest(histBatch).length,
  };
}
