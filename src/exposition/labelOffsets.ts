// Where a series' name and label pairs lie in the scrape buffer. The parsers
// record offsets while scanning and build strings only when labels() is asked.

import { intern, Labels, METRIC_NAME } from '../model/labels';
import type { MetricType } from '../model/metricType';
import { unescapeLabel } from './byteText';
import { formatOpenMetricsFloat, parseGoFloat } from './goFloat';
import { grownArray } from '../model/grownArray';

export class LabelOffsets {
  /** [nameStart, nameEnd, then per label: nameStart, nameEnd, valueStart, valueEnd]; -1 when no name. */
  private offs = new Int32Array(66);
  private n = 2;

  reset(): void {
    this.offs[0] = -1;
    this.offs[1] = -1;
    this.n = 2;
  }

  get hasName(): boolean {
    return this.offs[0] !== -1;
  }

  setName(start: number, end: number): void {
    this.offs[0] = start;
    this.offs[1] = end;
  }

  push(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): void {
    if (this.n + 4 > this.offs.length) {
      this.offs = grownArray(this.offs, this.offs.length * 2);
    }
    const o = this.offs;
    const n = this.n;
    o[n] = nameStart;
    o[n + 1] = nameEnd;
    o[n + 2] = valueStart;
    o[n + 3] = valueEnd;
    this.n = n + 4;
  }

  get count(): number {
    return (this.n - 2) >> 2;
  }

  metricName(buf: Uint8Array): string {
    return this.hasName ? unescapeLabel(buf, this.offs[0], this.offs[1]) : '';
  }

  labelName(buf: Uint8Array, i: number): string {
    return unescapeLabel(buf, this.offs[2 + 4 * i], this.offs[3 + 4 * i]);
  }

  labelValue(buf: Uint8Array, i: number): string {
    return unescapeLabel(buf, this.offs[4 + 4 * i], this.offs[5 + 4 * i]);
  }

  /** Code points in the label names and values, as OpenMetrics limits an exemplar's label set. */
  runeCount(buf: Uint8Array): number {
    let runes = 0;
    for (let k = 2; k < this.n; k += 2) {
      for (let j = this.offs[k]; j < this.offs[k + 1]; j++) if ((buf[j] & 0xc0) !== 0x80) runes++;
    }
    return runes;
  }

  /**
   * The label set, `__name__` included when there is a name. As Prometheus's
   * normalizeFloatsInLabelValues, `le` of a histogram and `quantile` of a
   * summary are rewritten in canonical float form (`1` → `1.0`).
   */
  labels(buf: Uint8Array, type: MetricType): Labels {
    const flat: string[] = [];
    // Names recur across series, so they share one copy; values may be unbounded, so they do not.
    if (this.hasName) flat.push(METRIC_NAME, intern(this.metricName(buf)));
    const normalize = type === 'histogram' ? 'le' : type === 'summary' ? 'quantile' : '';
    for (let i = 0; i < this.count; i++) {
      const name = intern(this.labelName(buf, i));
      let value = this.labelValue(buf, i);
      if (name === normalize) {
        const f = parseGoFloat(buf, this.offs[4 + 4 * i], this.offs[5 + 4 * i]);
        if (f !== undefined) value = formatOpenMetricsFloat(f);
      }
      flat.push(name, value);
    }
    return Labels.fromPairs(flat);
  }
}
