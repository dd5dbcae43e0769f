// One target's scrape loop, as Prometheus's scrapeLoop (scrape/scrape.go):
// fetch on a fixed schedule, parse, relabel, check limits, append through one
// appender and commit, or roll the whole scrape back; then the five report
// series and the stale markers for what vanished.

import { METRIC_NAME, Labels, quote } from '../model/labels';
import { acceptHeader, parserFor } from '../exposition/contentType';
import type { ProtobufOptions } from '../exposition/protobuf';
import type { ScrapeProtocol } from '../model/scrapeProtocols';
import type { FloatHistogram } from '../model/histogram/floatHistogram';
import type { Histogram } from '../model/histogram/histogram';
import type { Metadata, MetricType } from '../model/metricType';
import { STALE_NAN, isStaleNaN } from '../model/staleNaN';
import type { Appender, SeriesRef, Storage } from '../tsdb/storage';
import type { BasicAuth } from '../config/httpAuth';
import { processBuilder, type RelabelRule } from '../model/relabel';
import type { TimerHandle, Timers } from '../model/timers';
import { DROPPED, ScrapeCache } from './scrapeCache';
import { BUCKET_LIMIT_EXCEEDED, fitHistogram } from './histogramLimits';
import { RequestClock } from './requestClock';
import { BODY_SIZE_LIMIT_EXCEEDED, ScrapeError, statusError, timeoutError, unreachableError } from './scrapeErrors';
import type { Target } from './targets';
import { errorMessage } from '../model/result';

/** What a loop needs from its surroundings, injected so it runs in a worker, in Node and under a fake clock. */
export interface ScrapeDeps extends Timers {
  storage: Storage;
  fetch: typeof fetch;
  /** The page's protocol ('https:'), to name blocked mixed content in errors; the worker's location by default. */
  pageProtocol?: string;
  /** Spreads the scrape offsets of several Vigil instances (Prometheus's offsetSeed). */
  offsetSeed?: number;
  /**
   * Hands the thread back for one turn of the event loop, between slices of a
   * large page's parse and append; a zero-delay setTimeout by default, so a
   * fake clock drives it. The engine may pass a MessageChannel turn, which
   * browsers do not clamp to 4 ms as they do nested timers.
   */
  yieldThread?: () => Promise<void>;
}

export interface LoopOptions {
  target: Target;
  honorLabels: boolean;
  honorTimestamps: boolean;
  metricRelabel: readonly RelabelRule[];
  sampleLimit: number;
  labelLimit: number;
  labelNameLengthLimit: number;
  labelValueLengthLimit: number;
  bodySizeLimit: number;
  basicAuth?: BasicAuth;
  bearerToken?: string;
  /** scrape_protocols, most wanted first: the Accept header. */
  scrapeProtocols: readonly ScrapeProtocol[];
  /** fallback_scrape_protocol: the format read when the Content-Type names none. */
  fallbackProtocol?: ScrapeProtocol;
  /** scrape_native_histograms (negated), always_scrape_classic_histograms, convert_classic_histograms_to_nhcb. */
  parse: ProtobufOptions;
  /** native_histogram_bucket_limit; 0 is none. */
  bucketLimit: number;
  /** The highest schema kept (pickSchema of native_histogram_min_bucket_factor); 8 keeps every schema. */
  maxSchema: number;
}

export type TargetState = 'up' | 'down' | 'unknown';

export interface TargetHealth {
  state: TargetState;
  /** When the last scrape started (ms), null before the first. */
  lastScrape: number | null;
  lastDurationMs: number | null;
  /** Samples in the last scrape's body. */
  samples: number | null;
  /** Samples the last successful scrape stored (after metric relabelling): about the series this target brings. */
  series: number | null;
  /** Why the last scrape failed, '' when it did not. */
  lastError: string;
  /** Scrapes that started late because the engine was busy (LATE_MS), since the loop started. */
  lateScrapes: number;
  /** Slots skipped because the engine (or the scrape before) overran them, since the loop started. */
  missedSlots: number;
}

