import { describe, expect, it } from 'vitest';
import { InFlight } from '../model/inFlight';
import { RemoteSources, sourceQueryFunc } from './remoteSources';

const NOW = 1_700_000_000_000;
const ok = (data: unknown) => new Response(JSON.stringify({ status: 'success', data }));

/** A remote Prometheus answering by path; records each request's path and parameters. */
function remote(answers: Record<string, (params: URLSearchParams) => Response>, seen: string[] = []): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const params = new URLSearchParams(init?.body ? String(init.body) : url.search);
    seen.push(`${url.pathname}?${params}`);
    const answer = answers[url.pathname];
    return answer ? answer(params) : new Response('404 page not found', { status: 404, statusText: 'Not Found' });
  }) as typeof fetch;
}

const PROMETHEUS = {
  '/api/v1/label/__name__/values': () => ok(['http_requests_total', 'process_start_time_seconds', 'up']),
  '/api/v1/metadata': () =>
    ok({ http_requests_total: [{ type: 'counter', help: 'Requests served.', unit: '' }], process_start_time_seconds: [{ type: 'gauge', help: 'Start time.', unit: '' }] }),
  '/api/v1/query': () =>
    ok({
      resultType: 'vector',
      result: [
        { metric: { __name__: 'http_requests_total' }, value: [NOW / 1000, '3'] },
        { metric: { __name__: 'up' }, value: [NOW / 1000, '1'] },
      ],
    }),
  '/api/v1/series': () =>
    ok([
      { __name__: 'http_requests_total', code: '200', handler: '/a' },
      { __name__: 'http_requests_total', code: '200', handler: '/b' },
      { __name__: 'http_requests_total', code: '500', handler: '/a' },
    ]),
};

