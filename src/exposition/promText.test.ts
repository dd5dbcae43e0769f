import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readEntries } from './parsedEntries';
import { ParseError } from './parser';
import { PromTextParser } from './promText';

const enc = new TextEncoder();
const parse = (text: string) => readEntries(new PromTextParser(enc.encode(text)));
const TEXTPARSE = new URL('../../../shared/conformance/textparse/', import.meta.url);

function samples(text: string): [string, number, number | undefined][] {
  return parse(text).flatMap((e) => (e.entry === 'series' ? [[e.labels.toString(), e.value, e.timestamp] as [string, number, number | undefined]] : []));
}

describe('PromTextParser', () => {
  it('reads metadata, comments and samples of a page', () => {
    const page = [
      '# HELP go_gc_duration_seconds A summary of the GC invocation durations.',
      '# TYPE go_gc_duration_seconds summary',
      'go_gc_duration_seconds{quantile="0"} 4.9351e-05',
      'go_gc_duration_seconds{quantile="1"} 0.013 1700000000000',
      '# just a comment',
      '',
      'up 1',
    ].join('\n');
    expect(parse(page)).toEqual([
      { entry: 'help', family: 'go_gc_duration_seconds', help: 'A summary of the GC invocation durations.' },
      { entry: 'type', family: 'go_gc_duration_seconds', type: 'summary' },
      expect.objectContaining({ entry: 'series', value: 4.9351e-5, timestamp: undefined }),
      expect.objectContaining({ entry: 'series', value: 0.013, timestamp: 1700000000000 }),
      { entry: 'comment', text: 'just a comment' },
      expect.objectContaining({ entry: 'series', value: 1 }),
    ]);
  });

  it.each<[string, string, number, number | undefined]>([
    ['a 1', '{__name__="a"}', 1, undefined],
    ['a{b="c",} -Inf', '{__name__="a", b="c"}', -Infinity, undefined],
    ['  a  {  b = "1" , c="2" }   +Inf   123  ', '{__name__="a", b="1", c="2"}', Infinity, 123],
    ['a{b="1" c="2"} 0', '{__name__="a", b="1", c="2"}', 0, undefined],
    ['a{b="x\\"y\\\\z\\nw"} 2', '{__name__="a", b="x\\"y\\\\z\\nw"}', 2, undefined],
    ['a{b="\\t"} 2', '{__name__="a", b="\\\\t"}', 2, undefined],
    ['a{b=""} 2', '{__name__="a"}', 2, undefined],
    ['{"my.metric", "a.b"="c"} 1', '{__name__="my.metric", "a.b"="c"}', 1, undefined],
    ['{"up"} 1', '{__name__="up"}', 1, undefined],
    ['a 0000000000000000000000000001.5e-1', '{__name__="a"}', 0.15, undefined],
    ['a 1.5 0', '{__name__="a"}', 1.5, 0],
    ['a 9223372036854775807', '{__name__="a"}', 2 ** 63, undefined],
    ['a 1 # {trace_id="x"} 1 1', '{__name__="a"}', 1, undefined],
    ['a 1 5 # {trace_id="x"} 1', '{__name__="a"}', 1, 5],
  ])('reads %j', (line, labels, value, ts) => {
    expect(samples(line)).toEqual([[labels, value, ts]]);
  });

  it('reads NaN as NaN and a NUL at the start of an entry as the end', () => {
    const [[, v]] = samples('a NaN\n\0b 1\n');
    expect(v).toBeNaN();
  });

  it('normalises le of histograms and quantile of summaries as Prometheus 3 does', () => {
    const page = '# TYPE h histogram\nh_bucket{le="1"} 0\nh_bucket{le="1e+06"} 0\nh_bucket{le="+inf"} 0\n# TYPE g gauge\ng{le="1"} 0\n';
    expect(samples(page).map(([l]) => l)).toEqual([
      '{__name__="h_bucket", le="1.0"}',
      '{__name__="h_bucket", le="1e+06"}',
      '{__name__="h_bucket", le="+Inf"}',
      '{__name__="g", le="1"}',
    ]);
  });

  it('unescapes only backslash and newline in HELP', () => {
    expect(parse('# HELP a x\\\\y\\nz\\"w')).toEqual([{ entry: 'help', family: 'a', help: 'x\\y\nz\\"w' }]);
  });

  it.each([
    ['counter', 'counter'],
    ['untyped', 'unknown'],
  ])('maps TYPE %s to %s', (text, type) => {
    expect(parse(`# TYPE a ${text}\n`)).toEqual([{ entry: 'type', family: 'a', type }]);
  });

  it.each<[string, number, number, RegExp]>([
    ['a{b="c" 1', 1, 9, /^expected label name, got "1"/],
    ['a 1 2 3', 1, 7, /^expected next entry after timestamp, got "3"/],
    ['a 1x', 1, 3, /^strconv.ParseFloat: parsing "1x": invalid syntax while parsing: "a 1x"$/],
    ['foo 0x1p-3', 1, 5, /^unsupported character in float while parsing: "foo 0x1p-3"$/],
    ['a true', 1, 3, /^strconv.ParseFloat: parsing "true": invalid syntax while parsing: "a true"$/],
    ['# TYPE #', 1, 8, /^expected metric name after TYPE, got "#" \("INVALID"\) while parsing: "# TYPE #"$/],
    ['a{b=\x00"ssss"} 1', 1, 5, /^expected label value/],
    ['a 1e400', 1, 3, /value out of range/],
    ['# TYPE a gaugehistogram', 1, 10, /^invalid metric type "gaugehistogram"$/],
    ['# TYPE a counter ', 1, 10, /^invalid metric type "counter "$/],
    ['# TYPE a constructor', 1, 10, /^invalid metric type "constructor"$/],
    ['# HELP 1a x', 1, 8, /^expected metric name after HELP/],
    ['ok 1\n{a="b"} 1', 2, 1, /^metric name not set while parsing/],
    ['a{1="x"} 1', 1, 3, /^expected label name/],
    ['a{b="\xff"} 1', 1, 5, /^invalid UTF-8 label value/],
    ['a 1 -5', 1, 5, /^expected timestamp or new record/],
    ['a 1 # not an exemplar', 1, 5, /^expected timestamp or new record/],
    ['a', 1, 2, /^expected value after metric, got "" \("EOF"\)/],
    ['a\n', 1, 2, /^expected value after metric, got "\\n" \("INVALID"\)/],
    ['=x', 1, 1, /^expected a valid start token/],
    ['{"a", "b"} 1', 1, 7, /^metric name already set/],
    ['a{b="c} 1', 1, 5, /^expected label value/],
    ['a{b} 1', 1, 4, /^expected equal/],
    ['a 1 99999999999999999999', 1, 5, /ParseInt.*value out of range/],
    ['ok 1\n  bad{x="é"} 1 z', 2, 16, /^expected timestamp or new record/],
  ])('rejects %j at %d:%d', (text, line, column, what) => {
    const input = text === 'a{b="\xff"} 1' ? Uint8Array.from([...enc.encode('a{b="'), 0xff, ...enc.encode('"} 1')]) : enc.encode(text);
    let err: unknown;
    try {
      readEntries(new PromTextParser(input));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ParseError);
    const pe = err as ParseError;
    expect(pe.what).toMatch(what);
    expect([pe.line, pe.column]).toEqual([line, column]);
  });

  it('gives the raw series bytes for the cache key', () => {
    const buf = enc.encode('# TYPE a gauge\na{b="c"} 1 5\n');
    const p = new PromTextParser(buf);
    expect(p.next()).toBe('type');
    expect(p.next()).toBe('series');
    expect(new TextDecoder().decode(buf.subarray(p.seriesStart, p.seriesEnd))).toBe('a{b="c"}');
    expect(p.next()).toBeNull();
  });

  it.each(['alltypes.237mfs.prom.txt', 'alltypes.237mfs.nometa.prom.txt'])('reads every sample of %s', (file) => {
    const text = readFileSync(new URL(file, TEXTPARSE), 'utf8');
    const entries = parse(text);
    const lines = text.split('\n');
    expect(entries.filter((e) => e.entry === 'series')).toHaveLength(lines.filter((l) => l !== '' && !l.startsWith('#')).length);
    expect(entries.filter((e) => e.entry === 'type')).toHaveLength(lines.filter((l) => l.startsWith('# TYPE ')).length);
    expect(entries.filter((e) => e.entry === 'help')).toHaveLength(lines.filter((l) => l.startsWith('# HELP ')).length);
  });
});
