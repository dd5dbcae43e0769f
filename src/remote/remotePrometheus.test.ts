import { describe, expect, it } from 'vitest';
import { RemotePrometheus, sourceUrlProblem } from './remotePrometheus';

/** A fetch answering one canned response and recording the request. */
function canned(status: number, body: unknown, seen: Request[] = []): typeof fetch {
  return (async (url: string, init?: RequestInit) => {
    seen.push(new Request(url, init));
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, statusText: status === 502 ? 'Bad Gateway' : '' });
  }) as typeof fetch;
}

/** A native histogram as Prometheus's API writes it. */
const H = { count: '3', sum: '1.5', buckets: [[0, '0.5', '1', '1'], [0, '1', '2', '2']] };

const ok = (data: unknown, extra: object = {}) => ({ status: 'success', data, ...extra });

describe('RemotePrometheus', () => {
  it('turns a range answer into the columns the graph draws', async () => {
    const seen: Request[] = [];
    const api = new RemotePrometheus('http://prom:9090/', {
      fetch: canned(200, ok({ resultType: 'matrix', result: [{ metric: { job: 'a' }, values: [[10, '1'], [30, '+Inf']] }] }, { warnings: ['w'] }), seen),
      headers: { 'X-Scope-OrgID': 't' },
    });
    const r = await api.rangeQuery('up', 10_000, 30_000, 10_000);
    expect(r).toEqual({
      ok: true,
      value: {
        resultType: 'matrix',
        times: Float64Array.of(10_000, 20_000, 30_000),
        series: [{ labels: { job: 'a' }, vs: Float64Array.of(1, NaN, Infinity) }],
        warnings: ['w'],
        infos: [],
      },
    });
    expect(seen[0].url).toBe('http://prom:9090/api/v1/query_range');
    expect(await seen[0].text()).toBe('query=up&start=10&end=30&step=10');
    expect(seen[0].headers.get('x-scope-orgid')).toBe('t');
  });

  it('fills the histogram column of a range answer from "histograms", the float column NaN there', async () => {
    const answer = ok({ resultType: 'matrix', result: [{ metric: { job: 'a' }, values: [[10, '1']], histograms: [[20, H]] }] });
    const r = await new RemotePrometheus('http://prom', { fetch: canned(200, answer) }).rangeQuery('x', 10_000, 30_000, 10_000);
    expect(r.ok && r.value.series).toEqual([{ labels: { job: 'a' }, vs: Float64Array.of(1, NaN, NaN), hs: [null, H, null] }]);
  });

  it.each<[string, unknown, object]>([
    ['vector', { resultType: 'vector', result: [{ metric: { a: 'b' }, value: [1.5, 'NaN'] }] }, { resultType: 'vector', rows: [{ labels: { a: 'b' }, t: 1500, value: NaN }] }],
    ['scalar', { resultType: 'scalar', result: [2, '-Inf'] }, { resultType: 'scalar', rows: [{ labels: {}, t: 2000, value: -Infinity }] }],
    ['string', { resultType: 'string', result: [2, 'hi'] }, { resultType: 'string', rows: [], text: 'hi' }],
    [
      'vector with a native histogram',
      { resultType: 'vector', result: [{ metric: { a: 'b' }, histogram: [1.5, H] }] },
      { resultType: 'vector', rows: [{ labels: { a: 'b' }, t: 1500, value: NaN, histogram: H }] },
    ],
    [
      'matrix of floats and histograms, merged in time order',
      { resultType: 'matrix', result: [{ metric: {}, values: [[1, '2'], [3, '4']], histograms: [[2, H]] }] },
      { resultType: 'matrix', rows: [], matrix: [{ labels: {}, ts: Float64Array.of(1000, 2000, 3000), vs: Float64Array.of(2, NaN, 4), hs: [null, H, null] }] },
    ],
    [
      'matrix',
      { resultType: 'matrix', result: [{ metric: {}, values: [[1, '2'], [2, '3']] }] },
      { resultType: 'matrix', rows: [], matrix: [{ labels: {}, ts: Float64Array.of(1000, 2000), vs: Float64Array.of(2, 3) }] },
    ],
  ])('reads an instant %s answer', async (_, data, want) => {
    const api = new RemotePrometheus('http://prom', { fetch: canned(200, ok(data)) });
    expect(await api.instantQuery('x', 2000)).toEqual({ ok: true, value: { warnings: [], infos: [], ...want } });
  });

  it.each<[string, number, unknown, object]>([
    [
      'its own errorType and error, with the status',
      400,
      { status: 'error', errorType: 'bad_data', error: 'parse error: unexpected end of input' },
      { errorType: 'bad_data', what: 'parse error: unexpected end of input', httpStatus: 400 },
    ],
    ['an errorType Vigil does not know, named', 503, { status: 'error', errorType: 'unavailable', error: 'ring down' }, { errorType: 'internal', what: 'unavailable: ring down', httpStatus: 503 }],
    [
      'the status and body of a non-JSON answer',
      502,
      '<html>bad gateway</html>',
      { errorType: 'internal', what: 'http://prom/api/v1/query answered HTTP 502 Bad Gateway: <html>bad gateway</html>' },
    ],
  ])('surfaces a remote failure as %s', async (_, status, body, want) => {
    const api = new RemotePrometheus('http://prom', { fetch: canned(status, body) });
    expect(await api.instantQuery('x', 0)).toEqual({ ok: false, error: { where: 'http://prom', ...want } });
  });

  it.each([
    ['prom:9090', 'invalid source URL "prom:9090": only http:// and https:// can be asked'],
    ['/api', 'invalid source URL "/api": give the Prometheus API\'s address, such as http://127.0.0.1:9090'],
    ['https://prom.example/', ''],
  ])('checks a source URL before asking it: %s', async (url, problem) => {
    expect(sourceUrlProblem(url)).toBe(problem);
    if (!problem) return;
    const seen: Request[] = [];
    expect(await new RemotePrometheus(url, { fetch: canned(200, ok([]), seen) }).labelNames()).toEqual({ ok: false, error: { where: url, errorType: 'bad_data', what: problem } });
    expect(seen).toEqual([]);
  });

  it('says what to check when the remote cannot be reached', async () => {
    const api = new RemotePrometheus('http://prom', { fetch: (async () => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch });
    const r = await api.rangeQuery('up', 0, 1, 1);
    expect(r).toMatchObject({ ok: false, error: { errorType: 'internal' } });
    expect(!r.ok && r.error.what).toContain('--web.cors.origin');
  });

  it.each<[string, (api: RemotePrometheus) => Promise<unknown>, string, unknown]>([
    ['label names', (api) => api.labelNames(['up']), '/api/v1/labels?match%5B%5D=up', ['__name__', 'job']],
    ['label values', (api) => api.labelValues('job'), '/api/v1/label/job/values', ['a']],
    ['series', (api) => api.series(['up', 'down']), '/api/v1/series?match%5B%5D=up&match%5B%5D=down', [{ __name__: 'up' }]],
    ['recent series', (api) => api.series(['up'], { startMs: 1000, endMs: 301_500 }), '/api/v1/series?match%5B%5D=up&start=1&end=301.5', [{ __name__: 'up' }]],
    ['metadata', (api) => api.metadata('up'), '/api/v1/metadata?metric=up', { up: [{ type: 'gauge', help: 'h', unit: '' }] }],
  ])('looks up %s', async (_, call, path, data) => {
    const seen: Request[] = [];
    const api = new RemotePrometheus('http://prom', { fetch: canned(200, ok(data), seen) });
    expect(await call(api)).toEqual({ ok: true, value: data });
    expect(seen[0].url).toBe(`http://prom${path}`);
  });

  it("calls fetch unbound, as a browser's fetch requires", async () => {
    const strict = function (this: unknown) {
      if (this !== undefined) throw new TypeError('Illegal invocation');
      return Promise.resolve(new Response(JSON.stringify(ok(['a']))));
    } as unknown as typeof fetch;
    expect(await new RemotePrometheus('http://prom', { fetch: strict }).labelNames()).toEqual({ ok: true, value: ['a'] });
  });

  it('answers a failed look-up with the error in the remote words', async () => {
    const api = new RemotePrometheus('http://prom', { fetch: canned(400, { status: 'error', errorType: 'bad_data', error: 'invalid parameter "match[]"' }) });
    expect(await api.labelNames(['{'])).toEqual({ ok: false, error: { where: 'http://prom', errorType: 'bad_data', what: 'invalid parameter "match[]"', httpStatus: 400 } });
  });
});
