// The histogram notation promqltest and promtool print
// (FloatHistogram.TestExpression): `{{schema:1 count:3 sum:5 buckets:[1 2]}}`,
// fields left out at their zero value, spans compacted into one per side.

import type { FloatHistogram } from './floatHistogram';
import { CounterResetHint, type Span } from './types';
import { formatG } from '../goFloat';

const HINT_WORDS: Record<CounterResetHint, string | undefined> = {
  [CounterResetHint.Unknown]: undefined,
  [CounterResetHint.CounterReset]: 'reset',
  [CounterResetHint.NotCounterReset]: 'not_reset',
  [CounterResetHint.Gauge]: 'gauge',
};

/** TestExpression; throws, as Go panics, when a side still needs more than one span after compaction. */
export function testExpression(h: FloatHistogram): string {
  const m = h.copy().compact(Number.MAX_SAFE_INTEGER);
  const res: string[] = [];
  if (m.schema !== 0) res.push(`schema:${m.schema}`);
  if (m.count !== 0) res.push(`count:${formatG(m.count)}`);
  if (m.sum !== 0) res.push(`sum:${formatG(m.sum)}`);
  if (m.zeroCount !== 0) res.push(`z_bucket:${formatG(m.zeroCount)}`);
  if (m.zeroThreshold !== 0) res.push(`z_bucket_w:${formatG(m.zeroThreshold)}`);
  // Go's %g of a []float64 prints "[a b c]".
  if (m.usesCustomBuckets()) res.push(`custom_values:[${(m.customValues ?? []).map(formatG).join(' ')}]`);
  const hint = HINT_WORDS[m.counterResetHint];
  if (hint !== undefined) res.push(`counter_reset_hint:${hint}`);
  const side = (kind: string, bucketsKey: string, offsetKey: string, buckets: readonly number[], spans: readonly Span[]): void => {
    if (spans.length > 1) throw new Error(`histogram with multiple ${kind} spans not supported`);
    for (const s of spans) if (s.offset !== 0) res.push(`${offsetKey}:${s.offset}`);
    if (buckets.length > 0) res.push(`${bucketsKey}:[${buckets.map(formatG).join(' ')}]`);
  };
  side('positive', 'buckets', 'offset', m.positiveBuckets, m.positiveSpans);
  side('negative', 'n_buckets', 'n_offset', m.negativeBuckets, m.negativeSpans);
  return `{{${res.join(' ')}}}`;
}
