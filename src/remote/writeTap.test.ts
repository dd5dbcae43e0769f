import { describe, expect, it } from 'vitest';
import { Labels } from '../model/labels';
import { Head } from '../tsdb/head';
import { STALE_NAN, isStaleNaN } from '../model/staleNaN';
import { Histogram } from '../model/histogram/histogram';
import { WriteTap, type HistogramColumn, type SampleSink } from './writeTap';

/** Records what reaches a queue as `labels@t=v`, one list per commit. */
class Recorder implements SampleSink {
  readonly commits: string[][] = [];
  append(refs: Uint32Array, ts: Float64Array, vs: Float64Array, n: number, labelsOf: (ref: number) => Labels, hs?: HistogramColumn): void {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const h = hs?.[i];
      out.push(`${labelsOf(refs[i]).get('job')}@${ts[i]}=${h ? `h${h.count}` : isStaleNaN(vs[i]) ? 'stale' : vs[i]}`);
    }
    this.commits.push(out);
  }
}

const a = Labels.from({ __name__: 'up', job: 'a' });
const b = Labels.from({ __name__: 'up', job: 'b' });

describe('WriteTap', () => {
  it.each<[string, [Labels, number, number][][], 'commit' | 'rollback', string[][]]>([
    ['forwards each commit in append order', [[[a, 1, 1], [b, 1, 2], [a, 2, 3]]], 'commit', [['a@1=1', 'b@1=2', 'a@2=3']]],
    ['forwards nothing of a rollback', [[[a, 1, 1]]], 'rollback', []],
    ['keeps stale markers', [[[a, 1, 1], [a, 2, STALE_NAN]]], 'commit', [['a@1=1', 'a@2=stale']]],
    ['leaves out what the head rejects or ignores', [[[a, 5, 1]], [[a, 4, 2], [a, 5, 1], [a, 5, 9], [b, 3, 3]]], 'commit', [['a@5=1'], ['b@3=3']]],
  ])('%s', (_, commits, end, want) => {
    const tap = new WriteTap(new Head());
    const rec = new Recorder();
    tap.setSinks([rec]);
    for (const samples of commits) {
      const app = tap.appender();
      for (const [labels, t, v] of samples) app.append(0, labels, t, v);
      if (end === 'commit') app.commit();
      else app.rollback();
    }
    expect(rec.commits).toEqual(want);
  });

  it('stores what it forwards and reads through the wrapped storage', async () => {
    const head = new Head();
    const tap = new WriteTap(head);
    const rec = new Recorder();
    tap.setSinks([rec]);
    const app = tap.appender();
    for (let t = 0; t < 1000; t++) app.append(0, t % 2 ? a : b, t, t);
    expect(app.commit().appended).toBe(1000);
    expect(rec.commits[0]).toHaveLength(1000);
    const [sa] = await tap.querier().select([], 0, 10);
    expect(Array.from(sa.ts)).toEqual([1, 3, 5, 7, 9]);
  });

  it('forwards native histograms beside floats, in append order, leaving out what the head rejects', () => {
    const tap = new WriteTap(new Head());
    const rec = new Recorder();
    tap.setSinks([rec]);
    const h = (count: number) => new Histogram({ count, sum: count, positiveSpans: [{ offset: 0, length: 1 }], positiveBuckets: [count] });
    const app = tap.appender();
    app.append(0, a, 1, 1);
    app.appendHistogram(0, b, 1, h(3));
    app.appendHistogram(0, b, 2, h(5));
    app.appendHistogram(0, b, 2, h(6));
    app.append(0, a, 2, STALE_NAN);
    app.commit();
    const next = tap.appender();
    next.append(0, a, 3, 7);
    next.commit();
    expect(rec.commits).toEqual([['a@1=1', 'b@1=h3', 'b@2=h5', 'a@2=stale'], ['a@3=7']]);
  });

  it('hands start times on to the store', async () => {
    const head = new Head();
    const app = new WriteTap(head).appender();
    app.append(0, a, 60_000, 5, 1_000);
    app.commit();
    const [sa] = await head.querier().select([], 0, 60_000);
    expect(Array.from(sa.st ?? [])).toEqual([1_000]);
  });
});
