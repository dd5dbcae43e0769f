// How a test script compares an expected native histogram with a result's
// (promqltest's compareNativeHistogram): float fields within the script's
// tolerance, spans equal once empty spans are folded away, and the counter
// reset hint only when the expectation names one.

import type { FloatHistogram } from '../../model/histogram/floatHistogram';
import { CUSTOM_BUCKETS_SCHEMA, type Span } from '../../model/histogram/types';
import { almostEqual } from '../almost';

/** Both histograms compacted beforehand (`compact(0)`), as the script runner does. */
export function nativeHistogramsMatch(exp: FloatHistogram, cur: FloatHistogram, counterResetHintSet: boolean, epsilon: number): boolean {
  if (exp.schema !== cur.schema || !almostEqual(exp.count, cur.count, epsilon) || !almostEqual(exp.sum, cur.sum, epsilon)) return false;
  if (exp.schema === CUSTOM_BUCKETS_SCHEMA && !boundsMatch(exp.customValues ?? [], cur.customValues ?? [])) return false;
  if (exp.zeroThreshold !== cur.zeroThreshold || !almostEqual(exp.zeroCount, cur.zeroCount, epsilon)) return false;
  if (!spansMatch(exp.negativeSpans, cur.negativeSpans) || !bucketsMatch(exp.negativeBuckets, cur.negativeBuckets, epsilon)) return false;
  if (!spansMatch(exp.positiveSpans, cur.positiveSpans) || !bucketsMatch(exp.positiveBuckets, cur.positiveBuckets, epsilon)) return false;
  return !counterResetHintSet || exp.counterResetHint === cur.counterResetHint;
}

function boundsMatch(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function bucketsMatch(a: number[], b: number[], epsilon: number): boolean {
  return a.length === b.length && a.every((v, i) => almostEqual(v, b[i], epsilon));
}

/** Spans with empty ones folded into the next non-empty one's offset, as spansMatch walks them. */
function foldEmpty(spans: Span[]): Span[] {
  const out: Span[] = [];
  let carry = 0;
  for (const s of spans) {
    if (s.length === 0) {
      carry += s.offset;
      continue;
    }
    out.push({ offset: s.offset + carry, length: s.length });
    carry = 0;
  }
  return out;
}

export function spansMatch(a: Span[], b: Span[]): boolean {
  const fa = foldEmpty(a);
  const fb = foldEmpty(b);
  return fa.length === fb.length && fa.every((s, i) => s.offset === fb[i].offset && s.length === fb[i].length);
}
