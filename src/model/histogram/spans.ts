// Span bookkeeping shared by both histogram kinds (generic.go and
// histogram.go): compaction, layout equality, and the consistency checks
// behind validate().

import { HistogramError } from './schema';
import type { Span } from './types';
import { formatG } from '../goFloat';

export interface CompactResult {
  buckets: number[];
  compensation: number[] | undefined;
  spans: Span[];
}

/**
 * compactBuckets: drops empty buckets at the start and end of spans and runs of
 * more than maxEmptyBuckets inside them, then merges spans at most
 * maxEmptyBuckets apart. `deltaBuckets` for an integer histogram's delta
 * encoding. The arrays are changed in place and also returned (a merge may
 * replace them). Compensation buckets (Kahan terms) move with their buckets,
 * and a bucket is empty only when both are 0.
 */
export function compactBuckets(
  buckets: number[],
  compensation: number[] | undefined,
  spans: Span[],
  maxEmptyBuckets: number,
  deltaBuckets: boolean,
): CompactResult {
  if (deltaBuckets && compensation !== undefined) throw new Error('histogram type mismatch: deltaBuckets cannot be true when compensationBuckets is provided');
  if (compensation !== undefined && buckets.length !== compensation.length) {
    throw new Error(`primary buckets layout (${buckets.length}) mismatch against associated compensation buckets layout (${compensation.length})`);
  }
  // Fast path: no empty bucket, no small offset, no empty span.
  let nothingToDo = true;
  let currentAbs = 0;
  for (const b of buckets) {
    currentAbs = deltaBuckets ? currentAbs + b : b;
    if (currentAbs === 0) {
      nothingToDo = false;
      break;
    }
  }
  if (nothingToDo) {
    for (const s of spans) {
      if (s.offset <= maxEmptyBuckets || s.length === 0) {
        nothingToDo = false;
        break;
      }
    }
    if (nothingToDo) return { buckets, compensation, spans };
  }

  let iBucket = 0;
  let iSpan = 0;
  let posInSpan = 0;
  currentAbs = 0;

  const emptyBucketsHere = (): number => {
    let i = 0;
    let abs = currentAbs;
    let comp = compensation !== undefined ? compensation[iBucket] : 0;
    while (i + posInSpan < spans[iSpan].length && abs === 0 && comp === 0) {
      i++;
      if (i + iBucket >= buckets.length) break;
      abs = buckets[i + iBucket];
      if (compensation !== undefined) comp = compensation[i + iBucket];
    }
    return i;
  };

  // Merge spans with zero offset, to avoid special cases later.
  if (spans.length > 1) {
    const merged: Span[] = [{ ...spans[0] }];
    for (let i = 1; i < spans.length; i++) {
      if (spans[i].offset === 0) merged[merged.length - 1].length += spans[i].length;
      else merged.push({ ...spans[i] });
    }
    spans.splice(0, spans.length, ...merged);
  }
  // Merge zero-length spans into the next one.
  {
    const kept: Span[] = [];
    for (let i = 0; i < spans.length; i++) {
      const span = spans[i];
      if (span.length === 0) {
        if (i + 1 < spans.length) spans[i + 1] = { offset: spans[i + 1].offset + span.offset, length: spans[i + 1].length };
        continue;
      }
      kept.push({ ...span });
    }
    spans.splice(0, spans.length, ...kept);
  }
  if (spans.length === 0) {
    buckets.length = 0;
    if (compensation !== undefined) compensation.length = 0;
    return { buckets, compensation, spans };
  }

  // Cut empty buckets from the start and end of spans always, and from the
  // middle only where more than maxEmptyBuckets follow one another.
  while (iBucket < buckets.length && iSpan < spans.length) {
    currentAbs = deltaBuckets ? currentAbs + buckets[iBucket] : buckets[iBucket];
    const nEmpty = emptyBucketsHere();
    if (nEmpty > 0) {
      if (posInSpan > 0 && nEmpty < spans[iSpan].length - posInSpan && nEmpty <= maxEmptyBuckets) {
        // Few enough empty buckets in the middle of a span: keep them.
        iBucket += nEmpty;
        if (deltaBuckets) currentAbs = 0;
        posInSpan += nEmpty;
        continue;
      }
      if (deltaBuckets && iBucket + nEmpty < buckets.length) {
        currentAbs = -buckets[iBucket];
        buckets[iBucket + nEmpty] += buckets[iBucket];
      }
      buckets.splice(iBucket, nEmpty);
      if (compensation !== undefined) compensation.splice(iBucket, nEmpty);
      if (posInSpan === 0) {
        if (nEmpty === spans[iSpan].length) {
          // The whole span is empty.
          const offset = spans[iSpan].offset;
          spans.splice(iSpan, 1);
          if (spans.length > iSpan) spans[iSpan].offset += offset + nEmpty;
          continue;
        }
        spans[iSpan].length -= nEmpty;
        spans[iSpan].offset += nEmpty;
        continue;
      }
      // In the middle or at the end of the span: split it.
      const newSpan: Span = { offset: nEmpty, length: spans[iSpan].length - posInSpan - nEmpty };
      spans[iSpan].length = posInSpan;
      iSpan++;
      posInSpan = 0;
      if (newSpan.length === 0) {
        // We were at the end of the span already; only the next offset grows.
        if (iSpan < spans.length) spans[iSpan].offset += nEmpty;
        continue;
      }
      spans.splice(iSpan, 0, newSpan);
      continue;
    }
    iBucket++;
    posInSpan++;
    if (posInSpan >= spans[iSpan].length) {
      posInSpan = 0;
      iSpan++;
    }
  }
  if (maxEmptyBuckets === 0 || buckets.length === 0) return { buckets, compensation, spans };

  // Merge spans whose gap is at most maxEmptyBuckets, inserting empty buckets.
  iBucket = spans[0].length;
  if (deltaBuckets) {
    currentAbs = 0;
    for (let k = 0; k < iBucket; k++) currentAbs += buckets[k];
  }
  iSpan = 1;
  while (iSpan < spans.length) {
    if (spans[iSpan].offset > maxEmptyBuckets) {
      const l = spans[iSpan].length;
      if (deltaBuckets) for (let k = iBucket; k < iBucket + l; k++) currentAbs += buckets[k];
      iBucket += l;
      iSpan++;
      continue;
    }
    const offset = spans[iSpan].offset;
    spans[iSpan - 1].length += offset + spans[iSpan].length;
    spans.splice(iSpan, 1);
    const zeros = new Array<number>(offset).fill(0);
    buckets.splice(iBucket, 0, ...zeros);
    if (deltaBuckets) {
      buckets[iBucket] = -currentAbs;
      buckets[iBucket + offset] += currentAbs;
    }
    if (compensation !== undefined) compensation.splice(iBucket, 0, ...zeros);
    iBucket += offset;
    currentAbs = buckets[iBucket];
  }
  return { buckets, compensation, spans };
}

