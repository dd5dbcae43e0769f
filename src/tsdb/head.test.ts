import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareLabels, Labels } from '../model/labels';
import { Matcher, type MatchType } from '../model/matcher';
import { Head } from './head';
import { isStaleNaN, STALE_NAN } from '../model/staleNaN';
import type { AppendStats } from './storage';

const up = (instance: string) => Labels.from({ __name__: 'up', instance, job: 'node' });

function load(head: Head, labels: Labels, samples: [number, number][]): AppendStats {
  const app = head.appender();
  let ref = 0;
  for (const [t, v] of samples) ref = app.append(ref, labels, t, v);
  return app.commit();
}

describe('head', () => {
  it('returns committed samples by matcher, sorted by labels', async () => {
    const head = new Head();
    load(head, up('b'), [[1000, 1], [2000, 0]]);
    load(head, up('a'), [[1000, 1], [3000, 1]]);
    const got = await head.querier().select([new Matcher('=', '__name__', 'up')], 0, 10_000);
    expect(got.map((s) => s.labels.get('instance'))).toEqual(['a', 'b']);
    expect([...got[1].ts]).toEqual([1000, 2000]);
    expect([...got[1].vs]).toEqual([1, 0]);
    expect(head.numSeries).toBe(2);
  });

  it('selects only samples inside [mint, maxt] and leaves out series with none there', async () => {
    const head = new Head();
    load(head, up('a'), Array.from({ length: 1000 }, (_, i) => [i * 15_000, i] as [number, number]));
    load(head, up('b'), [[1000, 1]]);
    const [s, ...rest] = await head.querier().select([new Matcher('=', 'job', 'node')], 30_000, 60_000);
    expect(rest).toEqual([]);
    expect([...s.ts]).toEqual([30_000, 45_000, 60_000]);
    expect([...s.vs]).toEqual([2, 3, 4]);
  });

  it.each<[string, [number, number][], Partial<AppendStats>, number[]]>([
    ['in order', [[1, 1], [2, 2]], { appended: 2 }, [1, 2]],
    ['out of order', [[2, 2], [1, 1]], { appended: 1, outOfOrder: 1 }, [2]],
    ['same time, other value', [[1, 1], [1, 2]], { appended: 1, duplicate: 1 }, [1]],
    ['same sample twice, silently once', [[1, 1], [1, 1]], { appended: 1 }, [1]],
    ['NaN twice with the same bits', [[1, NaN], [1, NaN]], { appended: 1 }, [NaN]],
  ])('counts %s as Prometheus does', async (_name, samples, stats, values) => {
    const head = new Head();
    const got = load(head, up('a'), samples);
    expect(got).toEqual({ appended: 0, seriesAdded: 1, outOfOrder: 0, duplicate: 0, tooOld: 0, ...stats });
    const [s] = await head.querier().select([], 0, 10);
    expect([...s.vs]).toEqual(values);
  });

  it('rejects samples older than the series across commits', () => {
    const head = new Head();
    load(head, up('a'), [[5000, 1]]);
    expect(load(head, up('a'), [[4000, 1], [6000, 1]])).toMatchObject({ appended: 1, outOfOrder: 1, seriesAdded: 0 });
  });

  it('rejects samples behind the too-old window when one is set', () => {
    const head = new Head({ tooOldWindow: 3_600_000 });
    load(head, up('a'), [[10_000_000, 1]]);
    expect(load(head, up('b'), [[1000, 1], [9_000_000, 1]])).toMatchObject({ appended: 1, tooOld: 1 });
  });

  it('shows nothing of a rolled-back appender', async () => {
    const head = new Head();
    const app = head.appender();
    app.append(0, up('a'), 1000, 1);
    app.updateMetadata('up', { type: 'gauge', help: 'h', unit: '' });
    app.rollback();
    expect(await head.querier().select([], 0, 10_000)).toEqual([]);
    expect((await head.querier().metadata()).size).toBe(0);
  });

  it('keeps the stale marker through the head', async () => {
    const head = new Head();
    load(head, up('a'), [[1000, 1], [2000, STALE_NAN]]);
    const [s] = await head.querier().select([], 0, 10_000);
    expect(isStaleNaN(s.vs[1])).toBe(true);
  });

  it('cuts chunks near 120 samples and never across a chunk-range boundary', () => {
    const head = new Head();
    const start = 7_200_000 * 1000 + 3_600_000;
    const samples = Array.from({ length: 2000 }, (_, i) => [start + i * 15_000, i % 7] as [number, number]);
    load(head, up('a'), samples);
    const s = head.get(1)!;
    s.seal();
    for (const c of s.sealedChunks()) {
      expect(Math.floor(c.mint / 7_200_000)).toBe(Math.floor(c.maxt / 7_200_000));
      expect(c.numSamples).toBeLessThanOrEqual(240);
    }
    expect(s.sealedChunks().reduce((n, c) => n + c.numSamples, 0)).toBe(2000);
    // A full 2 h window at 15 s holds 480 samples: four chunks of 120.
    expect(s.sealedChunks().slice(1, 5).map((c) => c.numSamples)).toEqual([120, 120, 120, 120]);
  });

  it('cuts at twice the target size when samples speed up after the end estimate', () => {
    const head = new Head();
    const t = (i: number) => (i < 30 ? i * 1000 : 29_000 + (i - 29));
    load(head, up('a'), Array.from({ length: 500 }, (_, i) => [t(i), i] as [number, number]));
    expect(head.get(1)!.sealedChunks().map((c) => c.numSamples)).toEqual([240, 120, 120]);
  });

  it('answers label names and values, narrowed by matchers', async () => {
    const head = new Head();
    load(head, up('a'), [[1, 1]]);
    load(head, Labels.from({ __name__: 'http_requests_total', path: '/', instance: 'a' }), [[1, 1]]);
    const q = head.querier();
    expect(await q.labelNames()).toEqual(['__name__', 'instance', 'job', 'path']);
    expect(await q.labelNames([new Matcher('=', '__name__', 'up')])).toEqual(['__name__', 'instance', 'job']);
    expect(await q.labelValues('__name__')).toEqual(['http_requests_total', 'up']);
    expect(await q.labelValues('__name__', [new Matcher('=', 'path', '/')])).toEqual(['http_requests_total']);
  });

  it('keeps metadata by metric family name', async () => {
    const head = new Head();
    const app = head.appender();
    app.updateMetadata('up', { type: 'gauge', help: 'Target up.', unit: '' });
    app.commit();
    expect(await head.querier().metadata('up')).toEqual(new Map([['up', [{ type: 'gauge', help: 'Target up.', unit: '' }]]]));
    expect((await head.querier().metadata('nope')).size).toBe(0);
  });
});

