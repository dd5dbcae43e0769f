import { describe, expect, it } from 'vitest';
import { Labels } from '../model/labels';
import { Head } from '../tsdb/head';
import { STALE_NAN, isStaleNaN } from '../model/staleNaN';
import { WriteTap, type SampleSink } from './writeTap';

/** Records what reaches a queue as `labels@t=v`, one list per commit. */
class Recorder implements SampleSink {
  readonly commits: string[][] = [];
  append(refs: Uint32Array, ts: Float64Array, vs: Float64Array, n: number, labelsOf: (ref: number) => Labels): void {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(`${labelsOf(refs[i]).get('job')}@${ts[i]}=${isStaleNaN(vs[i]) ? 'stale' : vs[i]}`);
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

  it('hands start times on to the store', async () => {
    const head = new Head();
    const app = new WriteTap(head).appender();
    app.append(0, a, 60_000, 5, 1_000);
    app.commit();
    const [sa] = await head.querier().select([], 0, 60_000);
    expect(Array.from(sa.st ?? [])).toEqual([1_000]);
  });
});
