// The remote room's face for the engine: wraps the engine's Storage with the
// sample tap and keeps one WriteQueue per remote_write entry, started,
// kept or replaced as the config changes (Prometheus's remote.WriteStorage
// ApplyConfig: a queue whose config and external labels are unchanged keeps
// running; any other is stopped and opened anew on the same persisted queue).

import type { RemoteWriteConfig } from '../config/remoteWriteConfig';
import type { Storage } from '../tsdb/storage';
import { queueName, WriteQueue, type QueueDeps, type QueueOptions, type RemoteWriteStatus } from './writeQueue';
import { WriteTap } from './writeTap';

interface Running {
  key: string;
  queue: WriteQueue;
}

export class RemoteWriteStorage {
  /** The Storage to hand scrape and rules instead of the wrapped one. */
  readonly storage: WriteTap;
  private running: Running[] = [];
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    inner: Storage,
    private readonly deps: QueueDeps,
    private readonly opts: Pick<QueueOptions, 'maxPendingSamples'> = {},
  ) {
    this.storage = new WriteTap(inner);
  }

  /** Applies the remote_write section; resolves when every queue runs. Calls are taken one at a time. */
  applyConfig(configs: readonly RemoteWriteConfig[], externalLabels: Record<string, string>): Promise<void> {
    const run = this.chain.then(() => this.apply(configs, externalLabels));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async apply(configs: readonly RemoteWriteConfig[], externalLabels: Record<string, string>): Promise<void> {
    const names = new Map<string, number>();
    const wanted = configs.map((config) => {
      // Two unnamed entries for one URL would share a database; the second gets a suffix.
      const name = queueName(config);
      const seen = names.get(name) ?? 0;
      names.set(name, seen + 1);
      const dbName = `vigil-remote-write-${name}${seen > 0 ? `-${seen}` : ''}`;
      return { config, dbName, key: JSON.stringify([config, externalLabels, dbName]) };
    });
    const keep = this.running.filter((r) => wanted.some((w) => w.key === r.key));
    const stopping = this.running.filter((r) => !keep.includes(r));
    // Stopped before their replacements open, so no two queues ever send one persisted queue.
    await Promise.all(stopping.map((r) => r.queue.stop()));
    const next: Running[] = [];
    for (const w of wanted) {
      const kept = keep.find((r) => r.key === w.key);
      next.push(kept ?? { key: w.key, queue: await WriteQueue.open(w.config, this.deps, { ...this.opts, externalLabels, dbName: w.dbName }) });
    }
    this.running = next;
    this.storage.setSinks(next.map((r) => r.queue));
  }

  statuses(): RemoteWriteStatus[] {
    return this.running.map((r) => r.queue.status());
  }

  /** Stops every queue; what they hold stays persisted for the next start. */
  async stop(): Promise<void> {
    await this.applyConfig([], {});
  }
}
