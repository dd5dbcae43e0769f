import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OpenMetricsParser } from './openMetrics';
import { readEntries } from './parsedEntries';
import { ParseError } from './parser';

const enc = new TextEncoder();
const parse = (text: string, strict = false) => readEntries(new OpenMetricsParser(enc.encode(text), { strict }));
const CASES = new URL('../../../shared/conformance/openmetrics/', import.meta.url);
const TEXTPARSE = new URL('../../../shared/conformance/textparse/', import.meta.url);

function failure(text: string, strict: boolean): ParseError | undefined {
  try {
    parse(text, strict);
    return undefined;
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
}

describe('OpenMetricsParser', () => {
  it('reads families, units, exemplars and second timestamps', () => {
    const page = [
      '# TYPE rpc_seconds histogram',
      '# UNIT rpc_seconds seconds',
      '# HELP rpc_seconds RPC \\"latency\\"\\nin seconds.',
      'rpc_seconds_bucket{le="0.5"} 3 1700000000.5 # {trace_id="abc"} 0.42 1700000000.25',
      'rpc_seconds_bucket{le="+Inf"} 4 1700000000.5',
      'rpc_seconds_count 4 1700000000.5',
      'rpc_seconds_sum 1.5 1700000000.5',
      'rpc_seconds_created 1699990000.123 1700000000.5',
      '# EOF',
      '',
    ].join('\n');
    const entries = parse(page, true);
    expect(entries.slice(0, 3)).toEqual([
      { entry: 'type', family: 'rpc_seconds', type: 'histogram' },
      { entry: 'unit', family: 'rpc_seconds', unit: 'seconds' },
      { entry: 'help', family: 'rpc_seconds', help: 'RPC "latency"\nin seconds.' },
    ]);
    const first = entries[3];
    expect(first).toMatchObject({ entry: 'series', value: 3, timestamp: 1700000000500 });
    if (first.entry !== 'series') throw new Error('not a series');
    expect(first.labels.toString()).toBe('{__name__="rpc_seconds_bucket", le="0.5"}');
    expect(first.exemplar?.labels.toString()).toBe('{trace_id="abc"}');
    expect(first.exemplar).toMatchObject({ value: 0.42, timestamp: 1700000000250 });
    expect(entries[4]).toMatchObject({ entry: 'series', exemplar: undefined });
    expect(entries[7]).toMatchObject({ entry: 'series', value: 1699990000.123 });
    expect(entries.at(-1)).toEqual({ entry: 'eof' });
  });

  it.each<[string, number]>([
    ['1.5', 1500],
    ['0.001', 1],
    ['-1.5', -1500],
    ['1.5e3', 1500000],
    ['1.005', 1004],
  ])('converts timestamp %s s to %d ms as int64(ts * 1000)', (ts, ms) => {
    expect(parse(`a 1 ${ts}\n# EOF\n`)[0]).toMatchObject({ timestamp: ms });
  });

  it('reads quoted UTF-8 names in samples and metadata', () => {
    const entries = parse('# TYPE "my.gauge" gauge\n{"my.gauge","a.b"="c"} 1\n# EOF');
    expect(entries[0]).toEqual({ entry: 'type', family: 'my.gauge', type: 'gauge' });
    expect(entries[1].entry === 'series' && entries[1].labels.toMetricString()).toBe('{"my.gauge", "a.b"="c"}');
  });

  it.each<[string, string, RegExp, number, number]>([
    ['trailing comma', 'a{b="1",} 1\n# EOF\n', /trailing comma/, 1, 9],
    ['NaN counter', '# TYPE a counter\na_total NaN\n# EOF\n', /counter-like samples cannot be NaN/, 2, 1],
    ['unordered buckets', '# TYPE a histogram\na_bucket{le="2"} 0\na_bucket{le="1"} 0\na_bucket{le="+Inf"} 0\n# EOF\n', /buckets out of order/, 3, 1],
    ['gauge exemplar', '# TYPE a gauge\na 1 # {x="y"} 1\n# EOF\n', /only histogram\/gaugehistogram buckets and counters can have exemplars/, 2, 1],
    ['split group', '# TYPE a gauge\na{x="1"} 1\na{x="2"} 1\na{x="1"} 2\n# EOF\n', /invalid metric grouping/, 4, 1],
    ['metadata after samples', '# TYPE a gauge\na 1\n# HELP a late\n# EOF\n', /metadata for "a" after its samples/, 3, 1],
    ['negative _sum with negative buckets', '# TYPE a histogram\na_bucket{le="-1"} 0\na_bucket{le="+Inf"} 1\na_count 1\na_sum 0\n# EOF\n', /cannot have _sum with negative buckets/, 6, 1],
  ])('accepts %s when lenient and rejects it when strict', (_name, text, what, line, column) => {
    expect(failure(text, false)).toBeUndefined();
    const err = failure(text, true);
    expect(err?.what).toMatch(what);
    expect([err?.line, err?.column]).toEqual([line, column]);
  });

  it.each<[string, number, number, RegExp]>([
    ['a 1\n', 2, 1, /^data does not end with # EOF$/],
    ['a 1\n# EOF\nb 1\n', 3, 1, /^unexpected data after # EOF$/],
    ['a 1\n\n# EOF\n', 2, 1, /^expected a valid start token, got "\\n" \("INVALID"\)/],
    ['a  1\n# EOF\n', 1, 3, /^expected value after metric/],
    ['a 1 \n# EOF\n', 1, 5, /^expected timestamp or new record/],
    ['a 1 NaN\n# EOF\n', 1, 5, /^invalid timestamp NaN$/],
    ['a 1 1 2\n# EOF\n', 1, 6, /^expected next entry after timestamp/],
    ['a{b=1} 1\n# EOF\n', 1, 5, /^expected label value/],
    ['a{b="1"c="2"} 1\n# EOF\n', 1, 8, /^expected comma or brace close/],
    ['a {b="1"} 1\n# EOF\n', 1, 3, /invalid syntax/],
    ['# TYPE a untyped\n# EOF\n', 1, 10, /^invalid metric type "untyped"$/],
    ['# TYPE a toString\n# EOF\n', 1, 10, /^invalid metric type "toString"$/],
    ['# UNIT a seconds\n# EOF\n', 1, 10, /^unit "seconds" not a suffix of metric "a"$/],
    ['# HELP a\n# EOF\n', 1, 9, /^expected text in HELP$/],
    ['# FOO a x\n# EOF\n', 1, 3, /^expected a valid start token/],
    ['#a 1\n# EOF\n', 1, 1, /^expected a valid start token/],
    ['a_total 1 # {a="b"} NaN x\n# EOF\n', 1, 25, /^invalid syntax|strconv.ParseFloat: parsing "x"/],
    ['a_total 1 # {a="b"} 1 Inf\n# EOF\n', 1, 23, /^invalid exemplar timestamp \+Inf$/],
    ['a_total 1 # {a="b"}\n# EOF\n', 1, 20, /^expected value after exemplar labels/],
    ['a_total 1 # {"x"} 1\n# EOF\n', 1, 17, /^expected label name/],
    ['a 0x1p-3\n# EOF\n', 1, 3, /^unsupported character in float/],
  ])('rejects %j at %d:%d', (text, line, column, what) => {
    const err = failure(text, false);
    expect(err?.what).toMatch(what);
    expect([err?.line, err?.column]).toEqual([line, column]);
  });

  it('reads a page without a final newline after # EOF', () => {
    expect(parse('a 1\n# EOF').map((e) => e.entry)).toEqual(['series', 'eof']);
  });

  const cases = readdirSync(CASES).sort();
  it.each(cases)('conformance case %s', (name) => {
    const spec = JSON.parse(readFileSync(new URL(`${name}/test.json`, CASES), 'utf8')) as { shouldParse: boolean };
    const text = readFileSync(new URL(`${name}/metrics`, CASES), 'utf8');
    expect(failure(text, true) === undefined).toBe(spec.shouldParse);
    // Whatever the specification allows, the scrape path must allow too.
    if (spec.shouldParse) expect(failure(text, false)).toBeUndefined();
  });

  it('reads the OpenMetrics pages of Prometheus benchmarks, strict only where they follow the specification', () => {
    const one = parse(readFileSync(new URL('1histogram.om.txt', TEXTPARSE), 'utf8'), true);
    expect(one.filter((e) => e.entry === 'series')).toHaveLength(42);
    const all = readFileSync(new URL('alltypes.5mfs.om.txt', TEXTPARSE), 'utf8');
    const entries = parse(all);
    expect(entries.filter((e) => e.entry === 'series')).toHaveLength(53);
    expect(entries.filter((e) => e.entry === 'series' && e.exemplar !== undefined).length).toBeGreaterThan(0);
    expect(failure(all, true)?.what).toBe('counter-like samples cannot be negative');
  });
});
