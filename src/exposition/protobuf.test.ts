import { describe, expect, it } from 'vitest';
import { readEntries } from './parsedEntries';
import { ProtobufParser, ProtobufParseError, type ProtobufOptions } from './protobuf';
import { parserFor, acceptHeader, ACCEPT_HEADER } from './contentType';
import { DEFAULT_SCRAPE_PROTOCOLS, PROTO_FIRST_SCRAPE_PROTOCOLS } from '../model/scrapeProtocols';
import { PROTOBUF_CONTENT_TYPE, writeProtobuf, type ProtoFamily } from './writeProto';
import { Histogram } from '../model/histogram/histogram';
import { FloatHistogram } from '../model/histogram/floatHistogram';
import { CUSTOM_BUCKETS_SCHEMA } from '../model/histogram/types';

// The shape client_golang writes for a histogram with both native and classic
// buckets (NativeHistogramBucketFactor set beside Buckets), created timestamp included.
const LATENCY: ProtoFamily = {
  name: 'http_request_duration_seconds',
  help: 'Request latency.',
  type: 'Histogram',
  metrics: [
    {
      labels: { path: '/api' },
      histogram: {
        sampleCount: 6,
        sampleSum: 1.5,
        buckets: [{ upperBound: 0.1, cumulativeCount: 2 }, { upperBound: 1, cumulativeCount: 5 }],
        schema: 3,
        zeroThreshold: 2.938735877055719e-39,
        zeroCount: 1,
        positiveSpans: [{ offset: -20, length: 2 }, { offset: 3, length: 1 }],
        positiveDeltas: [2, -1, 1],
        startMs: 1_700_000_000_123,
      },
    },
  ],
};
const REQUESTS: ProtoFamily = { name: 'requests_total', help: 'Requests.', type: 'Counter', metrics: [{ labels: { code: '200' }, value: 7 }, { labels: { code: '500' }, value: 1, timestampMs: 1234 }] };

function entries(families: ProtoFamily[], opts: ProtobufOptions = {}) {
  return readEntries(new ProtobufParser(writeProtobuf(families), opts)).map((e) => {
    if (e.entry === 'series') return `${e.labels.toString()} ${e.value}${e.timestamp === undefined ? '' : ` @${e.timestamp}`}`;
    if (e.entry === 'histogram') return `${e.labels.toString()} H${e.histogram instanceof FloatHistogram ? 'f' : 'i'} schema=${e.histogram.schema} count=${e.histogram.count}`;
    if (e.entry === 'type') return `type ${e.type}`;
    return e.entry;
  });
}

const CLASSIC = [
  '{__name__="http_request_duration_seconds_count", path="/api"} 6',
  '{__name__="http_request_duration_seconds_sum", path="/api"} 1.5',
  '{__name__="http_request_duration_seconds_bucket", le="0.1", path="/api"} 2',
  '{__name__="http_request_duration_seconds_bucket", le="1.0", path="/api"} 5',
  '{__name__="http_request_duration_seconds_bucket", le="+Inf", path="/api"} 6',
];
const NATIVE = '{__name__="http_request_duration_seconds", path="/api"} Hi schema=3 count=6';
const NHCB = `{__name__="http_request_duration_seconds", path="/api"} Hi schema=${CUSTOM_BUCKETS_SCHEMA} count=6`;

