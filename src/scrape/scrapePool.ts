// One job's targets and their loops, as Prometheus's scrapePool: sync starts
// loops for new targets, stops vanished ones with end-of-run staleness, and
// restarts loops whose scrape settings changed, handing over the cache when
// the samples would come out the same.

import type { ScrapeConfig } from '../config/scrapeConfig';
import { parseTargetGroups, type TargetGroup } from '../config/targetGroups';
import { compileRule, type RelabelRule } from '../model/relabel';
import type { TimerHandle } from '../model/timers';
import { statusError } from './scrapeErrors';
import { pickSchema } from './histogramLimits';
import { ScrapeLoop, type LoopOptions, type ScrapeDeps } from './scrapeLoop';
import { targetRules, targetsFromGroups, type DroppedTarget, type Target } from './targets';
import { errorMessage } from '../model/result';

/** A file_sd URL's last answer. */
interface FileSource {
  groups: TargetGroup[];
  error: string;
}

export class ScrapePool {
  readonly loops = new Map<string, ScrapeLoop>();
  dropped: DroppedTarget[] = [];
  failures: string[] = [];
  private cfg!: ScrapeConfig;
  private rules: RelabelRule[] = [];
  private metricRules: RelabelRule[] = [];
  private readonly files = new Map<string, FileSource>();
  private readonly fileTimers = new Set<TimerHandle>();
  private fileGeneration = 0;
  private stopped = false;

  constructor(
    private readonly deps: ScrapeDeps,
    cfg: ScrapeConfig,
    private readonly onChange: () => void,
  ) {
    this.reload(cfg);
  }

  /** Takes a new config for the job: rebuilds targets, restarting loops whose settings changed. */
  reload(cfg: ScrapeConfig): void {
    const prev = this.cfg as ScrapeConfig | undefined;
    this.cfg = cfg;
    this.rules = targetRules(cfg);
    this.metricRules = cfg.metricRelabelConfigs.map(compileRule);
    const restart = prev !== undefined && loopSettings(prev) !== loopSettings(cfg);
    const reuseCache = prev !== undefined && cacheSettings(prev) === cacheSettings(cfg);
    if (restart) {
      for (const [key, old] of this.loops) {
        const next = this.newLoop(old.target, reuseCache ? old : undefined);
        old.stop(!reuseCache);
        this.loops.set(key, next);
        // As Prometheus waits for the old loop to end: a large page it was
        // ingesting lets go of the shared cache at its next turn.
        void old.idle().then(() => next.start());
      }
    }
    this.watchFiles();
    this.sync();
  }

  private newLoop(target: Target, cacheFrom?: ScrapeLoop): ScrapeLoop {
    const c = this.cfg;
    const opts: LoopOptions = {
      target,
      honorLabels: c.honorLabels,
      honorTimestamps: c.honorTimestamps,
      metricRelabel: this.metricRules,
      sampleLimit: c.sampleLimit,
      labelLimit: c.labelLimit,
      labelNameLengthLimit: c.labelNameLengthLimit,
      labelValueLengthLimit: c.labelValueLengthLimit,
      bodySizeLimit: c.bodySizeLimit,
      basicAuth: c.basicAuth,
      bearerToken: c.bearerToken,
      scrapeProtocols: c.scrapeProtocols,
      fallbackProtocol: c.fallbackScrapeProtocol,
      parse: {
        ignoreNativeHistograms: !c.scrapeNativeHistograms,
        keepClassicHistograms: c.alwaysScrapeClassicHistograms,
        convertClassicToNhcb: c.convertClassicHistogramsToNhcb,
      },
      bucketLimit: c.nativeHistogramBucketLimit,
      maxSchema: pickSchema(c.nativeHistogramMinBucketFactor),
    };
    return new ScrapeLoop(this.deps, opts, this.onChange, cacheFrom?.cache);
  }