describe('head select hints', () => {
  it('ticks while it decodes many series, and a throwing tick abandons the select', async () => {
    const head = new Head();
    const app = head.appender();
    for (let k = 0; k < 4096; k++) app.append(0, up(String(k)), 1000, k);
    app.commit();
    let ticks = 0;
    const got = await head.querier().select([], 0, 2000, { tick: async () => void ticks++ });
    expect(got).toHaveLength(4096);
    expect(ticks).toBe(4);
    const cancelled = head.querier().select([], 0, 2000, { tick: () => Promise.reject(new Error('query was canceled')) });
    await expect(cancelled).rejects.toThrow('query was canceled');
  });

  it('hands the thread back while it captures many series, each whole though a scrape commits between', async () => {
    const head = new Head();
    const scrape = (t: number) => {
      const app = head.appender();
      for (let k = 0; k < 4096; k++) app.append(0, up(String(k)), t, t);
      app.commit();
    };
    scrape(1000);
    let ticks = 0;
    const lazy = await head.querier().selectLazy([], 0, 5000, {
      tick: async () => {
        if (ticks++ === 1) scrape(2000);
      },
    });
    expect(ticks).toBe(4);
    const reads = lazy.map((s) => s.read()!);
    expect(new Set(reads.map((r) => r.ts.length))).toEqual(new Set([1, 2]));
    expect(reads.every((r) => r.ts.every((t, i) => r.vs[i] === t))).toBe(true);
  });
});

describe('head matchers', () => {
  const names = ['a', 'b', 'c'];
  const values = ['', 'x', 'xy', 'xyz', 'y', 'foo', 'foobar', 'a.b'];
  const labelSet = fc.array(fc.tuple(fc.constantFrom(...names), fc.constantFrom(...values)), { maxLength: 3 });
  const pattern = fc.oneof(
    fc.constantFrom(...values),
    fc.array(fc.constantFrom(...values), { minLength: 1, maxLength: 3 }).map((vs) => vs.map((v) => v.replace('.', '\\.')).join('|')),
    fc.constantFrom('x.*', 'foo.*', '.*', '.+', 'x.+', 'a\\.b', 'a.b', '(?i)FOO', 'x|', 'y?', '[xy]+', '.*z'),
  );
  const matcher = fc
    .tuple(fc.constantFrom<MatchType>('=', '!=', '=~', '!~'), fc.constantFrom(...names, 'd'), pattern)
    .map(([type, name, value]) => new Matcher(type, name, value));

  it('resolve as a scan over every series would', () => {
    fc.assert(
      fc.property(fc.array(labelSet, { maxLength: 30 }), fc.array(matcher, { maxLength: 3 }), (sets, matchers) => {
        const head = new Head();
        const all = sets.map((pairs) => Labels.fromPairs(['__name__', 'm', ...pairs.flat()]));
        const app = head.appender();
        for (const l of all) app.append(0, l, 1, 1);
        app.commit();
        const got = [...head.matching(matchers)].map((r) => head.get(r)!.labels.key()).sort();
        const want = [...new Set(all.filter((l) => matchers.every((m) => m.matches(l.get(m.name)))).map((l) => l.key()))].sort();
        expect(got).toEqual(want);
      }),
      { numRuns: 500 },
    );
  });

  it('returns select results sorted as Prometheus compares labels', async () => {
    const head = new Head();
    for (const i of ['10', '9', '1', 'a', 'B']) load(head, up(i), [[1, 1]]);
    const got = await head.querier().select([], 0, 2);
    const sorted = [...got].sort((a, b) => compareLabels(a.labels, b.labels));
    expect(got.map((s) => s.labels.get('instance'))).toEqual(sorted.map((s) => s.labels.get('instance')));
    expect(got.map((s) => s.labels.get('instance'))).toEqual(['1', '10', '9', 'B', 'a']);
  });
});

