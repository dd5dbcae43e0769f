import 'fake-indexeddb/auto';
import { uncompress } from 'snappyjs';
import { describe, expect, it } from 'vitest';
import { Labels } from '../model/labels';
import { DEFAULT_QUEUE_CONFIG, DEFAULT_REMOTE_TIMEOUT, type QueueConfig, type RemoteWriteConfig } from '../config/remoteWriteConfig';
import { FakeClock } from '../model/fakeClock';
import { Histogram } from '../model/histogram/histogram';
import { CUSTOM_BUCKETS_SCHEMA } from '../model/histogram/types';
import { DROP_NHCB, WriteQueue, type QueueOptions } from './writeQueue';
import { decodeWriteRequest } from './writeRequest';

type Answer = { status: number; headers?: Record<string, string> } | 'network' | 'hang';

/** A receiver under the test's control: answers from a script (then 204), records what it got and when. */
class Receiver {
  readonly requests: { at: number; headers: Headers; series: ReturnType<typeof decodeWriteRequest> }[] = [];
  constructor(
    private readonly clock: FakeClock,
    private readonly script: Answer[] = [],
  ) {}

  readonly fetch = (async (_url: string, init: RequestInit) => {
    const series = decodeWriteRequest(uncompress(init.body as Uint8Array));
    this.requests.push({ at: this.clock.now(), headers: new Headers(init.headers), series });
    const a = this.script.shift() ?? { status: 204 };
    if (a === 'network') throw new TypeError('fetch failed');
    if (a === 'hang') {
      return new Promise<Response>((_, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)));
    }
    return new Response(a.status === 204 ? null : 'bad things', { status: a.status, headers: a.headers });
  }) as typeof fetch;

  /** Every acknowledged-or-not sample as `series@t=v`, in arrival order. */
  samples(): string[] {
    return this.requests.flatMap((r) =>
      r.series.flatMap((s) => {
        const name = s.labels.map((l) => l[1]).join(',');
        return [...s.ts.map((t, i) => `${name}@${t}=${s.vs[i]}`), ...s.histograms.map((x) => `${name}@${x.t}=h${x.h.count}/${x.h.sum}`)];
      }),
    );
  }
}

let dbSeq = 0;

function config(queue: Partial<QueueConfig> = {}, extra: Partial<RemoteWriteConfig> = {}): RemoteWriteConfig {
  return {
    url: 'http://127.0.0.1:1/api/v1/write',
    name: 'q',
    remoteTimeout: DEFAULT_REMOTE_TIMEOUT,
    headers: {},
    writeRelabelConfigs: [],
    queueConfig: { ...DEFAULT_QUEUE_CONFIG, maxSamplesPerSend: 3, batchSendDeadline: 1000, ...queue },
    sendNativeHistograms: false,
    unsupported: {},
    ...extra,
  };
}

async function open(clock: FakeClock, rx: Receiver, cfg = config(), opts: QueueOptions = {}) {
  return WriteQueue.open(cfg, { fetch: rx.fetch, now: clock.now, setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout, indexedDB }, { dbName: `q${++dbSeq}`, ...opts });
}

const series = [Labels.from({ __name__: 'up', job: 'a' }), Labels.from({ __name__: 'up', job: 'b' })];

/** Appends `n` samples alternating between two series, at times start, start+1… and values equal to their index. */
function feed(q: WriteQueue, n: number, start = 0): void {
  const refs = new Uint32Array(n);
  const ts = new Float64Array(n);
  const vs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    refs[i] = ((start + i) % 2) + 1;
    ts[i] = start + i;
    vs[i] = start + i;
  }
  q.append(refs, ts, vs, n, (ref) => series[ref - 1]);
}