/**
 * A scrape starting this late after its slot (or a tenth of its interval, if
 * less) counts as late: the engine was busy, which the target is not blamed for.
 */
export const LATE_MS = 1000;
/** Parse and append work between turns handed back to the thread, so a 50 MB page never holds it. */
export const SLICE_MS = 10;
/** Entries between looks at the clock while parsing: the look costs less than 1 % of an entry's work. */
const SLICE_CHECK = 256;

/** Thrown inside append when the loop stopped while the page was being ingested. */
const STOPPED = Symbol('stopped');

// A browser sends an Accept of at most 128 bytes without a CORS preflight,
// which most exporters (even with Access-Control-Allow-Origin set) do not
// answer. Prometheus's header for its text-only defaults is longer, so a job
// that does not ask for protobuf sends this one: OpenMetrics first, then the
// text format, the same preference in CORS-safelisted form. A job asking for
// protobuf sends Prometheus's exact header, and its target (or the proxy in
// front) must allow the Accept request header.
export const SCRAPE_ACCEPT = 'application/openmetrics-text;version=1.0.0;q=0.5,application/openmetrics-text;version=0.0.1;q=0.4,text/plain;q=0.3,*/*;q=0.2';

/** The Accept header of a job's scrape_protocols, as above. */
export function scrapeAccept(protocols: readonly ScrapeProtocol[]): string {
  const exact = acceptHeader(protocols);
  return exact.length <= 128 || protocols.includes('PrometheusProto') ? exact : SCRAPE_ACCEPT;
}

const REPORT: readonly [name: string, help: string][] = [
  ['up', 'Health of the scrape target. 1 means the target is healthy, 0 if the scrape failed.'],
  ['scrape_duration_seconds', 'Duration of the last scrape in seconds.'],
  ['scrape_samples_scraped', 'Number of samples last scraped.'],
  ['scrape_samples_post_metric_relabeling', 'Number of samples remaining after metric relabeling was applied.'],
  ['scrape_series_added', 'Number of series in the last scrape.'],
];

interface Counts {
  total: number;
  added: number;
  seriesAdded: number;
}

const utf8 = new TextEncoder();

export class ScrapeLoop {
  readonly cache: ScrapeCache;
  private readonly reportRefs: SeriesRef[] = REPORT.map(() => 0);
  private readonly reportLabels: Labels[];
  private timer: TimerHandle | undefined;
  private nextAt = 0;
  private running = false;
  private stopped = false;
  private inflight: AbortController | undefined;
  private lastScrapeTime: number | undefined;
  private reportMetadataSent = false;
  private current: Promise<void> | undefined;
  private status: TargetHealth = { state: 'unknown', lastScrape: null, lastDurationMs: null, samples: null, series: null, lastError: '', lateScrapes: 0, missedSlots: 0 };

  constructor(
    private readonly deps: ScrapeDeps,
    private opts: LoopOptions,
    private readonly onReport: () => void = () => {},
    cache?: ScrapeCache,
  ) {
    this.cache = cache ?? new ScrapeCache();
    this.reportLabels = REPORT.map(([name]) => mutateReportSampleLabels(Labels.from({ [METRIC_NAME]: name }), opts.target.publicLabels));
  }

  get target(): Target {
    return this.opts.target;
  }

  /** The same target (labels and URL) found again, perhaps with other discovered labels, as Target.SetScrapeConfig. */
  rediscovered(target: Target): void {
    this.opts = { ...this.opts, target };
  }

  health(): TargetHealth {
    return { ...this.status };
  }

  /**
   * Starts scraping at the target's offset inside the interval (Target.offset:
   * a stable hash of the target, so restarts keep its slot), then every interval.
   */
  start(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    const now = this.deps.now();
    this.nextAt = now + scrapeOffset(this.target, now, this.deps.offsetSeed ?? 0);
    this.schedule();
  }

