import { describe, expect, it } from 'vitest';
import { SelfMetrics } from './selfMetrics';
import { registerRemoteMetrics } from '../remote/remoteMetrics';
import type { RemoteWriteStatus } from '../remote/writeQueue';

const base: RemoteWriteStatus = {
  name: 'central',
  url: 'http://r/api/v1/write',
  sent: 10,
  failed: 2,
  retried: 4,
  dropped: { 'HTTP 400': 2, 'queue full': 1 },
  pending: 3,
  lagSeconds: 1.5,
  newestAppendedMs: 5000,
  highestSentMs: 3500,
  state: 'backoff',
  lastError: null,
};

describe('registerRemoteMetrics', () => {
  it('exposes the queue figures as vigil_remote_storage_* with remote_name and url', () => {
    const m = new SelfMetrics();
    let status = base;
    registerRemoteMetrics(m, () => [status]);
    const l = 'remote_name="central",url="http://r/api/v1/write"';
    const first = m.expose();
    for (const line of [
      `vigil_remote_storage_samples_total{${l}} 10`,
      `vigil_remote_storage_samples_failed_total{${l}} 2`,
      `vigil_remote_storage_samples_retried_total{${l}} 4`,
      `vigil_remote_storage_samples_dropped_total{reason="HTTP 400",${l}} 2`,
      `vigil_remote_storage_samples_pending{${l}} 3`,
      `vigil_remote_storage_highest_timestamp_in_seconds{${l}} 5`,
      `vigil_remote_storage_queue_highest_sent_timestamp_seconds{${l}} 3.5`,
      `vigil_remote_storage_lag_seconds{${l}} 1.5`,
    ]) {
      expect(first).toContain(line + '\n');
    }
    status = { ...base, sent: 25 };
    expect(m.expose()).toContain(`vigil_remote_storage_samples_total{${l}} 25\n`);
  });
});
