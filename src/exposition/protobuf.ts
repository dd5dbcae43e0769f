// The protobuf exposition format (length-delimited io.prometheus.client.MetricFamily
// messages) behind the same pull face as the text parsers, emitting entries in
// the order Prometheus's textparse.ProtobufParser does: help, unit, type, then
// per metric a native histogram and/or its classic series (_count, _sum,
// _bucket / quantiles), or the classic histogram converted to NHCB.

import { BinaryReader } from '@bufbuild/protobuf/wire';
import { Labels } from '../model/labels';
import type { MetricType } from '../model/metricType';
import { FloatHistogram } from '../model/histogram/floatHistogram';
import { Histogram } from '../model/histogram/histogram';
import { CounterResetHint, type Span } from '../model/histogram/types';
import { decodeText } from './byteText';
import { formatOpenMetricsFloat } from './goFloat';
import { classicToNhcb } from '../model/histogram/convertNhcb';
import type { Entry, ExpositionParser } from './parser';
import { MetricRecord, NumberList, ProtoType, readMetric, stringRange, sub } from './protoMetric';

/** A rejected protobuf body: the byte offset where decoding failed, and why. */
export class ProtobufParseError extends Error {
  constructor(
    readonly offset: number,
    readonly what: string,
  ) {
    super(`protobuf body at byte ${offset}: ${what}`);
    this.name = 'ProtobufParseError';
  }
}

export interface ProtobufOptions {
  /** !scrape_native_histograms: native histograms are read as classic ones. */
  ignoreNativeHistograms?: boolean;
  /** always_scrape_classic_histograms: a native histogram's classic buckets are emitted too. */
  keepClassicHistograms?: boolean;
  /** convert_classic_histograms_to_nhcb. */
  convertClassicToNhcb?: boolean;
}

// Steps of one metric; non-negative steps index a quantile or classic bucket.
const STEP_VALUE = -1;
const STEP_COUNT = -2;
const STEP_SUM = -3;
const STEP_NATIVE = -4;
const STEP_NHCB = -5;

const TYPES: Record<number, MetricType> = {
  [ProtoType.Counter]: 'counter',
  [ProtoType.Gauge]: 'gauge',
  [ProtoType.Summary]: 'summary',
  [ProtoType.Untyped]: 'unknown',
  [ProtoType.Histogram]: 'histogram',
  [ProtoType.GaugeHistogram]: 'gaugehistogram',
};

const utf8 = new TextEncoder();
const SUFFIX: Record<number, Uint8Array> = { [STEP_COUNT]: utf8.encode('_count'), [STEP_SUM]: utf8.encode('_sum') };
const BUCKET = utf8.encode('_bucket');

export class ProtobufParser implements ExpositionParser {
  private readonly r: BinaryReader;
  private readonly m = new MetricRecord();
  private familyEnd = 0;
  private name = '';
  private nameRange: [number, number] = [0, 0];
  private helpRange: [number, number] = [0, 0];
  private unitRange: [number, number] = [0, 0];
  private protoType = 0;
  /** Metric messages of the current family as (start, end) pairs. */
  private readonly metrics = new NumberList();
  private metricAt = 0;
  /** Header entries still to emit for this family. */
  private readonly header: Entry[] = [];
  private readonly steps = new NumberList();
  private stepAt = 0;
  private key = new Uint8Array(256);
  private keyLen = 0;

  constructor(
    private readonly body: Uint8Array,
    private readonly opts: ProtobufOptions = {},
  ) {
    this.r = new BinaryReader(body);
  }

  /** The series key (name, labels and magic label as bytes): keys the scrape cache, as entryBytes does. */
  get buf(): Uint8Array {
    return this.key;
  }
  readonly seriesStart = 0;
  get seriesEnd(): number {
    return this.keyLen;
  }

  next(): Entry | null {
    const at = this.r.pos;
    try {
      return this.advance();
    } catch (e) {
      if (e instanceof ProtobufParseError) throw e;
      throw new ProtobufParseError(Math.max(at, Math.min(this.r.pos, this.body.length)), e instanceof Error ? e.message : String(e));
    }
  }

  private advance(): Entry | null {
    for (;;) {
      if (this.header.length > 0) return this.header.shift()!;
      if (this.stepAt < this.steps.length) {
        const step = this.steps.at(this.stepAt++);
        this.writeKey(step);
        return step === STEP_NATIVE || step === STEP_NHCB ? 'histogram' : 'series';
      }
      if (this.metricAt < this.metrics.length) {
        this.r.pos = this.metrics.at(this.metricAt);
        readMetric(this.r, this.metrics.at(this.metricAt + 1), this.m);
        this.metricAt += 2;
        this.planSteps();
        continue;
      }
      this.r.pos = this.familyEnd;
      if (this.r.pos >= this.body.length) return null;
      this.readFamily();
    }
  }

