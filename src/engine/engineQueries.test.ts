import { describe, expect, it } from 'vitest';
import { InFlight } from '../model/inFlight';
import { Head } from '../tsdb/head';
import { EngineQueries } from './engineQueries';
import { Explore } from './explore';
import { SelfMetrics } from './selfMetrics';

const NOW = 1_700_000_000_000;

function store(): EngineQueries {
  const head = new Head();
  new Explore(head, () => NOW).importExposition('# TYPE up gauge\nup{job="a"} 1\nup{job="b"} 0\n# EOF\n');
  return new EngineQueries(head, new SelfMetrics(), new InFlight());
}

describe("this browser's store as a data source", () => {
  it('answers queries and look-ups as values', async () => {
    const ds = store();
    expect(await ds.labelValues('job', ['up'])).toEqual({ ok: true, value: ['a', 'b'] });
    expect(await ds.labelNames()).toEqual({ ok: true, value: ['__name__', 'job'] });
    expect(await ds.series(['up{job="a"}'])).toEqual({ ok: true, value: [{ __name__: 'up', job: 'a' }] });
    expect(await ds.metadata('up')).toMatchObject({ ok: true, value: { up: [{ type: 'gauge' }] } });
    const r = await ds.instantQuery('sum(up)', NOW);
    expect(r).toMatchObject({ ok: true, value: { resultType: 'vector', rows: [{ value: 1 }] } });
  });

  it.each<[string, (ds: EngineQueries) => Promise<unknown>]>([
    ['a look-up with a bad selector', (ds) => ds.labelValues('job', ['sum(up)'])],
    ['a query that does not parse', (ds) => ds.instantQuery('sum(', NOW)],
    ['a range query that does not parse', (ds) => ds.rangeQuery('sum(', NOW - 60_000, NOW, 15_000)],
  ])('answers %s with a bad_data failure, not a throw', async (_, ask) => {
    expect(await ask(store())).toMatchObject({ ok: false, error: { where: "this browser's store", errorType: 'bad_data' } });
  });

  it('formats an expression, or says why it does not parse', () => {
    const ds = store();
    expect(ds.format('sum(up)by(job)')).toEqual({ ok: true, value: 'sum by (job) (up)' });
    expect(ds.format('sum(')).toMatchObject({ ok: false, error: { errorType: 'bad_data' } });
  });
});
