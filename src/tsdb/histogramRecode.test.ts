import { describe, expect, it } from 'vitest';
import { FloatHistogram } from '../model/histogram/floatHistogram';
import { Histogram } from '../model/histogram/histogram';
import { CounterResetHint, type Span } from '../model/histogram/types';
import { FloatHistogramChunkAppender } from './floatHistogramChunk';
import { CounterResetHeader, HistogramChunkAppender } from './histogramChunk';
import { HistogramSamples, type AnyHistogram } from './histogramSamples';

const WINDOW = 7_200_000;
const int = (spans: Span[], buckets: number[], hint: CounterResetHint = CounterResetHint.Unknown) => new Histogram({ counterResetHint: hint, schema: 1, count: buckets.reduce((a, _, i) => a + buckets.slice(0, i + 1).reduce((x, y) => x + y, 0), 0), sum: 1, positiveSpans: spans, positiveBuckets: buckets });
const float = (spans: Span[], buckets: number[], hint: CounterResetHint = CounterResetHint.Unknown) => new FloatHistogram({ counterResetHint: hint, schema: 1, count: buckets.reduce((a, b) => a + b, 0), sum: 1, positiveSpans: spans, positiveBuckets: buckets });

function store(samples: AnyHistogram[]): HistogramSamples {
  const s = new HistogramSamples();
  samples.forEach((h, i) => s.push(i * 1000, h, WINDOW));
  return s;
}

/** The chunk Prometheus's recode leaves: every sample appended under the final layout from the start. */
function direct(samples: AnyHistogram[], header: CounterResetHeader = CounterResetHeader.Unknown): Uint8Array {
  const a = samples[0] instanceof Histogram ? new HistogramChunkAppender(header) : new FloatHistogramChunkAppender(header);
  samples.forEach((h, i) => (a instanceof HistogramChunkAppender ? a.append(i * 1000, h as Histogram) : a.append(i * 1000, h as FloatHistogram)));
  return a.bytes();
}

describe('histogram chunk recode', () => {
  it.each([
    {
      name: 'a new bucket above the others (integer counter)',
      got: [int([{ offset: 0, length: 2 }], [1, 0]), int([{ offset: 0, length: 2 }], [2, 0]), int([{ offset: 0, length: 3 }], [2, 0, 1])],
      want: [int([{ offset: 0, length: 3 }], [1, 0, -1]), int([{ offset: 0, length: 3 }], [2, 0, -2]), int([{ offset: 0, length: 3 }], [2, 0, 1])],
    },
    {
      name: 'a new bucket across a gap, then a sample lacking an empty one (integer counter)',
      got: [int([{ offset: 0, length: 1 }], [0]), int([{ offset: 0, length: 1 }, { offset: 2, length: 1 }], [0, 1]), int([{ offset: 3, length: 1 }], [2])],
      want: [int([{ offset: 0, length: 1 }, { offset: 2, length: 1 }], [0, 0]), int([{ offset: 0, length: 1 }, { offset: 2, length: 1 }], [0, 1]), int([{ offset: 0, length: 1 }, { offset: 2, length: 1 }], [0, 2])],
    },
    {
      name: 'a new bucket below (float counter)',
      got: [float([{ offset: 2, length: 1 }], [1]), float([{ offset: 1, length: 2 }], [1, 1])],
      want: [float([{ offset: 1, length: 2 }], [0, 1]), float([{ offset: 1, length: 2 }], [1, 1])],
    },
    {
      name: 'gauges trading buckets',
      got: [float([{ offset: 0, length: 1 }], [3], 3), float([{ offset: 1, length: 1 }], [1], 3)],
      want: [float([{ offset: 0, length: 2 }], [3, 0], 3), float([{ offset: 0, length: 2 }], [0, 1], 3)],
    },
  ])('keeps one chunk for $name, bytes as if written in the final layout', ({ got, want }) => {
    const s = store(got);
    expect(s.sealed).toEqual([]);
    expect(s.openChunk()!.bytes).toEqual(direct(want));
    expect(s.read(0, 1e9).hs.map((h) => h.count)).toEqual(want.map((h) => h.count));
  });

  it.each([
    { name: 'a bucket that lost observations', samples: [int([{ offset: 0, length: 2 }], [2, 0]), int([{ offset: 0, length: 3 }], [1, 0, 1])], header: CounterResetHeader.CounterReset },
    { name: 'a schema change', samples: [int([{ offset: 0, length: 1 }], [1]), new Histogram({ schema: 0, count: 2, positiveSpans: [{ offset: 0, length: 2 }], positiveBuckets: [1, 0] })], header: CounterResetHeader.Unknown },
    { name: 'a counter after a gauge', samples: [float([{ offset: 0, length: 1 }], [1], 3), float([{ offset: 0, length: 2 }], [1, 1])], header: CounterResetHeader.NotCounterReset },
  ])('still cuts a new chunk for $name', ({ samples, header }) => {
    const s = store(samples);
    expect(s.sealed).toHaveLength(1);
    expect(s.openChunk()!.bytes[2]).toBe(header);
  });
});
