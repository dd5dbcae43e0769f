// A remote_write queue's figures as the Status page lists them: what was sent,
// refused, dropped (by reason), resent and is still waiting, and how far the
// receiver lags behind what was appended.

import type { RemoteWriteStatus } from '../../engine/api';

const STATE_TEXT: Record<RemoteWriteStatus['state'], string> = {
  idle: 'idle: nothing waiting',
  batching: 'batching: filling the next request',
  sending: 'sending',
  backoff: 'backing off after a failed send, then retrying',
  stopped: 'stopped',
};

const count = (n: number) => n.toLocaleString('en-US');

export function remoteWriteRows(s: RemoteWriteStatus, time: (ms: number | null) => string): [string, string][] {
  const dropped = Object.values(s.dropped).reduce((a, n) => a + n, 0);
  const reasons = Object.entries(s.dropped)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${reason}: ${count(n)}`)
    .join(', ');
  return [
    ['URL', s.url],
    ['State', STATE_TEXT[s.state]],
    ['Samples sent', count(s.sent)],
    ['Samples failed', count(s.failed)],
    ['Samples dropped', reasons ? `${count(dropped)} (${reasons})` : count(dropped)],
    ['Samples retried', count(s.retried)],
    ['Samples pending', count(s.pending)],
    ['Lag', `${s.lagSeconds.toFixed(1)} s`],
    ['Newest sample appended', time(s.newestAppendedMs)],
    ['Newest sample sent', time(s.highestSentMs)],
  ];
}
