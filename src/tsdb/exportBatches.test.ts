import { describe, expect, it } from 'vitest';
import { Labels } from '../model/labels';
import { Matcher } from '../model/matcher';
import { exportBatches } from './exportBatches';
import { Head } from './head';

describe('export batches', () => {
  it('yields each metric family once, in name order, within the range and selector', async () => {
    const head = new Head();
    const app = head.appender();
    for (const [name, job] of [['up', 'a'], ['up', 'b'], ['http_requests_total', 'a'], ['', 'a']]) {
      for (const t of [1000, 2000, 3000]) app.append(0, Labels.from({ __name__: name, job }), t, t);
    }
    app.commit();
    const got: string[][] = [];
    for await (const batch of exportBatches(head.querier(), [new Matcher('=', 'job', 'a')], 2000, 3000)) {
      got.push(batch.map((s) => `${s.labels.toString()} ${[...s.ts].join(',')}`));
    }
    expect(got).toEqual([
      ['{__name__="http_requests_total", job="a"} 2000,3000'],
      ['{__name__="up", job="a"} 2000,3000'],
      ['{job="a"} 2000,3000'],
    ]);
  });
});