  private readFamily(): void {
    const r = this.r;
    const len = r.uint32();
    const start = r.pos;
    this.familyEnd = start + len;
    if (this.familyEnd > this.body.length) throw new ProtobufParseError(start, `MetricFamily of ${len} bytes runs past the end of the body (${this.body.length} bytes)`);
    this.nameRange = this.helpRange = this.unitRange = [0, 0];
    this.protoType = 0;
    this.metrics.length = 0;
    this.metricAt = 0;
    while (r.pos < this.familyEnd) {
      const [no, wt] = r.tag();
      if (no === 1) this.nameRange = stringRange(r, wt);
      else if (no === 2) this.helpRange = stringRange(r, wt);
      else if (no === 3) this.protoType = r.int32();
      else if (no === 4) {
        const end = sub(r, wt);
        this.metrics.push(r.pos);
        this.metrics.push(end);
        r.pos = end;
      } else if (no === 5) this.unitRange = stringRange(r, wt);
      else r.skip(wt, no);
    }
    if (r.pos !== this.familyEnd) throw new ProtobufParseError(r.pos, 'MetricFamily fields run past its length');
    this.name = decodeText(this.body, this.nameRange[0], this.nameRange[1]);
    if (this.name === '') throw new ProtobufParseError(start, 'invalid metric name: ""');
    if (!(this.protoType in TYPES)) throw new ProtobufParseError(start, `unknown metric type for metric "${this.name}": ${this.protoType}`);
    // Empty metric families are skipped, as ProtobufParser.Next does.
    if (this.metrics.length === 0) return;
    this.header.push('help');
    if (this.unitRange[1] > this.unitRange[0]) this.header.push('unit');
    this.header.push('type');
  }

  /** The entries of the metric just read, as ProtobufParser.Next's states walk them. */
  private planSteps(): void {
    const { m, steps, opts } = this;
    steps.length = 0;
    this.stepAt = 0;
    const t = this.protoType;
    if (t === ProtoType.Summary) {
      steps.push(STEP_COUNT);
      steps.push(STEP_SUM);
      for (let i = 0; i < m.quantiles.length / 2; i++) steps.push(i);
      return;
    }
    if (t !== ProtoType.Histogram && t !== ProtoType.GaugeHistogram) {
      steps.push(STEP_VALUE);
      return;
    }
    const native = !opts.ignoreNativeHistograms && m.isNative();
    if (native) {
      this.checkSpans();
      steps.push(STEP_NATIVE);
      if (!(opts.keepClassicHistograms && m.buckets.length > 0)) return;
    }
    const classic = native || !opts.convertClassicToNhcb || opts.keepClassicHistograms;
    if (classic) {
      steps.push(STEP_COUNT);
      steps.push(STEP_SUM);
      const n = m.buckets.length / 3;
      let i = 0;
      for (; i < n; i++) {
        steps.push(i);
        if (m.buckets.at(i * 3) === Infinity) break;
      }
      if (i === n) steps.push(n);
    }
    if (!native && opts.convertClassicToNhcb) steps.push(STEP_NHCB);
  }

  /** checkNativeHistogramConsistency. */
  private checkSpans(): void {
    const m = this.m;
    const float = m.isFloatHistogram();
    const sides: [string, NumberList, NumberList][] = [
      ['positive', m.posSpans, float ? m.posCounts : m.posDeltas],
      ['negative', m.negSpans, float ? m.negCounts : m.negDeltas],
    ];
    for (const [side, spans, buckets] of sides) {
      let total = 0;
      for (let i = 1; i < spans.length; i += 2) total += spans.at(i);
      if (total !== buckets.length) throw new Error(`histogram "${this.name}": ${side} side: spans require ${total} buckets, have ${buckets.length}`);
    }
  }

  private writeKey(step: number): void {
    this.keyLen = 0;
    this.put(this.body, this.nameRange[0], this.nameRange[1]);
    const magic = this.magicLabel(step);
    if (step in SUFFIX) this.put(SUFFIX[step], 0, SUFFIX[step].length);
    else if (magic?.[0] === 'le') this.put(BUCKET, 0, BUCKET.length);
    const l = this.m.labels;
    for (let i = 0; i < l.length; i += 4) {
      this.putByte(0xff);
      this.put(this.body, l.at(i), l.at(i + 1));
      this.putByte(0xff);
      this.put(this.body, l.at(i + 2), l.at(i + 3));
    }
    if (magic) {
      const text = utf8.encode(`\xff${magic[0]}\xff${magic[1]}`);
      this.put(text, 0, text.length);
    }
    this.currentStep = step;
  }

  private currentStep = STEP_VALUE;

  private magicLabel(step: number): [string, string] | undefined {
    if (step < 0) return undefined;
    if (this.protoType === ProtoType.Summary) return ['quantile', formatOpenMetricsFloat(this.m.quantiles.at(step * 2))];
    const upper = step * 3 < this.m.buckets.length ? this.m.buckets.at(step * 3) : Infinity;
    return ['le', formatOpenMetricsFloat(upper)];
  }

