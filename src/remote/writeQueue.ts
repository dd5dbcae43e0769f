// One remote_write destination: Prometheus's QueueManager
// (storage/remote/queue_manager.go) for a browser. Samples arrive per commit
// as typed arrays, wait in a bounded queue persisted in IndexedDB, and leave
// in batches of up to max_samples_per_send (or after batch_send_deadline),
// one request at a time, so every series stays in order. Native histograms
// (with send_native_histograms) are encoded as prompb.Histogram when taken and
// wait beside the floats, counted as samples. A batch that fails
// recoverably is resent as it was, with exponential backoff, until it is
// acknowledged; a refused batch is dropped and counted.

import { md5 } from 'js-md5';
import { Labels } from '../model/labels';
import type { RemoteWriteConfig } from '../config/remoteWriteConfig';
import { compileRule, relabel, type RelabelRule } from '../model/relabel';
import type { TimerHandle } from '../model/timers';
import { compress } from 'snappyjs';
import { QueueStore, type SegmentRecord, type SeriesRecord } from './queueStore';
import { sendWrite, writeHeaders, type ClientDeps } from './writeClient';
import { encodeLabels, encodeWriteRequest } from './writeRequest';
import { encodeHistogram } from './histogramProto';
import type { HistogramColumn } from './writeTap';
import { CUSTOM_BUCKETS_SCHEMA } from '../model/histogram/types';
import { grownArray } from '../model/grownArray';
import { errorMessage } from '../model/result';

export interface QueueDeps extends ClientDeps {
  /** Where the queue persists; tests pass fake-indexeddb's factory. */
  indexedDB: IDBFactory;
}

export interface QueueOptions {
  /** Added to each series that lacks them, before write relabelling (global.external_labels). */
  externalLabels?: Record<string, string>;
  /**
   * Samples the queue holds before new ones are dropped as "queue full".
   * Prometheus buffers capacity × max_shards samples in memory (600k at the
   * defaults, by config.go's own reckoning) with the WAL behind them; Vigil has
   * no WAL, so that figure bounds its persisted queue.
   */
  maxPendingSamples?: number;
  /** IndexedDB database name; by default derived from the queue's name. */
  dbName?: string;
}

/** Why samples left the queue unsent. */
export const DROP_QUEUE_FULL = 'queue full';
export const DROP_WRITE_RELABEL = 'write relabel';
export const DROP_TOO_OLD = 'too old';
export const DROP_STOPPED = 'queue stopped';
/** queue_manager.go's reasonNHCBNotSupported: remote write 1.0 has no field for custom bucket bounds. */
export const DROP_NHCB = 'custom buckets in remote write 1.0';

/** A queue's figures, as plain data for the Status page and self-metrics. */
export interface RemoteWriteStatus {
  name: string;
  url: string;
  /** Samples the receiver acknowledged. */
  sent: number;
  /** Samples in batches the receiver refused for good (4xx other than a retried 429); also counted in `dropped` by status. */
  failed: number;
  /** Samples resent after a recoverable failure, once per resend (prometheus_remote_storage_samples_retried_total). */
  retried: number;
  /** Samples that left the queue unsent, by reason: "queue full", "write relabel", "too old", "HTTP 400"… */
  dropped: Record<string, number>;
  /** Samples waiting, the batch in flight included. */
  pending: number;
  /** Seconds between the newest sample appended and the newest acknowledged (0 when nothing waits). */
  lagSeconds: number;
  newestAppendedMs: number | null;
  highestSentMs: number | null;
  state: 'idle' | 'batching' | 'sending' | 'backoff' | 'stopped';
  lastError: { atMs: number; message: string } | null;
}

// Segments grow to this many samples before a new one starts, so a persisted
// record stays small whatever the commit rate.
const SEGMENT_SAMPLES = 4096;

