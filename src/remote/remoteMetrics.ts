// The remote-write queues' figures as self-metrics, named after Prometheus's
// prometheus_remote_storage_* (storage/remote/queue_manager.go) with Vigil's
// prefix, each labelled remote_name and url as Prometheus labels them.

import type { RemoteWriteStatus } from './writeQueue';

/** The part of the engine's SelfMetrics this needs (structural, so remote does not import engine). */
export interface MetricsSink {
  counter(name: string, help: string): (by?: number, labels?: Record<string, string>) => void;
  gauge(name: string, help: string): (value: number, labels?: Record<string, string>) => void;
  onCollect(fn: () => void): void;
}

type Field = (s: RemoteWriteStatus) => number | null;

export const REMOTE_COUNTERS: readonly { name: string; help: string; value: Field }[] = [
  { name: 'vigil_remote_storage_samples_total', help: 'Samples the remote storage acknowledged.', value: (s) => s.sent },
  { name: 'vigil_remote_storage_samples_failed_total', help: 'Samples in batches the remote storage refused for good (non-recoverable error).', value: (s) => s.failed },
  { name: 'vigil_remote_storage_samples_retried_total', help: 'Samples resent after a recoverable error.', value: (s) => s.retried },
];

export const REMOTE_DROPPED = {
  name: 'vigil_remote_storage_samples_dropped_total',
  help: 'Samples that left the queue unsent, by reason (queue full, write relabel, HTTP status).',
};

export const REMOTE_GAUGES: readonly { name: string; help: string; value: Field }[] = [
  { name: 'vigil_remote_storage_samples_pending', help: 'Samples waiting in the queue, the batch in flight included.', value: (s) => s.pending },
  {
    name: 'vigil_remote_storage_highest_timestamp_in_seconds',
    help: 'Newest sample time appended to the queue.',
    value: (s) => (s.newestAppendedMs === null ? null : s.newestAppendedMs / 1000),
  },
  {
    name: 'vigil_remote_storage_queue_highest_sent_timestamp_seconds',
    help: 'Newest sample time the remote storage acknowledged.',
    value: (s) => (s.highestSentMs === null ? null : s.highestSentMs / 1000),
  },
  { name: 'vigil_remote_storage_lag_seconds', help: 'Seconds between the newest sample appended and the newest acknowledged.', value: (s) => s.lagSeconds },
];

/**
 * Publishes the queues' figures at each exposition. The queues keep running
 * totals; counters get the growth since the last exposition, and a queue
 * that restarted (config change) counts from its new total.
 */
export function registerRemoteMetrics(sink: MetricsSink, statuses: () => readonly RemoteWriteStatus[]): void {
  const counters = REMOTE_COUNTERS.map((c) => ({ ...c, add: sink.counter(c.name, c.help) }));
  const dropped = sink.counter(REMOTE_DROPPED.name, REMOTE_DROPPED.help);
  const gauges = REMOTE_GAUGES.map((g) => ({ ...g, set: sink.gauge(g.name, g.help) }));
  const last = new Map<string, number>();
  const grow = (key: string, total: number, add: (by: number) => void) => {
    const prev = last.get(key) ?? 0;
    const by = total >= prev ? total - prev : total;
    last.set(key, total);
    if (by > 0) add(by);
  };
  sink.onCollect(() => {
    for (const s of statuses()) {
      const labels = { remote_name: s.name, url: s.url };
      for (const c of counters) grow(`${c.name}\xff${s.name}`, c.value(s) ?? 0, (by) => c.add(by, labels));
      for (const [reason, n] of Object.entries(s.dropped)) grow(`dropped\xff${s.name}\xff${reason}`, n, (by) => dropped(by, { ...labels, reason }));
      for (const g of gauges) {
        const v = g.value(s);
        if (v !== null) g.set(v, labels);
      }
    }
  });
}