  private schedule(): void {
    this.timer = this.deps.setTimeout(() => void this.tick(), Math.max(0, this.nextAt - this.deps.now()));
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    const scheduled = this.nextAt;
    const interval = this.target.interval;
    // AlignScrapeTimestamps: a timer firing barely late still stamps its slot's time, so
    // timestamps stay evenly spaced and compress well (tolerance as ScrapeTimestampTolerance).
    const late = this.deps.now() - scheduled;
    if (late > Math.min(interval / 10, LATE_MS)) this.status.lateScrapes++;
    await this.scrapeAndReport(late <= Math.min(interval / 100, 2) ? scheduled : scheduled + late);
    if (this.stopped) return;
    // A ticker: the next slot on the grid; slots a slow scrape (or a busy engine) overran are skipped.
    this.nextAt = scheduled + interval;
    const now = this.deps.now();
    if (this.nextAt <= now) {
      const missed = Math.ceil((now - this.nextAt + 1) / interval);
      this.status.missedSlots += missed;
      this.nextAt += missed * interval;
    }
    this.schedule();
  }

  /**
   * Stops the loop. With `staleness` (target gone, config changed), Prometheus's
   * endOfRunStaleness: wait out two more intervals (and a tenth) in case the
   * target comes back, then mark every series of the last scrape stale at the
   * time the next scrape would have run.
   */
  stop(staleness: boolean): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer !== undefined) this.deps.clearTimeout(this.timer);
    this.timer = undefined;
    this.inflight?.abort();
    if (!staleness || this.lastScrapeTime === undefined) return;
    const interval = this.target.interval;
    const staleTime = this.running ? this.nextAt : this.lastScrapeTime + interval;
    this.timer = this.deps.setTimeout(() => {
      this.timer = undefined;
      this.appendEndOfRunStaleness(staleTime);
    }, Math.max(0, staleTime + interval + interval / 10 - this.deps.now()));
  }

  private appendEndOfRunStaleness(t: number): void {
    const app = this.deps.storage.appender();
    this.cache.forEachStale((e) => app.append(e.ref, e.labels, t, STALE_NAN));
    REPORT.forEach((_, i) => app.append(this.reportRefs[i], this.reportLabels[i], t, STALE_NAN));
    app.commit();
  }

  /** Resolves when no scrape of this loop is under way (a stopped loop's last one has let go of the cache). */
  idle(): Promise<void> {
    return this.current ?? Promise.resolve();
  }

  /**
   * One scrape at `appendTime` (ms): scrapeLoop.scrapeAndReport. Its duration
   * is the request's own time (RequestClock) plus the slices of parse and
   * append work on this page, not the turns spent waiting for other work.
   */
  scrapeAndReport(appendTime: number): Promise<void> {
    const run = this.scrape(appendTime).finally(() => {
      if (this.current === run) this.current = undefined;
    });
    this.current = run;
    return run;
  }

  private async scrape(appendTime: number): Promise<void> {
    const start = this.deps.now();
    const counts: Counts = { total: 0, added: 0, seriesAdded: 0 };
    let app = this.deps.storage.appender();
    let scrapeErr: ScrapeError | undefined;
    let body: { buf: Uint8Array; contentType: string | null } | undefined;
    const request = { ms: 0 };
    try {
      body = await this.fetchBody(request);
    } catch (e) {
      if (this.stopped) {
        app.rollback();
        return;
      }
      scrapeErr = e as ScrapeError;
    }
    const work = { ms: 0, since: this.deps.now() };
    if (body) {
      try {
        await this.append(app, body.buf, body.contentType, appendTime, counts, work);
      } catch (e) {
        app.rollback();
        if (e === STOPPED) {
          this.cache.abandonIter();
          return;
        }
        app = this.deps.storage.appender();
        scrapeErr = e instanceof ScrapeError ? e : new ScrapeError('parse', errorMessage(e), e);
        this.appendStaleOnly(app, appendTime);
      }
    } else {
      this.appendStaleOnly(app, appendTime);
    }
    const duration = request.ms + work.ms + (this.deps.now() - work.since);
    this.report(app, appendTime, duration, counts, scrapeErr === undefined);
    app.commit();
    this.lastScrapeTime = appendTime;
    this.status = {
      ...this.status,
      state: scrapeErr ? 'down' : 'up',
      lastScrape: start,
      lastDurationMs: duration,
      samples: counts.total,
      series: scrapeErr ? this.status.series : counts.added,
      lastError: scrapeErr?.message ?? '',
    };
    this.onReport();
  }

  /** The request and its body read, under scrape_timeout of the request's own time; `took.ms` gets that time. */
  private async fetchBody(took: { ms: number }): Promise<{ buf: Uint8Array; contentType: string | null }> {
    const { target } = this;
    const controller = new AbortController();
    this.inflight = controller;
    let timedOut = false;
    const clock = new RequestClock(this.deps, target.timeout, () => {
      timedOut = true;
      controller.abort();
    });
    try {
      const headers: Record<string, string> = { Accept: scrapeAccept(this.opts.scrapeProtocols) };
      const { basicAuth, bearerToken } = this.opts;
      if (basicAuth) headers.Authorization = `Basic ${base64(`${basicAuth.username}:${basicAuth.password}`)}`;
      else if (bearerToken !== undefined) headers.Authorization = `Bearer ${bearerToken}`;
      const res = await this.deps.fetch(target.url, { headers, signal: controller.signal });
      if (res.status !== 200) {
        void res.body?.cancel().catch(() => {});
        throw statusError(res.status, res.statusText);
      }
      const buf = await readLimited(res, this.opts.bodySizeLimit);
      return { buf, contentType: res.headers.get('Content-Type') };
    } catch (e) {
      if (e instanceof ScrapeError) throw e;
      if (timedOut) throw timeoutError(target.url);
      if (e instanceof TypeError) throw unreachableError(target.url, this.deps.pageProtocol ?? globalThis.location?.protocol, e);
      throw new ScrapeError('read', `Get ${quote(target.url)}: ${errorMessage(e)}`, e);
    } finally {
      took.ms = clock.stop();
      this.inflight = undefined;
    }
  }

  /** A failed scrape appends no samples, only stale markers for the last scrape's series. */
  private appendStaleOnly(app: Appender, t: number): void {
    this.cache.forEachStale((e) => app.append(e.ref, e.labels, t, STALE_NAN));
    this.cache.iterDone(false);
  }

  /**
   * scrapeLoopAppender.append over one body; throws to fail (and roll back)
   * the scrape. `counts` keeps what was counted before a failure, so a scrape
   * over sample_limit still reports how many samples the target exposed.
   * Every SLICE_MS of work it hands the thread back (adding the slice to
   * `work.ms`), so other targets' scrapes and queries run while a large page
   * is ingested; the appender holds the samples until the one commit.
   */
  private async append(app: Appender, buf: Uint8Array, contentType: string | null, t: number, counts: Counts, work: { ms: number; since: number }): Promise<void> {
    const { opts, cache } = this;
    const p = parserFor(buf, contentType, opts.fallbackProtocol, opts.parse);
    const families = new Map<string, Metadata>();
    const familyOf = (name: string) => {
      let m = families.get(name);
      if (!m) families.set(name, (m = { type: 'unknown' as MetricType, help: '', unit: '' }));
      return m;
    };
    let limited = 0;
    let sampleLimitHit = false;
    let bucketLimitHit = false;
    let sinceLook = 0;
    for (let e = p.next(); e !== null && e !== 'eof'; e = p.next()) {
      if (++sinceLook === SLICE_CHECK) {
        sinceLook = 0;
        const now = this.deps.now();
        if (now - work.since >= SLICE_MS) {
          work.ms += now - work.since;
          await this.yieldThread();
          if (this.stopped) throw STOPPED;
          work.since = this.deps.now();
        }
      }
      if (e === 'type') familyOf(p.family()).type = p.type();
      else if (e === 'help') familyOf(p.family()).help = p.help();
      else if (e === 'unit') familyOf(p.family()).unit = p.unit();
      if (e !== 'series' && e !== 'histogram') continue;
      counts.total++;
      const parsedTs = opts.honorTimestamps ? p.timestamp() : undefined;
      const ts = parsedTs ?? t;
      let v = 0;
      let h: Histogram | FloatHistogram | undefined;
      if (e === 'series') v = p.value();
      else h = p.histogram!();
      // The parser's own buffer: the body for the text formats, a series key it builds for protobuf.
      const hit = cache.get(p.buf, p.seriesStart, p.seriesEnd);
      if (hit?.entry === DROPPED) continue;
      let labels: Labels;
      if (hit) labels = hit.entry.labels;
      else {
        const mutated = mutateSampleLabels(p.labels(), opts.target.publicLabels, opts.honorLabels, opts.metricRelabel);
        if (mutated === null) {
          cache.addDropped(p.buf, p.seriesStart, p.seriesEnd);
          continue;
        }
        if (!mutated.has(METRIC_NAME)) throw new ScrapeError('append', 'missing metric name (__name__ label)');
        verifyLabelLimits(mutated, opts);
        labels = mutated;
      }
      // ErrDuplicateSampleForTimestamp: the same series twice in one scrape keeps the first.
      if (hit?.alreadyScraped && parsedTs === undefined) {
        counts.added++;
        continue;
      }
      // maxSchemaAppender and bucketLimitAppender come before limitAppender: a histogram over the bucket limit is not counted against sample_limit.
      if (h && !fitHistogram(h, opts.bucketLimit, opts.maxSchema)) {
        bucketLimitHit = true;
        counts.added++;
        continue;
      }
      // limitAppender: stale markers do not count towards sample_limit.
      if (opts.sampleLimit > 0 && !isStaleNaN(h ? h.sum : v) && ++limited > opts.sampleLimit) {
        sampleLimitHit = true;
        counts.added++;
        continue;
      }
      const prevRef = hit ? hit.entry.ref : 0;
      const ref = h ? app.appendHistogram(prevRef, labels, ts, h) : app.append(prevRef, labels, ts, v);
      // Samples with their own timestamp are not tracked for staleness (track_timestamps_staleness off).
      if (hit) {
        cache.updateRef(hit.entry, ref);
        if (parsedTs === undefined) cache.trackStaleness(hit.entry);
      } else {
        const entry = cache.add(p.buf, p.seriesStart, p.seriesEnd, ref, labels);
        if (parsedTs === undefined) cache.trackStaleness(entry);
        if (!sampleLimitHit && !bucketLimitHit) counts.seriesAdded++;
      }
      counts.added++;
    }
    // The sample limit's error takes precedence, as in scrapeLoop.append.
    if (sampleLimitHit) throw new ScrapeError('append', 'sample limit exceeded');
    if (bucketLimitHit) throw new ScrapeError('append', BUCKET_LIMIT_EXCEEDED);
    for (const [family, meta] of families) {
      if (!cache.metadataChanged(family, meta)) continue;
      app.updateMetadata(family, meta);
      cache.setMetadata(family, meta);
    }
    cache.forEachStale((entry) => app.append(entry.ref, entry.labels, t, STALE_NAN));
    cache.iterDone(true);
  }

  private yieldThread(): Promise<void> {
    if (this.deps.yieldThread) return this.deps.yieldThread();
    return new Promise((resolve) => this.deps.setTimeout(resolve, 0));
  }

  /** scrapeLoop.report: the five series every scrape writes, at the scrape's time. */
  private report(app: Appender, t: number, durationMs: number, c: Counts, ok: boolean): void {
    const values = [ok ? 1 : 0, durationMs / 1000, c.total, c.added, c.seriesAdded];
    REPORT.forEach((_, i) => {
      this.reportRefs[i] = app.append(this.reportRefs[i], this.reportLabels[i], t, values[i]);
    });
    if (!this.reportMetadataSent) {
      for (const [name, help] of REPORT) app.updateMetadata(name, { type: 'gauge', help, unit: '' });
      this.reportMetadataSent = true;
    }
  }
}