interface Segment {
  seq: number;
  ids: Uint32Array;
  ts: Float64Array;
  vs: Float64Array;
  /** prompb.Histogram bytes where sample `i` is a native histogram; made by the segment's first one. */
  hs?: (Uint8Array | undefined)[];
  n: number;
  /** Written to IndexedDB; a persisted segment takes no more samples. */
  sealed: boolean;
}

interface Batch {
  /** Samples the batch takes off the queue, those left out as too old included. */
  count: number;
  /** Samples in the request; 0 when all were too old and nothing is sent. */
  sending: number;
  body: Uint8Array<ArrayBuffer>;
  maxT: number;
}

/** Prometheus names an unnamed queue by a hash of its config; Vigil hashes the URL so edits elsewhere keep the persisted queue. */
export function queueName(cfg: RemoteWriteConfig): string {
  return cfg.name !== '' ? cfg.name : md5(cfg.url).slice(0, 6);
}

export class WriteQueue {
  readonly name: string;
  private readonly rules: RelabelRule[];
  private readonly external: [string, string][];
  private readonly headers: Record<string, string>;
  private readonly maxPending: number;

  /** Storage ref → this queue's series id; 0 unknown, -1 dropped by write relabelling. */
  private refToId = new Int32Array(1024);
  private readonly idByKey = new Map<string, number>();
  private readonly encoded: (Uint8Array | undefined)[] = [undefined];
  private newSeries: SeriesRecord[] = [];
  private nextId = 1;

  private readonly segs: Segment[] = [];
  private headOffset = 0;
  private nextSeq = 1;
  private pendingCount = 0;
  private persistQueued = false;

  private inflight: Batch | undefined;
  private abort: AbortController | undefined;
  private backoff: number;
  private timer: TimerHandle | undefined;
  private timerFor: 'deadline' | 'backoff' | undefined;
  private batchStartedAt: number;
  private stopped = false;

  private sent = 0;
  private failed = 0;
  private retried = 0;
  private readonly dropped: Record<string, number> = {};
  private newestT = -Infinity;
  private oldestT = Infinity;
  private highestSentT = -Infinity;
  private lastError: RemoteWriteStatus['lastError'] = null;

  private constructor(
    readonly config: RemoteWriteConfig,
    private readonly deps: QueueDeps,
    private readonly store: QueueStore,
    opts: QueueOptions,
  ) {
    this.name = queueName(config);
    this.rules = config.writeRelabelConfigs.map(compileRule);
    this.external = Object.entries(opts.externalLabels ?? {});
    this.headers = writeHeaders(config, deps.userAgent);
    const q = config.queueConfig;
    this.maxPending = opts.maxPendingSamples ?? q.capacity * q.maxShards;
    this.backoff = q.minBackoff;
    this.batchStartedAt = deps.now();
  }

  /** Opens the queue's database and takes up what an earlier session left unacknowledged. */
  static async open(config: RemoteWriteConfig, deps: QueueDeps, opts: QueueOptions = {}): Promise<WriteQueue> {
    const store = await QueueStore.open(opts.dbName ?? `vigil-remote-write-${queueName(config)}`, deps.indexedDB);
    const q = new WriteQueue(config, deps, store, opts);
    const loaded = await store.load();
    q.nextSeq = loaded.cursor.seq + 1;
    for (const s of loaded.series) {
      q.idByKey.set(Labels.fromSortedPairs(s.labels).key(), s.id);
      q.encoded[s.id] = encodeLabels(s.labels);
      q.nextId = Math.max(q.nextId, s.id + 1);
    }
    for (const s of loaded.segments) {
      q.segs.push({ ...s, n: s.ids.length, sealed: true });
      q.pendingCount += s.ids.length;
      q.nextSeq = Math.max(q.nextSeq, s.seq + 1);
      for (const t of s.ts) q.noteAppended(t);
    }
    q.kick();
    return q;
  }

