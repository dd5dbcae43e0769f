import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Labels } from '../model/labels';
import { DEFAULT_QUEUE_CONFIG, type RemoteWriteConfig } from '../config/remoteWriteConfig';
import { FakeClock } from '../model/fakeClock';
import { Head } from '../tsdb/head';
import { RemoteWriteStorage } from './remoteWriteStorage';

const rw = (url: string, extra: Partial<RemoteWriteConfig> = {}): RemoteWriteConfig => ({
  url,
  name: '',
  remoteTimeout: 30_000,
  headers: {},
  writeRelabelConfigs: [],
  queueConfig: { ...DEFAULT_QUEUE_CONFIG, batchSendDeadline: 100 },
  sendNativeHistograms: false,
    unsupported: {},
  ...extra,
});

describe('RemoteWriteStorage', () => {
  it('runs one queue per remote_write entry, keeping unchanged ones across config changes', async () => {
    const clock = new FakeClock(0);
    const posted: string[] = [];
    const fetchFn = (async (url: string) => {
      posted.push(url);
      return new Response(null, { status: 204 });
    }) as typeof fetch;
    const rws = new RemoteWriteStorage(new Head(), { fetch: fetchFn, now: clock.now, setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout, indexedDB });
    const write = (t: number) => {
      const app = rws.storage.appender();
      app.append(0, Labels.from({ __name__: 'up' }), t, 1);
      app.commit();
    };

    await rws.applyConfig([rw('http://a/w'), rw('http://b/w')], {});
    const [a] = rws.statuses();
    write(1);
    await clock.advance(200);
    expect(posted.sort()).toEqual(['http://a/w', 'http://b/w']);

    await rws.applyConfig([rw('http://a/w'), rw('http://b/w', { headers: { 'X-Tenant': 't' } })], {});
    expect(rws.statuses().map((s) => [s.url, s.sent])).toEqual([['http://a/w', 1], ['http://b/w', 0]]);
    expect(rws.statuses()[0].name).toBe(a.name);

    await rws.stop();
    write(2);
    expect(rws.statuses()).toEqual([]);
  });
});