  private put(src: Uint8Array, start: number, end: number): void {
    const need = this.keyLen + end - start;
    if (need > this.key.length) {
      const grown = new Uint8Array(Math.max(need, this.key.length * 2));
      grown.set(this.key.subarray(0, this.keyLen));
      this.key = grown;
    }
    this.key.set(src.subarray(start, end), this.keyLen);
    this.keyLen = need;
  }

  private putByte(b: number): void {
    if (this.keyLen === this.key.length) this.put(new Uint8Array([b]), 0, 1);
    else this.key[this.keyLen++] = b;
  }

  labels(): Labels {
    const step = this.currentStep;
    const rec: Record<string, string> = {};
    const l = this.m.labels;
    for (let i = 0; i < l.length; i += 4) rec[decodeText(this.body, l.at(i), l.at(i + 1))] = decodeText(this.body, l.at(i + 2), l.at(i + 3));
    const isHistogram = this.protoType === ProtoType.Histogram || this.protoType === ProtoType.GaugeHistogram;
    let name = this.name;
    if (step === STEP_COUNT) name += '_count';
    else if (step === STEP_SUM) name += '_sum';
    else if (step >= 0 && isHistogram) name += '_bucket';
    rec.__name__ = name;
    const magic = this.magicLabel(step);
    if (magic) rec[magic[0]] = magic[1];
    return Labels.from(rec);
  }

  value(): number {
    const { m } = this;
    const step = this.currentStep;
    if (step === STEP_VALUE) return m.value;
    if (this.protoType === ProtoType.Summary) {
      if (step === STEP_COUNT) return m.sampleCount;
      if (step === STEP_SUM) return m.sampleSum;
      return m.quantiles.at(step * 2 + 1);
    }
    const count = m.sampleCountFloat || m.sampleCount;
    if (step === STEP_COUNT) return count;
    if (step === STEP_SUM) return m.sampleSum;
    if (step * 3 >= m.buckets.length) return count;
    return m.buckets.at(step * 3 + 2) || m.buckets.at(step * 3 + 1);
  }

  /** Prometheus reads a zero timestamp_ms as no timestamp (proto3 cannot tell them apart). */
  timestamp(): number | undefined {
    return this.m.timestampMs === 0 ? undefined : this.m.timestampMs;
  }

  /** The start (created) timestamp of a counter, summary or histogram, in ms. */
  startTimestamp(): number | undefined {
    return this.m.startMs;
  }

  /** For 'histogram': the native histogram, or the classic one converted to NHCB. */
  histogram(): Histogram | FloatHistogram {
    const { m } = this;
    const gauge = this.protoType === ProtoType.GaugeHistogram;
    if (this.currentStep === STEP_NHCB) {
      const n = m.buckets.length / 3;
      const bounds: number[] = [];
      const counts: number[] = [];
      for (let i = 0; i < n; i++) {
        bounds.push(m.buckets.at(i * 3));
        counts.push(m.buckets.at(i * 3 + 2) || m.buckets.at(i * 3 + 1));
      }
      let h: Histogram | FloatHistogram;
      try {
        h = classicToNhcb(bounds, counts, m.sampleCountFloat || m.sampleCount, m.sampleSum);
      } catch (e) {
        throw new ProtobufParseError(this.r.pos, `histogram "${this.name}": ${e instanceof Error ? e.message : String(e)}`);
      }
      if (gauge) h.counterResetHint = CounterResetHint.Gauge;
      return h;
    }
    const init = {
      counterResetHint: gauge ? CounterResetHint.Gauge : CounterResetHint.Unknown,
      schema: m.schema,
      zeroThreshold: m.zeroThreshold,
      sum: m.sampleSum,
      positiveSpans: spans(m.posSpans),
      negativeSpans: spans(m.negSpans),
    };
    if (m.isFloatHistogram()) {
      return new FloatHistogram({ ...init, count: m.sampleCountFloat, zeroCount: m.zeroCountFloat, positiveBuckets: m.posCounts.items.slice(0, m.posCounts.length), negativeBuckets: m.negCounts.items.slice(0, m.negCounts.length) });
    }
    return new Histogram({ ...init, count: m.sampleCount, zeroCount: m.zeroCount, positiveBuckets: m.posDeltas.items.slice(0, m.posDeltas.length), negativeBuckets: m.negDeltas.items.slice(0, m.negDeltas.length) });
  }

  family(): string {
    return this.name;
  }
  type(): MetricType {
    return TYPES[this.protoType];
  }
  help(): string {
    return decodeText(this.body, this.helpRange[0], this.helpRange[1]);
  }
  unit(): string {
    return decodeText(this.body, this.unitRange[0], this.unitRange[1]);
  }
}

function spans(list: NumberList): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < list.length; i += 2) out.push({ offset: list.at(i), length: list.at(i + 1) });
  return out;
}