/** Reads a body, failing once it reaches the limit (targetScraper.readResponse: n >= limit fails). */
async function readLimited(res: Response, limit: number): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    if (limit > 0 && size >= limit) {
      void reader.cancel().catch(() => {});
      throw new ScrapeError('read', BODY_SIZE_LIMIT_EXCEEDED);
    }
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function base64(text: string): string {
  let bin = '';
  for (const b of utf8.encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/**
 * Target.offset: where in the interval this target scrapes, pinned to
 * absolute time so every restart and every instance with the same seed
 * picks the same slot. Returns ms from `now` to the first scrape.
 */
export function scrapeOffset(target: Target, now: number, seed: number): number {
  const interval = target.interval;
  const base = interval - (now % interval);
  const offset = ((target.labels.hash() ^ seed) >>> 0) % interval;
  let next = base + offset;
  if (next > interval) next -= interval;
  return next;
}

/**
 * mutateSampleLabels: attach the target's labels. With honor_labels the
 * scraped value wins; without, the target's wins and the scraped one moves to
 * `exported_<name>` (shorter names first, prefixing until free). Then
 * metric_relabel_configs; null when they drop the series.
 */
export function mutateSampleLabels(scraped: Labels, targetLabels: Labels, honor: boolean, rules: readonly RelabelRule[]): Labels | null {
  const lb = scraped.builder();
  if (honor) {
    targetLabels.forEach((n, v) => {
      if (!scraped.has(n)) lb.set(n, v);
    });
  } else {
    const conflicts: [string, string][] = [];
    targetLabels.forEach((n, v) => {
      const existing = scraped.get(n);
      if (existing !== '') conflicts.push([n, existing]);
      lb.set(n, v);
    });
    conflicts.sort((a, b) => a[0].length - b[0].length);
    for (const [n, v] of conflicts) {
      let name = n;
      for (;;) {
        name = `exported_${name}`;
        if (lb.get(name) === '') {
          lb.set(name, v);
          break;
        }
      }
    }
  }
  if (!processBuilder(lb, rules)) return null;
  return lb.labels();
}

/** mutateReportSampleLabels: the target's labels win, a clash keeps the old value as `exported_<name>`. */
function mutateReportSampleLabels(l: Labels, targetLabels: Labels): Labels {
  const lb = l.builder();
  targetLabels.forEach((n, v) => {
    lb.set(`exported_${n}`, l.get(n));
    lb.set(n, v);
  });
  return lb.labels();
}

function byteLength(s: string): number {
  return utf8.encode(s).length;
}

/** Go's %.50s: at most 50 characters. */
function clip(s: string): string {
  return [...s].slice(0, 50).join('');
}

/** verifyLabelLimits, with Prometheus's messages. */
function verifyLabelLimits(l: Labels, o: LoopOptions): void {
  const met = clip(l.metricName);
  if (o.labelLimit > 0 && l.size > o.labelLimit) {
    throw new ScrapeError('append', `label_limit exceeded (metric: ${met}, number of labels: ${l.size}, limit: ${o.labelLimit})`);
  }
  if (o.labelNameLengthLimit === 0 && o.labelValueLengthLimit === 0) return;
  for (let i = 0; i < l.size; i++) {
    const name = l.nameAt(i);
    const value = l.valueAt(i);
    const nameLen = byteLength(name);
    if (o.labelNameLengthLimit > 0 && nameLen > o.labelNameLengthLimit) {
      throw new ScrapeError('append', `label_name_length_limit exceeded (metric: ${met}, label name: ${clip(name)}, length: ${nameLen}, limit: ${o.labelNameLengthLimit})`);
    }
    const valueLen = byteLength(value);
    if (o.labelValueLengthLimit > 0 && valueLen > o.labelValueLengthLimit) {
      throw new ScrapeError(
        'append',
        `label_value_length_limit exceeded (metric: ${met}, label name: ${clip(name)}, value: ${quote(clip(value))}, length: ${valueLen}, limit: ${o.labelValueLengthLimit})`,
      );
    }
  }
}
