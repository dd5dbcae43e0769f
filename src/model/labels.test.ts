import { describe, expect, it } from 'vitest';
import { compareLabels, compareStrings, Labels } from './labels';

describe('Labels', () => {
  it('hashes as FNV-1a of the key, without building it', () => {
    const l = Labels.from({ __name__: 'up', job: 'api', instance: 'é:9090' });
    let h = 0x811c9dc5;
    for (const c of l.key()) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
    expect(l.hash()).toBe(h >>> 0);
    expect(Labels.EMPTY.hash()).toBe(0x811c9dc5);
  });

  it('sorts by name, drops empty values and lets a later duplicate win', () => {
    const l = Labels.fromPairs(['job', 'api', '__name__', 'up', 'empty', '', 'job', 'web']);
    expect(l.flat()).toEqual(['__name__', 'up', 'job', 'web']);
  });

  it('keys equal sets equally whatever the input order', () => {
    const a = Labels.from({ b: '2', a: '1' });
    const b = Labels.from({ a: '1', b: '2' });
    expect(a.key()).toBe(b.key());
    expect(a.hash()).toBe(b.hash());
    expect(a.equals(b)).toBe(true);
    expect(a.equals(Labels.from({ a: '1', b: '3' }))).toBe(false);
  });

  it('prints as Prometheus does, quoting values and odd names', () => {
    const l = Labels.from({ __name__: 'http_requests_total', path: '/a"b\n' });
    expect(l.toString()).toBe('{__name__="http_requests_total", path="/a\\"b\\n"}');
    expect(l.toMetricString()).toBe('http_requests_total{path="/a\\"b\\n"}');
    expect(Labels.from({ __name__: 'my.metric', 'a.b': 'c' }).toMetricString()).toBe('{"my.metric", "a.b"="c"}');
  });

  it('builder sets, deletes and keeps', () => {
    const base = Labels.from({ a: '1', b: '2', c: '3' });
    expect(base.builder().set('d', '4').del('a').labels().toObject()).toEqual({ b: '2', c: '3', d: '4' });
    expect(base.builder().keep('a', 'c').labels().toObject()).toEqual({ a: '1', c: '3' });
    expect(base.builder().set('b', '').labels().toObject()).toEqual({ a: '1', c: '3' });
  });

  it('compares in byte order as Go does', () => {
    expect(compareStrings('a', 'b')).toBeLessThan(0);
    expect(compareStrings('Z', 'a')).toBeLessThan(0);
    expect(compareStrings('\uffff', '😀')).toBeLessThan(0);
    expect(compareLabels(Labels.from({ a: '1' }), Labels.from({ a: '1', b: '1' }))).toBeLessThan(0);
  });
});
