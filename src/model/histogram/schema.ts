// Schema predicates and the errors of Prometheus's model/histogram
// (generic.go): one HistogramError class whose `kind` names the Go sentinel
// (ErrHistogramsIncompatibleSchema → 'IncompatibleSchema'), so callers test
// the kind as Go code tests errors.Is, and the message reads as Go's wrapped text.

import { CUSTOM_BUCKETS_SCHEMA, EXPONENTIAL_SCHEMA_MAX, EXPONENTIAL_SCHEMA_MIN } from './types';

export const EXPONENTIAL_SCHEMA_MAX_RESERVED = 52;
export const EXPONENTIAL_SCHEMA_MIN_RESERVED = -9;

/** Go's sentinel errors, by name, with their text. */
export const HISTOGRAM_ERRORS = {
  CountNotBigEnough: "histogram's observation count should be at least the number of observations found in the buckets",
  CountMismatch: "histogram's observation count should equal the number of observations found in the buckets (in absence of NaN)",
  NegativeCount: "histogram's observation count is negative",
  NegativeBucketCount: 'histogram has a bucket whose observation count is negative',
  SpanNegativeOffset: 'histogram has a span whose offset is negative',
  SpansBucketsMismatch: 'histogram spans specify different number of buckets than provided',
  CustomBucketsMismatch: 'histogram custom bounds are too few',
  CustomBucketsInvalid: 'histogram custom bounds must be in strictly increasing order',
  CustomBucketsInfinite: 'histogram custom bounds must be finite',
  CustomBucketsNaN: 'histogram custom bounds must not be NaN',
  IncompatibleSchema: 'cannot apply this operation on histograms with a mix of exponential and custom bucket schemas',
  CustomBucketsZeroCount: 'custom buckets: must have zero count of 0',
  CustomBucketsZeroThresh: 'custom buckets: must have zero threshold of 0',
  CustomBucketsNegSpans: 'custom buckets: must not have negative spans',
  CustomBucketsNegBuckets: 'custom buckets: must not have negative buckets',
  ExpSchemaCustomBounds: 'histogram with exponential schema must not have custom bounds',
  InvalidSchema: `histogram has an invalid schema, which must be between ${EXPONENTIAL_SCHEMA_MIN} and ${EXPONENTIAL_SCHEMA_MAX} for exponential buckets, or ${CUSTOM_BUCKETS_SCHEMA} for custom buckets`,
  UnknownSchema: `histogram has an unknown schema, which must be between ${EXPONENTIAL_SCHEMA_MIN_RESERVED} and ${EXPONENTIAL_SCHEMA_MAX_RESERVED} for exponential buckets, or ${CUSTOM_BUCKETS_SCHEMA} for custom buckets`,
} as const;
export type HistogramErrorKind = keyof typeof HISTOGRAM_ERRORS;

/** A histogram.Error: `kind` is the sentinel it wraps, `message` Go's full wrapped text ("positive side: spans need 2 buckets, have 1 buckets: histogram spans …"). */
export class HistogramError extends Error {
  readonly kind: HistogramErrorKind;
  constructor(kind: HistogramErrorKind, context?: string) {
    super(context === undefined ? HISTOGRAM_ERRORS[kind] : `${context}: ${HISTOGRAM_ERRORS[kind]}`);
    this.name = 'HistogramError';
    this.kind = kind;
  }

  /** The same error with one more layer of context in front, as fmt.Errorf("%s: %w", …). */
  wrap(context: string): HistogramError {
    const e = new HistogramError(this.kind);
    e.message = `${context}: ${this.message}`;
    return e;
  }
}

/** errors.Is(err, ErrHistogram<kind>). */
export function isHistogramError(e: unknown, kind: HistogramErrorKind): e is HistogramError {
  return e instanceof HistogramError && e.kind === kind;
}

export function invalidSchemaError(s: number): HistogramError {
  const e = new HistogramError('InvalidSchema');
  e.message += `, got schema ${s}`;
  return e;
}

export function unknownSchemaError(s: number): HistogramError {
  const e = new HistogramError('UnknownSchema');
  e.message += `, got schema ${s}`;
  return e;
}

export function isCustomBucketsSchema(s: number): boolean {
  return s === CUSTOM_BUCKETS_SCHEMA;
}

export function isExponentialSchema(s: number): boolean {
  return s >= EXPONENTIAL_SCHEMA_MIN && s <= EXPONENTIAL_SCHEMA_MAX;
}

export function isExponentialSchemaReserved(s: number): boolean {
  return s >= EXPONENTIAL_SCHEMA_MIN_RESERVED && s <= EXPONENTIAL_SCHEMA_MAX_RESERVED;
}

export function isValidSchema(s: number): boolean {
  return isCustomBucketsSchema(s) || isExponentialSchema(s);
}

/** A schema Prometheus accepts, though one above 8 must first be reduced to 8 (IsKnownSchema). */
export function isKnownSchema(s: number): boolean {
  return isCustomBucketsSchema(s) || isExponentialSchemaReserved(s);
}

/** CustomBucketBoundsMatch: same length and every bound equal (NaN never matches, as Go's !=). */
export function customBucketBoundsMatch(c1: readonly number[] | undefined, c2: readonly number[] | undefined): boolean {
  const a = c1 ?? [];
  const b = c2 ?? [];
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