describe('head start times', () => {
  const inst = (i: string) => [new Matcher('=', 'instance', i)];

  /** One commit of [t, v, st] samples (st 0 = none). */
  function loadWithStart(head: Head, labels: Labels, samples: [number, number, number][]): AppendStats {
    const app = head.appender();
    let ref = 0;
    for (const [t, v, st] of samples) ref = app.append(ref, labels, t, v, st);
    return app.commit();
  }

  it('keeps a start-time column only for series appended with one, 0 where a sample had none', async () => {
    const head = new Head();
    loadWithStart(head, up('a'), [[1000, 1, 500], [2000, 2, 0], [3000, 3, 500]]);
    load(head, up('b'), [[1000, 1]]);
    const [a, b] = await head.querier().select([], 0, 10_000);
    expect(a.st && [...a.st]).toEqual([500, 0, 500]);
    expect(b.st).toBeUndefined();
  });

  it.each<[string, number, number, number[] | undefined]>([
    ['all', 0, 10_000, [500, 0, 500]],
    ['the sample without one only', 2000, 2000, undefined],
    ['the last', 2500, 3000, [500]],
  ])('aligns start times with the selected samples: %s', async (_name, mint, maxt, want) => {
    const head = new Head();
    loadWithStart(head, up('a'), [[1000, 1, 500], [2000, 2, 0], [3000, 3, 500]]);
    const [a] = await head.querier().select(inst('a'), mint, maxt);
    expect(a.st && [...a.st]).toEqual(want);
  });

  it('keeps no start time of a rejected or rolled-back sample', async () => {
    const head = new Head();
    loadWithStart(head, up('a'), [[1000, 1, 100]]);
    expect(loadWithStart(head, up('a'), [[1000, 1, 200], [500, 1, 50]])).toMatchObject({ appended: 0, outOfOrder: 1 });
    const app = head.appender();
    app.append(0, up('a'), 2000, 2, 1500);
    app.rollback();
    load(head, up('a'), [[2000, 2]]);
    const [a] = await head.querier().select([], 0, 10_000);
    expect(a.st && [...a.st]).toEqual([100, 0]);
  });

  it('starts every appender without start times, though appenders share buffers', async () => {
    const head = new Head();
    loadWithStart(head, up('a'), [[1000, 1, 100]]);
    load(head, up('b'), [[1000, 1]]);
    const [b] = await head.querier().select(inst('b'), 0, 10_000);
    expect(b.st).toBeUndefined();
  });

  it('keeps start times of samples appended after the appender grew its buffers', async () => {
    const head = new Head();
    const samples = Array.from({ length: 1000 }, (_, i) => [(i + 1) * 1000, i, i % 3 === 0 ? i * 1000 + 1 : 0] as [number, number, number]);
    loadWithStart(head, up('a'), samples);
    const [a] = await head.querier().select([], 0, Infinity);
    expect(a.st && [...a.st]).toEqual(samples.map((s) => s[2]));
  });

  it('forgets the start times before a time, and the column once it is empty', () => {
    const head = new Head();
    loadWithStart(head, up('a'), [[1000, 1, 500], [2000, 2, 1500], [3000, 3, 2500]]);
    const s = head.get(1)!;
    const ts = Float64Array.of(1000, 2000, 3000);
    s.dropStartTimesBefore(2000);
    expect([...s.startTimesAt(ts)!]).toEqual([0, 1500, 2500]);
    s.dropStartTimesBefore(Infinity);
    expect(s.startTimesAt(ts)).toBeUndefined();
  });

  it('refuses a start time that is not integer milliseconds', () => {
    expect(() => new Head().appender().append(0, up('a'), 1000, 1, 0.5)).toThrow(RangeError);
  });
});