/** Like feed, but series b's samples are native histograms with count and sum equal to the index. */
function feedMixed(q: WriteQueue, n: number, start = 0, schema = 0): void {
  const refs = new Uint32Array(n);
  const ts = new Float64Array(n);
  const vs = new Float64Array(n);
  const hs: (Histogram | undefined)[] = [];
  for (let i = 0; i < n; i++) {
    const x = start + i;
    refs[i] = (x % 2) + 1;
    ts[i] = x;
    if (x % 2 === 1) {
      const custom = schema === CUSTOM_BUCKETS_SCHEMA ? { customValues: [1] } : {};
      hs[i] = new Histogram({ schema, count: x, sum: x, positiveSpans: [{ offset: 0, length: 1 }], positiveBuckets: [x], ...custom });
    } else vs[i] = x;
  }
  q.append(refs, ts, vs, n, (ref) => series[ref - 1], hs);
}

const expectedMixed = (n: number, start = 0) =>
  Array.from({ length: n }, (_, i) => start + i).map((x) => (x % 2 === 1 ? `up,b@${x}=h${x}/${x}` : `up,a@${x}=${x}`));

const expected = (n: number, start = 0) => Array.from({ length: n }, (_, i) => `up,${'ab'[(start + i) % 2]}@${start + i}=${start + i}`);

/** Groups a receiver's samples back into time order per series, as the receiver's storage would see them. */
const byTime = (s: string[]) => [...s].sort((a, b) => Number(a.split('@')[1].split('=')[0]) - Number(b.split('@')[1].split('=')[0]));

/** True when each series' samples arrived with strictly increasing times. */
function inOrderPerSeries(samples: string[]): boolean {
  const last = new Map<string, number>();
  return samples.every((x) => {
    const [name, rest] = x.split('@');
    const t = Number(rest.split('=')[0]);
    const ok = t > (last.get(name) ?? -Infinity);
    last.set(name, t);
    return ok;
  });
}

