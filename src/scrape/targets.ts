// Scrape targets from a job's target groups, as Prometheus's PopulateLabels
// (scrape/target.go): discovered labels, target relabelling, then the URL,
// interval and timeout read back from the reserved labels.

import { formatDuration, parseDuration } from '../model/duration';
import { Labels, LabelsBuilder, quote } from '../model/labels';
import type { ScrapeConfig } from '../config/scrapeConfig';
import type { TargetGroup } from '../config/targetGroups';
import { compileRule, processBuilder, type RelabelRule } from '../model/relabel';
import { errorMessage } from '../model/result';

export const ADDRESS_LABEL = '__address__';
export const SCHEME_LABEL = '__scheme__';
export const METRICS_PATH_LABEL = '__metrics_path__';
export const SCRAPE_INTERVAL_LABEL = '__scrape_interval__';
export const SCRAPE_TIMEOUT_LABEL = '__scrape_timeout__';
export const PARAM_PREFIX = '__param_';
export const META_PREFIX = '__meta_';
export const RESERVED_PREFIX = '__';

export interface Target {
  job: string;
  /** Labels before target relabelling, as the targets page shows them. */
  discoveredLabels: Labels;
  /** Labels after relabelling, reserved `__` labels included (`__meta_*` removed). */
  labels: Labels;
  /** The labels every scraped sample gets: `labels` without the `__` ones. */
  publicLabels: Labels;
  url: string;
  interval: number;
  timeout: number;
  /** Identity across config reloads: labels and URL. */
  key: string;
}

export interface DroppedTarget {
  job: string;
  discoveredLabels: Labels;
}

export interface TargetBuild {
  active: Target[];
  dropped: DroppedTarget[];
  /** Targets that could not be built, in Prometheus's wording ("instance 0 in group …: no address"). */
  failures: string[];
}

/** A job's compiled target relabelling rules. */
export function targetRules(cfg: ScrapeConfig): RelabelRule[] {
  return cfg.relabelConfigs.map(compileRule);
}

/** Prometheus's PopulateDiscoveredLabels: target labels, group labels, then the job's defaults where unset. */
export function discoveredLabels(cfg: ScrapeConfig, targetLabels: Readonly<Record<string, string>>, groupLabels: Readonly<Record<string, string>>): Labels {
  const lb = new LabelsBuilder(Labels.from(groupLabels));
  for (const [n, v] of Object.entries(targetLabels)) lb.set(n, v);
  const defaults: [string, string][] = [
    ['job', cfg.jobName],
    [SCRAPE_INTERVAL_LABEL, formatDuration(cfg.scrapeInterval)],
    [SCRAPE_TIMEOUT_LABEL, formatDuration(cfg.scrapeTimeout)],
    [METRICS_PATH_LABEL, cfg.metricsPath],
    [SCHEME_LABEL, cfg.scheme],
  ];
  for (const [n, v] of defaults) if (lb.get(n) === '') lb.set(n, v);
  for (const [k, values] of Object.entries(cfg.params)) {
    if (values.length > 0 && lb.get(PARAM_PREFIX + k) === '') lb.set(PARAM_PREFIX + k, values[0]);
  }
  return lb.labels();
}

/**
 * Prometheus's PopulateLabels: relabels the discovered labels; null when
 * relabelling drops the target; throws the reason a kept target is invalid.
 */
export function populateLabels(discovered: Labels, rules: readonly RelabelRule[]): Labels | null {
  const lb = discovered.builder();
  if (!processBuilder(lb, rules)) return null;
  const addr = lb.get(ADDRESS_LABEL);
  if (addr === '') throw new Error('no address');
  if (addr.includes('/')) throw new Error(`${quote(addr)} is not a valid hostname`);
  const interval = lb.get(SCRAPE_INTERVAL_LABEL);
  const intervalMs = parseWith(interval, 'error parsing scrape interval');
  if (intervalMs === 0) throw new Error('scrape interval cannot be 0');
  const timeout = lb.get(SCRAPE_TIMEOUT_LABEL);
  const timeoutMs = parseWith(timeout, 'error parsing scrape timeout');
  if (timeoutMs === 0) throw new Error('scrape timeout cannot be 0');
  if (timeoutMs > intervalMs) throw new Error(`scrape timeout cannot be greater than scrape interval (${quote(timeout)} > ${quote(interval)})`);
  lb.forEach((n) => {
    if (n.startsWith(META_PREFIX)) lb.del(n);
  });
  if (lb.get('instance') === '') lb.set('instance', addr);
  return lb.labels();
}

function parseWith(text: string, what: string): number {
  try {
    return parseDuration(text);
  } catch (e) {
    throw new Error(`${what}: ${errorMessage(e)}`, { cause: e });
  }
}

/** Target.URL: scheme, address and path from the labels; query from the job's params overridden by `__param_*`. */
export function targetURL(labels: Labels, params: Readonly<Record<string, string[]>>): string {
  const q = new Map<string, string[]>();
  for (const [k, v] of Object.entries(params)) q.set(k, [...v]);
  labels.forEach((n, v) => {
    if (!n.startsWith(PARAM_PREFIX)) return;
    const k = n.slice(PARAM_PREFIX.length);
    const cur = q.get(k);
    if (cur && cur.length > 0) cur[0] = v;
    else q.set(k, [v]);
  });
  // url.Values.Encode sorts by key.
  const query = new URLSearchParams();
  for (const k of [...q.keys()].sort()) for (const v of q.get(k)!) query.append(k, v);
  const qs = query.toString();
  return `${labels.get(SCHEME_LABEL)}://${labels.get(ADDRESS_LABEL)}${labels.get(METRICS_PATH_LABEL)}${qs ? `?${qs}` : ''}`;
}

/** Prometheus's TargetsFromGroup for one job. */
export function targetsFromGroups(cfg: ScrapeConfig, groups: readonly TargetGroup[], rules: readonly RelabelRule[]): TargetBuild {
  const out: TargetBuild = { active: [], dropped: [], failures: [] };
  groups.forEach((g, gi) => {
    g.targets.forEach((address, i) => {
      const discovered = discoveredLabels(cfg, { [ADDRESS_LABEL]: address }, g.labels);
      let labels: Labels | null;
      try {
        labels = populateLabels(discovered, rules);
      } catch (e) {
        out.failures.push(`instance ${i} in group ${gi}: ${errorMessage(e)}`);
        return;
      }
      if (labels === null) {
        out.dropped.push({ job: cfg.jobName, discoveredLabels: discovered });
        return;
      }
      const url = targetURL(labels, cfg.params);
      const publicNames: string[] = [];
      labels.forEach((n) => {
        if (!n.startsWith(RESERVED_PREFIX)) publicNames.push(n);
      });
      out.active.push({
        job: cfg.jobName,
        discoveredLabels: discovered,
        labels,
        publicLabels: labels.keep(publicNames),
        url,
        interval: parseDuration(labels.get(SCRAPE_INTERVAL_LABEL)),
        timeout: parseDuration(labels.get(SCRAPE_TIMEOUT_LABEL)),
        key: `${labels.key()}\xff${url}`,
      });
    });
  });
  return out;
}
