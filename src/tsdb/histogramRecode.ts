// Recoding an open histogram chunk for new buckets, as Prometheus's head does
// (chunkenc's Recode through AppendHistogram and AppendFloatHistogram): a
// sample whose only difference from the chunk is buckets the chunk lacks
// rewrites the chunk with those buckets (empty in its earlier samples)
// instead of starting a new one, so a histogram whose observations spread
// keeps one layout per chunk and writes it once. A sample lacking buckets the
// chunk has joins the chunk with them empty.

import { FloatHistogram } from '../model/histogram/floatHistogram';
import { Histogram } from '../model/histogram/histogram';
import { CounterResetHint, type Span } from '../model/histogram/types';
import { isStaleNaN } from '../model/staleNaN';
import { decodeFloatHistogramChunk, FloatHistogramChunkAppender } from './floatHistogramChunk';
import { countsByIndex, CounterResetHeader, decodeHistogramChunk, HistogramChunkAppender, sameBounds, sameSpans, type ChunkLayout } from './histogramChunk';
import type { AnyHistogram } from './histogramSamples';

type AnyAppender = HistogramChunkAppender | FloatHistogramChunkAppender;

/**
 * Appends h to the open chunk `o` when new or missing buckets are all that
 * keeps it out (`header` is what `appendable` answered): in place when h only
 * lacks buckets, else into a recoded copy of the chunk. Returns the appender
 * now holding h, or undefined when h needs a new chunk after all.
 */
export function appendRecoded(o: AnyAppender, h: AnyHistogram, header: CounterResetHeader, t: number): AnyAppender | undefined {
  const l = o.chunkLayout;
  if (l === undefined || !layoutChangeOnly(o.header, h, header, l)) return undefined;
  const pos = union(l.positiveSpans, h.positiveSpans);
  const neg = union(l.negativeSpans, h.negativeSpans);
  if (sameSpans(pos, l.positiveSpans) && sameSpans(neg, l.negativeSpans)) {
    appendTo(o, t, expanded(h, pos, neg));
    return o;
  }
  const out = o instanceof HistogramChunkAppender ? new HistogramChunkAppender(o.header) : new FloatHistogramChunkAppender(o.header);
  const again = (st: number, s: AnyHistogram) => appendTo(out, st, isStaleNaN(s.sum) ? s : expanded(s, pos, neg));
  if (o instanceof HistogramChunkAppender) decodeHistogramChunk(o.bytes(), again);
  else decodeFloatHistogramChunk(o.bytes(), again);
  appendTo(out, t, expanded(h, pos, neg));
  return out;
}

/** Whether h differs from the chunk in bucket spans alone: a counter with no reset after a counter chunk, or a gauge after a gauge chunk, of one schema, zero threshold and custom bounds. */
function layoutChangeOnly(chunkHeader: CounterResetHeader, h: AnyHistogram, header: CounterResetHeader, l: ChunkLayout): boolean {
  const gauge = h.counterResetHint === CounterResetHint.Gauge;
  if (gauge !== (chunkHeader === CounterResetHeader.Gauge)) return false;
  if (header !== (gauge ? CounterResetHeader.Gauge : CounterResetHeader.NotCounterReset)) return false;
  return h.schema === l.schema && h.zeroThreshold === l.zeroThreshold && sameBounds(h.customValues, l.customValues);
}

function appendTo(o: AnyAppender, t: number, h: AnyHistogram): void {
  if (o instanceof HistogramChunkAppender) o.append(t, h as Histogram);
  else o.append(t, h as FloatHistogram);
}

/** Bucket indexes a span list covers, ascending. */
function indexes(spans: readonly Span[]): number[] {
  const out: number[] = [];
  let idx = 0;
  for (const sp of spans) {
    idx += sp.offset;
    for (let j = 0; j < sp.length; j++) out.push(idx++);
  }
  return out;
}

/** The spans covering both: b itself when it covers a (the new sample's spans, as Prometheus keeps them), else the spans of the union of indexes. */
function union(a: readonly Span[], b: readonly Span[]): Span[] {
  const ib = indexes(b);
  const have = new Set(ib);
  const ia = indexes(a);
  if (ia.every((i) => have.has(i))) return b.slice();
  if (ib.every((i) => ia.includes(i))) return a.slice();
  const all = [...new Set([...ia, ...ib])].sort((x, y) => x - y);
  const out: Span[] = [];
  let end = 0;
  for (const i of all) {
    const last = out[out.length - 1];
    if (last !== undefined && i === end) last.length++;
    else out.push({ offset: out.length === 0 ? i : i - end, length: 1 });
    end = i + 1;
  }
  return out;
}

/** h with the given spans, the buckets it lacks empty (integer buckets delta-encoded again). */
function expanded(h: AnyHistogram, pos: Span[], neg: Span[]): AnyHistogram {
  if (sameSpans(h.positiveSpans, pos) && sameSpans(h.negativeSpans, neg)) return h;
  const deltas = h instanceof Histogram;
  const bucketsFor = (from: readonly Span[], buckets: readonly number[], to: Span[]) => {
    const counts = countsByIndex(from, buckets, deltas);
    let prev = 0;
    return indexes(to).map((i) => {
      const c = counts.get(i) ?? 0;
      const v = deltas ? c - prev : c;
      prev = c;
      return v;
    });
  };
  const init = {
    counterResetHint: h.counterResetHint,
    schema: h.schema,
    zeroThreshold: h.zeroThreshold,
    zeroCount: h.zeroCount,
    count: h.count,
    sum: h.sum,
    positiveSpans: pos,
    negativeSpans: neg,
    positiveBuckets: bucketsFor(h.positiveSpans, h.positiveBuckets, pos),
    negativeBuckets: bucketsFor(h.negativeSpans, h.negativeBuckets, neg),
    customValues: h.customValues,
  };
  return deltas ? new Histogram(init) : new FloatHistogram(init);
}
