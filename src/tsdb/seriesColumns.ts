// A head's per-series scalars — the open chunk's XOR appender state, the
// newest sample time and the chunk's end time — held in typed-array columns
// indexed by series ref rather than as fields of each series object (the
// chunk's sample count is its own header). Measured on 100,000 series, the
// fields cost a 176-byte object per series and the three timestamps a boxed
// number each (48 bytes more); a column costs its element and nothing else.
// What few series carry (histograms, start times) is in a map by ref, so the
// others do not pay a field for it.

import { grownArray } from '../model/grownArray';
import type { SeriesExtras } from './memSeries';

export class SeriesColumns {
  /** Bits written to the series' buffer. */
  len = new Int32Array(0);
  /** Byte offset of the open chunk; 0 when there is none. */
  at = new Int32Array(0);
  /** The open chunk's newest float sample time and the delta before it. */
  t = new Float64Array(0);
  tDelta = new Float64Array(0);
  /** The previous value's float64 bits, high and low word, as int32. */
  vHi = new Int32Array(0);
  vLo = new Int32Array(0);
  /** XOR window; leading 0xff while none is chosen. */
  leading = new Uint8Array(0);
  trailing = new Uint8Array(0);
  /** Newest sample time (-Infinity before the first). */
  maxTime = new Float64Array(0);
  /** When the open chunk is cut (-Infinity before the first). */
  nextAt = new Float64Array(0);
  /** Histogram samples, the last histogram and start times of the series that have any. */
  readonly extras = new Map<number, SeriesExtras>();

  /** Makes ref's row, as a new series starts (refs are never reused). */
  init(ref: number): void {
    this.extras.delete(ref);
    if (ref >= this.len.length) this.grow(ref + 1);
    this.len[ref] = 0;
    this.at[ref] = 0;
    this.t[ref] = 0;
    this.tDelta[ref] = 0;
    this.vHi[ref] = 0;
    this.vLo[ref] = 0;
    this.leading[ref] = 0xff;
    this.trailing[ref] = 0;
    this.maxTime[ref] = -Infinity;
    this.nextAt[ref] = -Infinity;
  }

  /** Lets go of what a removed series kept beside its row. */
  release(ref: number): void {
    this.extras.delete(ref);
  }

  /** Makes rows up to `refsBelow` at once when their number is known (reopening storage). */
  reserve(refsBelow: number): void {
    if (refsBelow > this.len.length) this.grow(refsBelow);
  }

  // By a quarter, not doubling: every column's unused tail is memory each
  // series pays for (50 bytes a row; growing by half left 24% of the rows
  // unused at 10,000 series).
  private grow(min: number): void {
    const size = Math.max(min, 64, this.len.length + (this.len.length >> 2));
    this.len = grownArray(this.len, size);
    this.at = grownArray(this.at, size);
    this.t = grownArray(this.t, size);
    this.tDelta = grownArray(this.tDelta, size);
    this.vHi = grownArray(this.vHi, size);
    this.vLo = grownArray(this.vLo, size);
    this.leading = grownArray(this.leading, size);
    this.trailing = grownArray(this.trailing, size);
    this.maxTime = grownArray(this.maxTime, size);
    this.nextAt = grownArray(this.nextAt, size);
  }
}