describe('ProtobufParser', () => {
  it.each<[string, ProtobufOptions, string[]]>([
    ['native only (scrape_native_histograms)', {}, [NATIVE]],
    ['native and classic (always_scrape_classic_histograms)', { keepClassicHistograms: true }, [NATIVE, ...CLASSIC]],
    ['classic only (native histograms ignored)', { ignoreNativeHistograms: true }, CLASSIC],
    ['NHCB (convert_classic_histograms_to_nhcb)', { ignoreNativeHistograms: true, convertClassicToNhcb: true }, [NHCB]],
    ['classic and NHCB', { ignoreNativeHistograms: true, convertClassicToNhcb: true, keepClassicHistograms: true }, [...CLASSIC, NHCB]],
  ])('emits %s in Prometheus order', (_, opts, want) => {
    expect(entries([LATENCY], opts)).toEqual(['help', 'type histogram', ...want]);
  });

  it('reads counters with labels and timestamps, family after family', () => {
    expect(entries([REQUESTS, { name: 'temp', type: 'Gauge', unit: 'celsius', metrics: [{ value: -2.5 }] }])).toEqual([
      'help', 'type counter', '{__name__="requests_total", code="200"} 7', '{__name__="requests_total", code="500"} 1 @1234',
      'help', 'unit', 'type gauge', '{__name__="temp"} -2.5',
    ]);
  });

  it('decodes a native histogram field by field, with its created timestamp', () => {
    const p = new ProtobufParser(writeProtobuf([LATENCY]));
    while (p.next() !== 'histogram');
    const h = p.histogram() as Histogram;
    expect(h).toBeInstanceOf(Histogram);
    expect({ ...h }).toMatchObject({
      schema: 3, count: 6, sum: 1.5, zeroCount: 1, zeroThreshold: 2.938735877055719e-39,
      positiveSpans: [{ offset: -20, length: 2 }, { offset: 3, length: 1 }], positiveBuckets: [2, -1, 1], negativeSpans: [], negativeBuckets: [],
    });
    expect(p.startTimestamp()).toBe(1_700_000_000_123);
  });

  it('gives one cache key per series, stable across scrapes', () => {
    const keys = (body: Uint8Array) => {
      const p = new ProtobufParser(body, { keepClassicHistograms: true });
      const out: string[] = [];
      for (let e = p.next(); e; e = p.next()) if (e === 'series' || e === 'histogram') out.push(Buffer.from(p.buf.subarray(p.seriesStart, p.seriesEnd)).toString('hex'));
      return out;
    };
    const a = keys(writeProtobuf([LATENCY, REQUESTS]));
    expect(new Set(a).size).toBe(a.length);
    expect(keys(writeProtobuf([LATENCY, REQUESTS]))).toEqual(a);
  });

  it.each<[string, (b: Uint8Array) => Uint8Array, RegExp]>([
    ['a truncated body', (b) => b.subarray(0, b.length - 3), /at byte \d+: MetricFamily of \d+ bytes runs past the end/],
    ['a family length past the end', (b) => Uint8Array.of(0xff, 0x01, ...b.subarray(2)), /at byte 2: MetricFamily of 255 bytes/],
    ['a bad varint', () => Uint8Array.of(0x05, 0x18, 0xff, 0xff, 0xff, 0xff), /at byte \d+:/],
    ['spans without buckets', () => writeProtobuf([{ ...LATENCY, metrics: [{ histogram: { ...LATENCY.metrics[0].histogram!, positiveDeltas: [1] } }] }]), /positive side: spans require 3 buckets, have 1/],
  ])('fails on %s naming the byte offset', (_, mangle, want) => {
    const p = new ProtobufParser(mangle(writeProtobuf([LATENCY])));
    expect(() => readEntries(p)).toThrow(ProtobufParseError);
    expect(() => readEntries(new ProtobufParser(mangle(writeProtobuf([LATENCY]))))).toThrow(want);
  });
});

describe('negotiation', () => {
  it('builds Prometheus\'s Accept header, proto first when native histograms are scraped', () => {
    expect(acceptHeader(DEFAULT_SCRAPE_PROTOCOLS)).toBe(ACCEPT_HEADER);
    expect(acceptHeader(PROTO_FIRST_SCRAPE_PROTOCOLS)).toBe(
      'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.6,' +
        'application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,application/openmetrics-text;version=0.0.1;q=0.4,' +
        'text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3,text/plain;version=0.0.4;q=0.2,*/*;q=0.1',
    );
  });

  it.each<[string | null, 'PrometheusProto' | undefined, string]>([
    [PROTOBUF_CONTENT_TYPE, undefined, 'ProtobufParser'],
    ['application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily', undefined, 'ProtobufParser'],
    [null, 'PrometheusProto', 'ProtobufParser'],
    ['application/octet-stream', 'PrometheusProto', 'ProtobufParser'],
    [null, undefined, 'PromTextParser'],
  ])('dispatches %j (fallback %s) to %s', (ct, fallback, want) => {
    expect(parserFor(writeProtobuf([REQUESTS]), ct, fallback).constructor.name).toBe(want);
  });
});