  /** Every target group of the job: static, pasted, and the last answer of each file_sd URL. */
  private groups(): TargetGroup[] {
    const out = [...this.cfg.staticConfigs];
    for (const sd of this.cfg.fileSdConfigs) {
      out.push(...sd.inline);
      // file SD labels each group with where it came from.
      for (const url of sd.files) for (const g of this.files.get(url)?.groups ?? []) out.push({ targets: g.targets, labels: { ...g.labels, __meta_filepath: url } });
    }
    return out;
  }

  /** scrapePool.sync: loops follow the current target list. */
  sync(): void {
    if (this.stopped) return;
    const built = targetsFromGroups(this.cfg, this.groups(), this.rules);
    this.dropped = built.dropped;
    this.failures = [...built.failures, ...[...this.files].filter(([, f]) => f.error !== '').map(([url, f]) => `file_sd ${url}: ${f.error}`)];
    const seen = new Set<string>();
    for (const t of built.active) {
      if (seen.has(t.key)) continue;
      seen.add(t.key);
      const running = this.loops.get(t.key);
      if (running) {
        running.rediscovered(t);
        continue;
      }
      const loop = this.newLoop(t);
      this.loops.set(t.key, loop);
      loop.start();
    }
    for (const [key, loop] of this.loops) {
      if (seen.has(key)) continue;
      loop.stop(true);
      this.loops.delete(key);
    }
    this.onChange();
  }

  /** Fetches each file_sd URL now and every refresh_interval. */
  private watchFiles(): void {
    for (const t of this.fileTimers) this.deps.clearTimeout(t);
    this.fileTimers.clear();
    const generation = ++this.fileGeneration;
    const wanted = new Set(this.cfg.fileSdConfigs.flatMap((sd) => sd.files));
    for (const url of this.files.keys()) if (!wanted.has(url)) this.files.delete(url);
    for (const sd of this.cfg.fileSdConfigs) {
      for (const url of sd.files) {
        const refresh = (timer: TimerHandle) => {
          this.fileTimers.delete(timer);
          void this.fetchFile(url).then(() => {
            if (this.stopped || generation !== this.fileGeneration) return;
            const next: TimerHandle = this.deps.setTimeout(() => refresh(next), sd.refreshInterval);
            this.fileTimers.add(next);
          });
        };
        const first: TimerHandle = this.deps.setTimeout(() => refresh(first), 0);
        this.fileTimers.add(first);
      }
    }
  }

  private async fetchFile(url: string): Promise<void> {
    let source: FileSource;
    try {
      const res = await this.deps.fetch(url);
      if (res.status !== 200) throw statusError(res.status, res.statusText);
      source = { groups: parseTargetGroups(await res.text()), error: '' };
    } catch (e) {
      // A failed refresh keeps the last good groups, as file SD keeps the last good file.
      source = { groups: this.files.get(url)?.groups ?? [], error: errorMessage(e) };
    }
    if (this.stopped) return;
    this.files.set(url, source);
    this.sync();
  }

  /** Stops every loop; with `staleness` (the job was removed) their series get end-of-run stale markers. */
  stop(staleness: boolean): void {
    this.stopped = true;
    for (const t of this.fileTimers) this.deps.clearTimeout(t);
    for (const loop of this.loops.values()) loop.stop(staleness);
    this.loops.clear();
  }
}

/** Settings that shape how a loop scrapes; a change restarts the job's loops. */
function loopSettings(c: ScrapeConfig): string {
  return JSON.stringify([
    c.honorLabels, c.honorTimestamps, c.metricRelabelConfigs, c.sampleLimit, c.labelLimit, c.labelNameLengthLimit,
    c.labelValueLengthLimit, c.bodySizeLimit, c.basicAuth, c.bearerToken, c.scrapeProtocols, c.fallbackScrapeProtocol,
    c.scrapeNativeHistograms, c.alwaysScrapeClassicHistograms, c.convertClassicHistogramsToNhcb, c.nativeHistogramBucketLimit,
    c.nativeHistogramMinBucketFactor,
  ]);
}

/** reusableCache: the cache maps raw series to the same final labels only if these are unchanged. */
function cacheSettings(c: ScrapeConfig): string {
  return JSON.stringify([c.honorLabels, c.honorTimestamps, c.metricRelabelConfigs]);
}