describe('RemoteSources', () => {
  it("lists the remote's metrics with metadata and the series each has now", async () => {
    const seen: string[] = [];
    const sources = new RemoteSources(remote(PROMETHEUS, seen), () => NOW, new InFlight());
    expect(await sources.metricSummaries('http://prom:9090')).toEqual({
      ok: true,
      value: [
        { name: 'http_requests_total', type: 'counter', help: 'Requests served.', unit: '', series: 3 },
        { name: 'process_start_time_seconds', type: 'gauge', help: 'Start time.', unit: '', series: 0 },
        { name: 'up', type: '', help: '', unit: '', series: 1 },
      ],
    });
    expect(seen).toContain(`/api/v1/query?${new URLSearchParams({ query: 'count by (__name__) ({__name__=~".+"})', time: String(NOW / 1000) })}`);
  });

  it("counts a selector's label values over the remote's recent series", async () => {
    const seen: string[] = [];
    const sources = new RemoteSources(remote(PROMETHEUS, seen), () => NOW, new InFlight());
    expect(await sources.labelCardinality('http://prom:9090', 'http_requests_total')).toEqual({
      ok: true,
      value: [
        { name: 'code', distinct: 2, series: 3, values: [{ value: '200', series: 2 }, { value: '500', series: 1 }] },
        { name: 'handler', distinct: 2, series: 3, values: [{ value: '/a', series: 2 }, { value: '/b', series: 1 }] },
      ],
    });
    expect(seen).toEqual([`/api/v1/series?${new URLSearchParams([['match[]', 'http_requests_total'], ['start', String((NOW - 300_000) / 1000)], ['end', String(NOW / 1000)]])}`]);
  });

  it.each<[string, Record<string, (p: URLSearchParams) => Response>, object]>([
    [
      "the remote's own error and status",
      { ...PROMETHEUS, '/api/v1/metadata': () => new Response(JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'metadata is off' }), { status: 400 }) },
      { ok: false, error: { where: 'http://prom:9090', errorType: 'bad_data', what: 'metadata is off', httpStatus: 400 } },
    ],
    [
      'what a proxy said',
      {},
      {
        ok: false,
        error: { where: 'http://prom:9090', errorType: 'internal', what: 'http://prom:9090/api/v1/label/__name__/values answered HTTP 404 Not Found: 404 page not found' },
      },
    ],
  ])('answers a failed listing with %s', async (_, answers, want) => {
    expect(await new RemoteSources(remote(answers), () => NOW, new InFlight()).metricSummaries('http://prom:9090')).toEqual(want);
  });

  it("evaluates a rule's query on the remote: vectors (histograms too) and scalars as samples, failures thrown with the source named", async () => {
    const answers = {
      '/api/v1/query': (p: URLSearchParams) => {
        if (p.get('query') === 'scalar(up)') return ok({ resultType: 'scalar', result: [Number(p.get('time')), '2'] });
        if (p.get('query') === 'up[1m]') return ok({ resultType: 'matrix', result: [] });
        if (p.get('query') === 'up') return ok({ resultType: 'vector', result: [{ metric: { job: 'a' }, value: [Number(p.get('time')), '1'] }] });
        if (p.get('query') === 'rate(lat[1m])') return ok({ resultType: 'vector', result: [{ metric: { job: 'a' }, histogram: [Number(p.get('time')), { count: '3', sum: '0.5', buckets: [[0, '0.5', '1', '1'], [0, '1', '2', '2']] }] }] });
        return new Response(JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error' }), { status: 400 });
      },
    };
    const query = sourceQueryFunc(new RemoteSources(remote(answers), () => NOW, new InFlight()).at('http://prom:9090'), 'http://prom:9090');
    const [s] = await query('up', NOW);
    expect([s.labels.toObject(), s.t, s.v]).toEqual([{ job: 'a' }, NOW, 1]);
    expect((await query('scalar(up)', NOW)).map((x) => [x.labels.toObject(), x.v])).toEqual([[{}, 2]]);
    // A histogram answer is recorded as the histogram, not as a float.
    const [h] = await query('rate(lat[1m])', NOW);
    expect([h.h?.schema, h.h?.count, h.h?.positiveSpans, h.h?.positiveBuckets]).toEqual([0, 3, [{ offset: 0, length: 2 }], [1, 2]]);
    await expect(query('up[1m]', NOW)).rejects.toThrow('rule result is not a vector or scalar: http://prom:9090 answered a matrix');
    await expect(query('sum(', NOW)).rejects.toThrow('http://prom:9090: bad_data: parse error (HTTP 400)');
  });
});

describe('RemoteSources queries from a panel', () => {
  it('cancels a query still in flight when the same panel asks again or cancels, and leaves other panels alone', async () => {
    // Answers only when told to, or fails as fetch does when its signal aborts.
    const waiting: { release: () => void; query: string }[] = [];
    const slow = ((_input: string | URL | Request, init?: RequestInit) =>
      new Promise<Response>((resolve, reject) => {
        const query = new URLSearchParams(String(init?.body)).get('query') ?? '';
        waiting.push({ query, release: () => resolve(ok({ resultType: 'vector', result: [] })) });
        init?.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
      })) as typeof fetch;
    const sources = new RemoteSources(slow, () => NOW, new InFlight());
    const first = sources.at('http://prom:9090').instantQuery('old', NOW, 'panel-1');
    const other = sources.at('http://prom:9090').instantQuery('other', NOW, 'panel-2');
    const second = sources.at('http://prom:9090').instantQuery('new', NOW, 'panel-1');
    const third = sources.at('http://prom:9090').instantQuery('dropped', NOW, 'panel-3');
    await sources.at('http://prom:9090').cancel('panel-3');
    const canceled = { ok: false, error: { where: 'http://prom:9090', errorType: 'canceled', what: 'query canceled' } };
    expect(await first).toEqual(canceled);
    expect(await third).toEqual(canceled);
    for (const w of waiting) w.release();
    expect(await second).toMatchObject({ ok: true });
    expect(await other).toMatchObject({ ok: true });
    expect(waiting.map((w) => w.query)).toEqual(['old', 'other', 'new', 'dropped']);
  });
});
