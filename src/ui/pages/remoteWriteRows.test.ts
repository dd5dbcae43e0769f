import { describe, expect, it } from 'vitest';
import type { RemoteWriteStatus } from '../../engine/api';
import { remoteWriteRows } from './remoteWriteRows';

const STATUS: RemoteWriteStatus = {
  name: 'prom',
  url: 'http://127.0.0.1:9090/api/v1/write',
  sent: 12_345,
  failed: 100,
  retried: 2_000,
  dropped: { 'HTTP 400': 100, 'queue full': 5, 'write relabel': 0 },
  pending: 42,
  lagSeconds: 3.25,
  newestAppendedMs: 1000,
  highestSentMs: null,
  state: 'backoff',
  lastError: null,
};

describe('remoteWriteRows', () => {
  it('lists sent, failed, dropped by reason, retried, pending and lag', () => {
    expect(remoteWriteRows(STATUS, (ms) => (ms === null ? '—' : `t=${ms}`))).toEqual([
      ['URL', 'http://127.0.0.1:9090/api/v1/write'],
      ['State', 'backing off after a failed send, then retrying'],
      ['Samples sent', '12,345'],
      ['Samples failed', '100'],
      ['Samples dropped', '105 (HTTP 400: 100, queue full: 5)'],
      ['Samples retried', '2,000'],
      ['Samples pending', '42'],
      ['Lag', '3.3 s'],
      ['Newest sample appended', 't=1000'],
      ['Newest sample sent', '—'],
    ]);
  });

  it('says nothing of reasons when nothing was dropped', () => {
    expect(remoteWriteRows({ ...STATUS, dropped: {} }, () => '')).toContainEqual(['Samples dropped', '0']);
  });
});