describe('WriteQueue', () => {
  it('sends full batches at once and the rest after batch_send_deadline, with the spec headers', async () => {
    const clock = new FakeClock(1_000_000);
    const rx = new Receiver(clock);
    const q = await open(clock, rx, config({}, { headers: { 'X-Scope-OrgID': 't1' }, bearerToken: 'tok' }));
    feed(q, 7);
    await clock.advance(10);
    expect(rx.requests.map((r) => r.series.reduce((n, s) => n + s.ts.length, 0))).toEqual([3, 3]);
    await clock.advance(1000);
    expect(rx.requests).toHaveLength(3);
    expect(byTime(rx.samples())).toEqual(expected(7));
    expect(inOrderPerSeries(rx.samples())).toBe(true);
    const h = rx.requests[0].headers;
    expect([h.get('content-encoding'), h.get('content-type'), h.get('x-prometheus-remote-write-version'), h.get('authorization'), h.get('x-scope-orgid')]).toEqual([
      'snappy', 'application/x-protobuf', '0.1.0', 'Bearer tok', 't1',
    ]);
    expect(q.status()).toMatchObject({ sent: 7, pending: 0, failed: 0, retried: 0, dropped: {}, lagSeconds: 0, state: 'idle' });
    await q.stop();
  });

  it.each<[string, Answer[], Partial<QueueConfig>, number[]]>([
    ['doubles the backoff from min_backoff', [{ status: 503 }, { status: 500 }, { status: 502 }], {}, [0, 30, 90, 210]],
    ['caps the backoff at max_backoff', [{ status: 503 }, { status: 503 }, { status: 503 }], { maxBackoff: 50 }, [0, 30, 80, 130]],
    ['honours Retry-After in seconds on 429 when allowed', [{ status: 429, headers: { 'Retry-After': '2' } }], { retryOnHttp429: true }, [0, 2000]],
    ['honours Retry-After as an HTTP date on 503', [{ status: 503, headers: { 'Retry-After': new Date(1_000_000 + 5000).toUTCString() } }], {}, [0, 5000]],
    ['retries a network error', ['network'], {}, [0, 30]],
  ])('%s', async (_, script, queue, times) => {
    const clock = new FakeClock(1_000_000);
    const rx = new Receiver(clock, script);
    const q = await open(clock, rx, config(queue));
    feed(q, 3);
    await clock.advance(10_000);
    expect(rx.requests.map((r) => r.at - 1_000_000)).toEqual(times);
    // The same batch every time, never a duplicate once acknowledged.
    for (const r of rx.requests) expect(r.series).toEqual(rx.requests[0].series);
    expect(q.status()).toMatchObject({ sent: 3, retried: 3 * (times.length - 1), pending: 0, failed: 0 });
    await q.stop();
  });

  it('times out after remote_timeout and retries', async () => {
    const clock = new FakeClock(0);
    const rx = new Receiver(clock, ['hang']);
    const q = await open(clock, rx, config({}, { remoteTimeout: 500 }));
    feed(q, 3);
    await clock.advance(2000);
    expect(rx.requests.map((r) => r.at)).toEqual([0, 530]);
    expect(q.status().lastError?.message).toContain('context deadline exceeded');
  });

  it.each<[string, Answer, Partial<QueueConfig>, string]>([
    ['a 400', { status: 400 }, {}, 'HTTP 400'],
    ['a 429 when retry_on_http_429 is off (the default)', { status: 429 }, {}, 'HTTP 429'],
    ['a 404', { status: 404 }, { retryOnHttp429: true }, 'HTTP 404'],
  ])('drops a batch refused with %s, counting it, and goes on', async (_, answer, queue, reason) => {
    const clock = new FakeClock(0);
    const rx = new Receiver(clock, [answer]);
    const q = await open(clock, rx, config(queue));
    feed(q, 6);
    await clock.advance(100);
    expect(rx.requests).toHaveLength(2);
    expect(q.status()).toMatchObject({ sent: 3, failed: 3, retried: 0, dropped: { [reason]: 3 }, pending: 0 });
    expect(q.status().lastError?.message).toBe(`server returned HTTP status ${reason.slice(5)} : bad things`);
    await q.stop();
  });

  it('explains in plain words what the receiver must allow when the browser gives no answer', async () => {
    const clock = new FakeClock(0);
    const rx = new Receiver(clock, ['network']);
    const q = await open(clock, rx);
    feed(q, 3);
    await clock.advance(10);
    const msg = q.status().lastError!.message;
    expect(msg).toContain('Access-Control-Allow-Headers: Content-Encoding, Content-Type, X-Prometheus-Remote-Write-Version');
    expect(msg).toContain('Access-Control-Allow-Origin on the POST answer');
    expect(msg).toContain('nginx');
  });

  it('counts samples over the bound as dropped "queue full", keeping the oldest', async () => {
    const clock = new FakeClock(0);
    const rx = new Receiver(clock, Array(100).fill({ status: 503 }));
    const q = await open(clock, rx, config(), { maxPendingSamples: 5 });
    feed(q, 8);
    await clock.advance(100);
    expect(q.status()).toMatchObject({ pending: 5, dropped: { 'queue full': 3 }, state: 'backoff', sent: 0 });
    expect(q.status().lagSeconds).toBeCloseTo(0.004);
    await q.stop();
  });

  it('leaves out samples older than sample_age_limit, counting them', async () => {
    const clock = new FakeClock(10_000);
    const rx = new Receiver(clock, [{ status: 503 }]);
    const q = await open(clock, rx, config({ sampleAgeLimit: 5000, maxSamplesPerSend: 4 }));
    feed(q, 4, 9000);
    feed(q, 4, 0);
    await clock.advance(100);
    expect(rx.requests).toHaveLength(2);
    expect(byTime(rx.samples())).toEqual(byTime([...expected(4, 9000), ...expected(4, 9000)]));
    expect(q.status()).toMatchObject({ sent: 4, retried: 4, pending: 0, dropped: { 'too old': 4 } });
    await q.stop();
    feed(q, 2);
    expect(q.status().dropped).toMatchObject({ 'queue stopped': 2 });
  });

  it('adds external labels the series lacks, then applies write_relabel_configs', async () => {
    const clock = new FakeClock(0);
    const rx = new Receiver(clock);
    const cfg = config({}, { writeRelabelConfigs: [{ sourceLabels: ['job'], separator: ';', regex: 'b', modulus: 0, targetLabel: '', replacement: '$1', action: 'drop' }] });
    const q = await open(clock, rx, cfg, { externalLabels: { region: 'eu', job: 'ignored' } });
    feed(q, 6);
    await clock.advance(2000);
    expect(rx.requests.flatMap((r) => r.series.map((s) => s.labels))).toEqual([[['__name__', 'up'], ['job', 'a'], ['region', 'eu']]]);
    expect(q.status()).toMatchObject({ sent: 3, dropped: { 'write relabel': 3 } });
  });

  it('resends after a reload what was not acknowledged, in order, once', async () => {
    const clock = new FakeClock(0);
    const down = new Receiver(clock, [{ status: 204 }, ...Array(100).fill({ status: 503 })]);
    const cfg = config();
    const q1 = await open(clock, down, cfg, { dbName: 'reload' });
    feed(q1, 7);
    await clock.advance(3000);
    expect(q1.status()).toMatchObject({ sent: 3, pending: 4 });
    await q1.stop();

    const up = new Receiver(clock);
    const q2 = await open(clock, up, cfg, { dbName: 'reload' });
    expect(q2.status().pending).toBe(4);
    feed(q2, 2, 7);
    await clock.advance(2000);
    const arrived = [...down.samples().slice(0, 3), ...up.samples()];
    expect(byTime(arrived)).toEqual(expected(9));
    expect(inOrderPerSeries(arrived)).toBe(true);
    expect(q2.status()).toMatchObject({ sent: 6, pending: 0 });
    await q2.stop();

    // Everything was acknowledged: what the next session queues must still count as unsent after another reload.
    const q3 = await open(clock, new Receiver(clock, Array(100).fill({ status: 503 })), cfg, { dbName: 'reload' });
    expect(q3.status().pending).toBe(0);
    feed(q3, 2, 9);
    await clock.advance(2000);
    await q3.stop();
    const q4 = await open(clock, up, cfg, { dbName: 'reload' });
    expect(q4.status().pending).toBe(2);
    await clock.advance(2000);
    expect(up.samples().slice(-2)).toEqual(expected(2, 9));
    await q4.stop();
  });

  it('sends native histograms with send_native_histograms, and resends unacknowledged ones after a reload', async () => {
    const clock = new FakeClock(0);
    const cfg = config({}, { sendNativeHistograms: true });
    const down = new Receiver(clock, [{ status: 204 }, ...Array(100).fill({ status: 503 })]);
    const q1 = await open(clock, down, cfg, { dbName: 'reload-histograms' });
    feedMixed(q1, 7);
    await clock.advance(3000);
    expect(q1.status()).toMatchObject({ sent: 3, pending: 4 });
    await q1.stop();

    const up = new Receiver(clock);
    const q2 = await open(clock, up, cfg, { dbName: 'reload-histograms' });
    feedMixed(q2, 2, 7);
    await clock.advance(2000);
    const arrived = [...down.samples().slice(0, 3), ...up.samples()];
    expect(byTime(arrived)).toEqual(expectedMixed(9));
    expect(inOrderPerSeries(arrived)).toBe(true);
    expect(q2.status()).toMatchObject({ sent: 6, pending: 0 });
    await q2.stop();
  });

  it('leaves native histograms out without send_native_histograms, and drops custom-bucket ones as remote write 1.0 cannot carry them', async () => {
    const clock = new FakeClock(0);
    const off = new Receiver(clock);
    const q1 = await open(clock, off, config());
    feedMixed(q1, 4);
    await clock.advance(2000);
    expect(off.samples()).toEqual(['up,a@0=0', 'up,a@2=2']);
    expect(q1.status()).toMatchObject({ sent: 2, dropped: {} });
    await q1.stop();

    const on = new Receiver(clock);
    const q2 = await open(clock, on, config({}, { sendNativeHistograms: true }));
    feedMixed(q2, 4, 0, CUSTOM_BUCKETS_SCHEMA);
    await clock.advance(2000);
    expect(on.samples()).toEqual(['up,a@0=0', 'up,a@2=2']);
    expect(q2.status()).toMatchObject({ sent: 2, dropped: { [DROP_NHCB]: 2 } });
    await q2.stop();
  });
});