  /**
   * Takes one commit's samples: `refs[i]` is the storage's series ref,
   * `labelsOf` gives a ref's labels the first time this queue meets it.
   */
  append(refs: Uint32Array, ts: Float64Array, vs: Float64Array, n: number, labelsOf: (ref: number) => Labels, hs?: HistogramColumn): void {
    if (this.stopped) {
      this.drop(DROP_STOPPED, n);
      return;
    }
    const before = this.pendingCount;
    for (let i = 0; i < n; i++) {
      const h = hs?.[i];
      // Without send_native_histograms Prometheus's AppendHistograms takes none and counts none.
      if (h !== undefined && !this.config.sendNativeHistograms) continue;
      if (h !== undefined && h.schema === CUSTOM_BUCKETS_SCHEMA) {
        this.drop(DROP_NHCB, 1);
        continue;
      }
      const id = this.resolve(refs[i], labelsOf);
      if (id < 0) {
        this.drop(DROP_WRITE_RELABEL, 1);
        continue;
      }
      // Refusing the newest keeps what is queued a gap-free run from the oldest unsent sample.
      if (this.pendingCount >= this.maxPending) {
        this.drop(DROP_QUEUE_FULL, 1);
        continue;
      }
      this.push(id, ts[i], vs[i], h === undefined ? undefined : encodeHistogram(h));
    }
    if (this.pendingCount === before) return;
    if (before === 0 && this.inflight === undefined) this.batchStartedAt = this.deps.now();
    this.schedulePersist();
    this.kick();
  }

  private resolve(ref: number, labelsOf: (ref: number) => Labels): number {
    if (ref >= this.refToId.length) {
      this.refToId = grownArray(this.refToId, Math.max(ref + 1, this.refToId.length * 2));
    }
    const known = this.refToId[ref];
    if (known !== 0) return known;
    const id = this.seriesId(labelsOf(ref));
    this.refToId[ref] = id;
    return id;
  }

  /** queue_manager.go StoreSeries: external labels where the series lacks them, then write relabelling. */
  private seriesId(labels: Labels): number {
    let ls: Labels | null = labels;
    const missing = this.external.filter(([name]) => !labels.has(name));
    if (missing.length > 0) ls = Labels.fromPairs([...labels.flat(), ...missing.flat()]);
    ls = relabel(ls, this.rules);
    if (ls === null || ls.size === 0) return -1;
    const key = ls.key();
    const hit = this.idByKey.get(key);
    if (hit !== undefined) return hit;
    const id = this.nextId++;
    this.idByKey.set(key, id);
    this.encoded[id] = encodeLabels(ls.flat());
    this.newSeries.push({ id, labels: [...ls.flat()] });
    return id;
  }

  private push(id: number, t: number, v: number, h: Uint8Array | undefined): void {
    let s = this.segs[this.segs.length - 1];
    if (s === undefined || s.sealed || s.n === SEGMENT_SAMPLES) {
      s = { seq: this.nextSeq++, ids: new Uint32Array(256), ts: new Float64Array(256), vs: new Float64Array(256), n: 0, sealed: false };
      this.segs.push(s);
    } else if (s.n === s.ids.length) {
      const size = Math.min(SEGMENT_SAMPLES, s.n * 2);
      s.ids = grownArray(s.ids, size);
      s.ts = grownArray(s.ts, size);
      s.vs = grownArray(s.vs, size);
    }
    s.ids[s.n] = id;
    s.ts[s.n] = t;
    s.vs[s.n] = v;
    if (h !== undefined) (s.hs ??= [])[s.n] = h;
    s.n++;
    this.pendingCount++;
    this.noteAppended(t);
  }

  private noteAppended(t: number): void {
    if (t > this.newestT) this.newestT = t;
    if (t < this.oldestT) this.oldestT = t;
  }

  private drop(reason: string, count: number): void {
    this.dropped[reason] = (this.dropped[reason] ?? 0) + count;
  }

