import { describe, expect, it } from 'vitest';
import { realTimers } from '../model/timers';
import { DEFAULT_QUEUE_CONFIG, type RemoteWriteConfig } from '../config/remoteWriteConfig';
import { retryAfterMs, sendWrite, writeHeaders } from './writeClient';

const now = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('retryAfterMs', () => {
  it.each<[string | null, number]>([
    ['3', 3000],
    [' 0 ', 0],
    [new Date(now + 7000).toUTCString(), 7000],
    [new Date(now - 7000).toUTCString(), 0],
    ['soon', 0],
    ['1.5', 0],
    [null, 0],
  ])('reads %j as %d ms', (header, ms) => {
    expect(retryAfterMs(header, now)).toBe(ms);
  });
});

describe('writeHeaders', () => {
  const cfg: RemoteWriteConfig = {
    url: 'http://r/api/v1/write',
    name: '',
    remoteTimeout: 30_000,
    headers: { 'X-Scope-OrgID': 'a' },
    writeRelabelConfigs: [],
    queueConfig: DEFAULT_QUEUE_CONFIG,
    sendNativeHistograms: false,
    unsupported: {},
  };

  it.each<[string, Partial<RemoteWriteConfig>, string | undefined, Record<string, string>]>([
    ['no auth, no User-Agent in a browser', {}, undefined, {}],
    ['basic auth as UTF-8', { basicAuth: { username: 'ü', password: 'p:w' } }, 'Vigil', { Authorization: 'Basic w7w6cDp3', 'User-Agent': 'Vigil' }],
    ['a bearer token', { bearerToken: 't' }, undefined, { Authorization: 'Bearer t' }],
  ])('sends the spec headers with %s', (_, extra, ua, want) => {
    expect(writeHeaders({ ...cfg, ...extra }, ua)).toEqual({
      'X-Scope-OrgID': 'a',
      'Content-Encoding': 'snappy',
      'Content-Type': 'application/x-protobuf',
      'X-Prometheus-Remote-Write-Version': '0.1.0',
      ...want,
    });
  });
});

describe('sendWrite', () => {
  it("calls fetch unbound, as a browser's fetch requires", async () => {
    const strict = function (this: unknown) {
      if (this !== undefined) throw new TypeError('Illegal invocation');
      return Promise.resolve(new Response(null, { status: 204 }));
    } as unknown as typeof fetch;
    const deps = { fetch: strict, ...realTimers, now: () => 0 };
    const cfg: RemoteWriteConfig = { url: 'http://r/', name: '', remoteTimeout: 1000, headers: {}, writeRelabelConfigs: [], queueConfig: DEFAULT_QUEUE_CONFIG, sendNativeHistograms: false, unsupported: {} };
    expect(await sendWrite(deps, cfg, {}, new Uint8Array(0))).toEqual({ kind: 'ok' });
  });
});