/** spansMatch: the same bucket layout once zero-length spans are folded into the next. */
export function spansMatch(s1: readonly Span[], s2: readonly Span[]): boolean {
  if (s1.length === 0 && s2.length === 0) return true;
  let i1 = 0;
  let i2 = 0;
  for (;;) {
    if (i1 >= s1.length) return allEmptySpans(s2, i2);
    if (i2 >= s2.length) return allEmptySpans(s1, i1);
    const c1 = { ...s1[i1++] };
    const c2 = { ...s2[i2++] };
    if (c1.length === 0) {
      for (; i1 < s1.length && s1[i1].length === 0; i1++) c1.offset += s1[i1].offset;
      if (i1 < s1.length) {
        c1.offset += s1[i1].offset;
        c1.length = s1[i1].length;
        i1++;
      }
    }
    if (c2.length === 0) {
      for (; i2 < s2.length && s2[i2].length === 0; i2++) c2.offset += s2[i2].offset;
      if (i2 < s2.length) {
        c2.offset += s2[i2].offset;
        c2.length = s2[i2].length;
        i2++;
      }
    }
    if (c1.length === 0 && c2.length === 0) return true;
    if (c1.offset !== c2.offset || c1.length !== c2.length) return false;
  }
}

function allEmptySpans(s: readonly Span[], from: number): boolean {
  for (let i = from; i < s.length; i++) if (s[i].length > 0) return false;
  return true;
}

/** checkHistogramSpans: no negative offset after the first span, and as many buckets as the spans need. */
export function checkHistogramSpans(spans: readonly Span[], numBuckets: number): HistogramError | undefined {
  let spanBuckets = 0;
  for (let n = 0; n < spans.length; n++) {
    if (n > 0 && spans[n].offset < 0) return new HistogramError('SpanNegativeOffset', `span number ${n + 1} with offset ${spans[n].offset}`);
    spanBuckets += spans[n].length;
  }
  if (spanBuckets !== numBuckets) return new HistogramError('SpansBucketsMismatch', `spans need ${spanBuckets} buckets, have ${numBuckets} buckets`);
  return undefined;
}

/** checkHistogramBuckets: no negative (absolute) count; returns the total, or the error. */
export function checkHistogramBuckets(buckets: readonly number[], deltas: boolean): { count: number; err?: HistogramError } {
  let count = 0;
  let last = 0;
  for (let i = 0; i < buckets.length; i++) {
    const c = deltas ? last + buckets[i] : buckets[i];
    if (c < 0) return { count, err: new HistogramError('NegativeBucketCount', `bucket number ${i + 1} has observation count of ${formatG(c)}`) };
    last = c;
    count += c;
  }
  return { count };
}

/** Go's %f: six decimals. */
function formatF(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  return f.toFixed(6);
}

/** checkHistogramCustomBounds: strictly increasing finite bounds, non-negative offsets, and enough bounds for the spans. */
export function checkHistogramCustomBounds(bounds: readonly number[] | undefined, spans: readonly Span[], numBuckets: number): HistogramError | undefined {
  const bs = bounds ?? [];
  let prev = -Infinity;
  for (let i = 0; i < bs.length; i++) {
    const curr = bs[i];
    if (Number.isNaN(curr)) return new HistogramError('CustomBucketsNaN');
    if (i > 0 && curr <= prev) return new HistogramError('CustomBucketsInvalid', `previous bound is ${formatF(prev)} and current is ${formatF(curr)}`);
    prev = curr;
  }
  if (prev === Infinity) return new HistogramError('CustomBucketsInfinite', 'last +Inf bound must not be explicitly defined');
  let spanBuckets = 0;
  let totalSpanLength = 0;
  for (let n = 0; n < spans.length; n++) {
    if (spans[n].offset < 0) return new HistogramError('SpanNegativeOffset', `span number ${n + 1} with offset ${spans[n].offset}`);
    spanBuckets += spans[n].length;
    totalSpanLength += spans[n].length + spans[n].offset;
  }
  if (spanBuckets !== numBuckets) return new HistogramError('SpansBucketsMismatch', `spans need ${spanBuckets} buckets, have ${numBuckets} buckets`);
  if (bs.length + 1 < totalSpanLength) {
    return new HistogramError('CustomBucketsMismatch', `only ${bs.length} custom bounds defined which is insufficient to cover total span length of ${totalSpanLength}`);
  }
  return undefined;
}