  private schedulePersist(): void {
    if (this.persistQueued) return;
    this.persistQueued = true;
    let series: SeriesRecord[] = [];
    this.store
      .append(() => {
        this.persistQueued = false;
        series = this.newSeries;
        this.newSeries = [];
        const segments: SegmentRecord[] = [];
        for (const s of this.segs) {
          if (s.sealed) continue;
          s.sealed = true;
          const rec: SegmentRecord = { seq: s.seq, ids: s.ids.slice(0, s.n), ts: s.ts.slice(0, s.n), vs: s.vs.slice(0, s.n) };
          if (s.hs !== undefined) rec.hs = s.hs.slice(0, s.n);
          segments.push(rec);
        }
        return { series, segments };
      })
      .catch((e: unknown) => {
        // The samples stay queued in memory; their series go with the next write, so later segments never name a series the store lacks.
        this.newSeries.unshift(...series);
        this.noteError(`remote write queue ${this.name}: cannot persist, samples are kept in memory only: ${errorMessage(e)}`);
      });
  }

  private noteError(message: string): void {
    this.lastError = { atMs: this.deps.now(), message };
  }

  private setTimer(kind: 'deadline' | 'backoff', ms: number, fn: () => void): void {
    this.clearTimer();
    this.timerFor = kind;
    this.timer = this.deps.setTimeout(() => {
      this.timer = undefined;
      this.timerFor = undefined;
      fn();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.deps.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerFor = undefined;
  }

  /** Starts a send when a batch is full or its deadline passed (runShard's select over batch size and timer). */
  private kick(): void {
    if (this.stopped || this.inflight !== undefined || this.timerFor === 'backoff') return;
    if (this.pendingCount === 0) {
      this.clearTimer();
      return;
    }
    const max = this.config.queueConfig.maxSamplesPerSend;
    const wait = this.batchStartedAt + this.config.queueConfig.batchSendDeadline - this.deps.now();
    if (this.pendingCount >= max || wait <= 0) {
      this.clearTimer();
      const batch = this.takeBatch(Math.min(max, this.pendingCount));
      this.inflight = batch;
      this.backoff = this.config.queueConfig.minBackoff;
      if (batch.sending > 0) void this.attempt();
      else this.finish(batch);
    } else if (this.timerFor !== 'deadline') this.setTimer('deadline', wait, () => this.kick());
  }

  /**
   * The oldest `count` samples as one request: grouped per series, in order
   * within each. With sample_age_limit, samples older than it are left out and
   * counted, as queue_manager.go's isSampleOld filter does.
   */
  private takeBatch(count: number): Batch {
    const slotOf = new Map<number, number>();
    const counts: number[] = [];
    let maxT = -Infinity;
    const limit = this.config.queueConfig.sampleAgeLimit;
    const cutoff = limit > 0 ? this.deps.now() - limit : -Infinity;
    let sending = 0;
    this.forEachPending(count, (id, t) => {
      if (t < cutoff) return;
      sending++;
      let slot = slotOf.get(id);
      if (slot === undefined) {
        slot = counts.length;
        slotOf.set(id, slot);
        counts.push(0);
      }
      counts[slot]++;
      if (t > maxT) maxT = t;
    });
    const starts = new Uint32Array(counts.length + 1);
    for (let k = 0; k < counts.length; k++) starts[k + 1] = starts[k] + counts[k];
    const fill = starts.slice(0, counts.length);
    if (sending < count) this.drop(DROP_TOO_OLD, count - sending);
    const ts = new Float64Array(sending);
    const vs = new Float64Array(sending);
    let hs: (Uint8Array | undefined)[] | undefined;
    const labels: Uint8Array[] = new Array(counts.length);
    this.forEachPending(count, (id, t, v, h) => {
      if (t < cutoff) return;
      const slot = slotOf.get(id)!;
      labels[slot] = this.encoded[id]!;
      if (h !== undefined) (hs ??= [])[fill[slot]] = h;
      ts[fill[slot]] = t;
      vs[fill[slot]++] = v;
    });
    return { count, sending, body: compress(encodeWriteRequest({ labels, starts, ts, vs, hs })), maxT };
  }

  private forEachPending(count: number, fn: (id: number, t: number, v: number, h: Uint8Array | undefined) => void): void {
    let off = this.headOffset;
    for (const s of this.segs) {
      for (let i = off; i < s.n && count > 0; i++, count--) fn(s.ids[i], s.ts[i], s.vs[i], s.hs?.[i]);
      if (count === 0) return;
      off = 0;
    }
  }

  /** queue_manager.go sendWriteRequestWithBackoff: the same batch again until it is acknowledged or refused. */
  private async attempt(): Promise<void> {
    const batch = this.inflight!;
    this.abort = new AbortController();
    const outcome = await sendWrite(this.deps, this.config, this.headers, batch.body, this.abort.signal);
    this.abort = undefined;
    if (this.stopped) return;
    if (outcome.kind === 'ok') {
      this.sent += batch.sending;
      if (batch.maxT > this.highestSentT) this.highestSentT = batch.maxT;
      this.finish(batch);
      return;
    }
    this.noteError(outcome.error);
    if (outcome.kind === 'refused') {
      this.failed += batch.sending;
      this.drop(outcome.reason, batch.sending);
      this.finish(batch);
      return;
    }
    const sleep = outcome.retryAfterMs > 0 ? outcome.retryAfterMs : this.backoff;
    this.setTimer('backoff', sleep, () => {
      this.retried += batch.sending;
      this.backoff = Math.min(sleep * 2, this.config.queueConfig.maxBackoff);
      void this.attempt();
    });
  }

  /** Removes a batch that is done with (acknowledged or refused) and persists the new cursor. */
  private finish(batch: Batch): void {
    let left = batch.count;
    while (left > 0) {
      const s = this.segs[0];
      const take = Math.min(left, s.n - this.headOffset);
      left -= take;
      this.headOffset += take;
      if (this.headOffset === s.n && (s.sealed || this.segs.length > 1)) {
        this.segs.shift();
        this.headOffset = 0;
      }
    }
    this.pendingCount -= batch.count;
    const head = this.segs[0];
    const cursor = head ? { seq: head.seq, offset: this.headOffset } : { seq: this.nextSeq, offset: 0 };
    this.store.ack(cursor).catch((e: unknown) => this.noteError(`remote write queue ${this.name}: cannot record acknowledgement: ${errorMessage(e)}`));
    this.inflight = undefined;
    this.batchStartedAt = this.deps.now();
    this.kick();
  }

  status(): RemoteWriteStatus {
    const waiting = this.pendingCount > 0;
    const sentUpTo = this.highestSentT > -Infinity ? this.highestSentT : this.oldestT;
    let state: RemoteWriteStatus['state'] = 'idle';
    if (this.stopped) state = 'stopped';
    else if (this.timerFor === 'backoff') state = 'backoff';
    else if (this.inflight) state = 'sending';
    else if (waiting) state = 'batching';
    return {
      name: this.name,
      url: this.config.url,
      sent: this.sent,
      failed: this.failed,
      retried: this.retried,
      dropped: { ...this.dropped },
      pending: this.pendingCount,
      lagSeconds: waiting && this.newestT > -Infinity ? Math.max(0, (this.newestT - sentUpTo) / 1000) : 0,
      newestAppendedMs: this.newestT > -Infinity ? this.newestT : null,
      highestSentMs: this.highestSentT > -Infinity ? this.highestSentT : null,
      state,
      lastError: this.lastError,
    };
  }

  /** Stops sending; what was not acknowledged stays persisted for the next session. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.clearTimer();
    this.abort?.abort(new DOMException('queue stopped', 'AbortError'));
    await this.store.close();
  }
}
