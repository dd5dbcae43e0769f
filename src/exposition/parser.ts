// The exposition room's face: a pull parser over the bytes of one scrape, as
// Prometheus's textparse.Parser. Nothing is built unless the caller asks, so a
// scrape whose series are all cached allocates no object per sample.

import type { Labels } from '../model/labels';
import type { FloatHistogram } from '../model/histogram/floatHistogram';
import type { Histogram } from '../model/histogram/histogram';
import type { MetricType } from '../model/metricType';

export type Entry = 'series' | 'histogram' | 'type' | 'help' | 'unit' | 'comment' | 'eof';

export interface ExpositionParser {
  /** Moves to the next entry; null after the last one. Throws ParseError on bad input. */
  next(): Entry | null;

  /** For 'series': the raw series text (`name{labels}`) lies at buf[seriesStart, seriesEnd). */
  readonly buf: Uint8Array;
  readonly seriesStart: number;
  readonly seriesEnd: number;
  /** For 'series': builds the label set, `__name__` included (only call on a cache miss). */
  labels(): Labels;
  /** For 'series': the sample value. */
  value(): number;
  /** For 'series': the sample's own timestamp in integer ms, or undefined. */
  timestamp(): number | undefined;

  /** For 'type' / 'help' / 'unit': the metric family the line names. */
  family(): string;
  /** For 'type'. */
  type(): MetricType;
  /** For 'help' (unescaped). */
  help(): string;
  /** For 'unit'. */
  unit(): string;

  /** For 'series': the sample's exemplar, when the format has them and the line carries one. */
  exemplar?(): Exemplar | undefined;
  /** For 'histogram' (protobuf only): the native histogram; buf/seriesStart/seriesEnd, labels() and timestamp() as for 'series'. */
  histogram?(): Histogram | FloatHistogram;
  /** For 'series' and 'histogram': the created (start) timestamp in ms, when the format carries one. */
  startTimestamp?(): number | undefined;
  /** For 'comment': the comment's text after `#`. */
  comment?(): string;
}

/** A rejected exposition: 1-based line and column of the offending byte, and why. */
export class ParseError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly what: string,
  ) {
    super(`${line}:${column}: ${what}`);
    this.name = 'ParseError';
  }
}

/** An OpenMetrics exemplar: `# {trace_id="…"} value [timestamp]` after a sample. */
export interface Exemplar {
  labels: Labels;
  value: number;
  /** Integer ms, when the exemplar carries one. */
  timestamp: number | undefined;
}
