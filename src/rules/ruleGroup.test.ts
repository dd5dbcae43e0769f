import { describe, expect, it } from 'vitest';
import { FloatHistogram } from '../model/histogram/floatHistogram';
import { Histogram } from '../model/histogram/histogram';
import { Labels } from '../model/labels';
import { Matcher } from '../model/matcher';
import { isStaleNaN } from '../model/staleNaN';
import { QueryEngine } from '../promql/engine';
import { Head } from '../tsdb/head';
import { engineQueryFunc, type EvalSample, type QueryFunc } from './rule';
import { parseRuleFile } from './ruleFile';
import { RuleGroup, type GroupDeps } from './ruleGroup';

const M = 60_000;

function group(text: string): RuleGroup {
  const r = parseRuleFile(text);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return new RuleGroup('rules.yml', r.file.groups[0], M, 0, true);
}

function deps(head: Head, query: QueryFunc): GroupDeps {
  return { storage: head, query, externalLabels: {}, externalURL: 'http://vigil', now: () => 0, resendDelay: M };
}

/** What a series holds, a histogram as its Go text, a stale marker as 'stale'. */
async function stored(head: Head, name: string): Promise<(string | number)[]> {
  const [s] = await head.querier().select([new Matcher('=', '__name__', name)], -Infinity, Infinity);
  return [...s.ts].map((t, i) => {
    const h = s.hs?.[i];
    return `${t}:${h !== undefined ? h.toString() : isStaleNaN(s.vs[i]) ? 'stale' : s.vs[i]}`;
  });
}

const latency = (count: number) =>
  new FloatHistogram({ schema: 0, count, sum: count / 2, zeroCount: 1, zeroThreshold: 0.001, positiveSpans: [{ offset: 0, length: 2 }], positiveBuckets: [count - 2, 1] });

/** A query answering one histogram sample at the times in `at`, nothing otherwise. */
const histogramsAt = (at: number[]): QueryFunc => async (_expr, t) => (at.includes(t) ? [{ labels: Labels.from({ __name__: 'lat', job: 'api' }), t, v: 0, h: latency(t / M + 3) }] : []);

describe('RuleGroup with native histograms', () => {
  it('appends a recording rule’s histogram result as a histogram, and a float stale marker once it stops', async () => {
    const head = new Head();
    const g = group('groups:\n  - name: g\n    rules:\n      - record: job:lat:copy\n        expr: lat\n');
    const d = deps(head, histogramsAt([M, 2 * M]));
    for (const t of [M, 2 * M, 3 * M]) await g.eval(t, d);
    expect(await stored(head, 'job:lat:copy')).toEqual([`${M}:${latency(4).toString()}`, `${2 * M}:${latency(5).toString()}`, `${3 * M}:stale`]);
  });

  it('expands $value of a histogram alert to the histogram’s text, keeping the alert’s value 0 as Prometheus’s smpl.F', async () => {
    const head = new Head();
    const g = group(
      'groups:\n  - name: g\n    rules:\n      - alert: Slow\n        expr: lat\n        annotations:\n          summary: "{{ $value }}"\n          first: "{{ with query \\"lat\\" }}{{ . | first | value }}{{ end }}"\n',
    );
    await g.eval(M, deps(head, histogramsAt([M])));
    const [alert] = g.view().rules[0].alerts!;
    expect(alert.value).toBe(0);
    expect(alert.annotations).toEqual({ summary: latency(4).toString(), first: latency(4).toString() });
  });

  it('records a native histogram selected from storage through the query engine', async () => {
    const head = new Head();
    const app = head.appender();
    const h = new Histogram({ schema: 1, count: 9, sum: 12.5, zeroCount: 1, positiveSpans: [{ offset: 0, length: 3 }], positiveBuckets: [2, 1, 1] });
    app.appendHistogram(0, Labels.from({ __name__: 'lat', job: 'api' }), M - 1000, h);
    app.commit();
    const g = group('groups:\n  - name: g\n    rules:\n      - record: job:lat:copy\n        expr: lat\n');
    const query = engineQueryFunc(new QueryEngine(), head);
    const answered: EvalSample[] = await query('lat', M);
    await g.eval(M, deps(head, query));
    expect(answered[0].h?.toString()).toBe(h.toFloat().toString());
    expect(await stored(head, 'job:lat:copy')).toEqual([`${M}:${h.toFloat().toString()}`]);
  });
});
