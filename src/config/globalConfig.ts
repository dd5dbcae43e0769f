// prometheus.yml's global section: the intervals and timeout every job and
// rule group defaults to, external labels and the global scrape limits.

import type { Node } from 'yaml';
import { formatDuration } from '../model/duration';
import { readDuration, readLabelSet, unsupportedField } from './fieldReaders';
import type { ScrapeProtocol } from '../model/scrapeProtocols';
import { readProtocolList } from './scrapeProtocolList';
import { LIMIT_FIELDS, limitsToYaml, NO_LIMITS, readLimit, type ScrapeLimits } from './scrapeLimits';
import type { ConfigError, YamlSource } from './yamlDecode';
import { mapping } from './yamlShape';

export interface GlobalConfig extends ScrapeLimits {
  /** Milliseconds. */
  scrapeInterval: number;
  scrapeTimeout: number;
  evaluationInterval: number;
  externalLabels: Record<string, string>;
  /** Left unset, each job picks its own default from its scrape_native_histograms. */
  scrapeProtocols: ScrapeProtocol[] | undefined;
  /** Prometheus 3's default is false: protobuf is negotiated only when a job enables it. */
  scrapeNativeHistograms: boolean;
  convertClassicHistogramsToNhcb: boolean;
  alwaysScrapeClassicHistograms: boolean;
  /** Fields Prometheus knows that Vigil does not act on, kept for export. */
  unsupported: Record<string, unknown>;
}

export const DEFAULT_GLOBAL: Readonly<GlobalConfig> = {
  scrapeInterval: 60_000,
  scrapeTimeout: 10_000,
  evaluationInterval: 60_000,
  externalLabels: {},
  scrapeProtocols: undefined,
  scrapeNativeHistograms: false,
  convertClassicHistogramsToNhcb: false,
  alwaysScrapeClassicHistograms: false,
  unsupported: {},
  ...NO_LIMITS,
};

export const GLOBAL_SHAPE = mapping(
  [
    'scrape_interval', 'scrape_timeout', 'evaluation_interval', 'external_labels', ...Object.keys(LIMIT_FIELDS),
    'scrape_protocols', 'scrape_native_histograms', 'convert_classic_histograms_to_nhcb', 'always_scrape_classic_histograms',
  ],
  {},
  [
    'rule_query_offset', 'query_log_file', 'scrape_failure_log_file', 'target_limit', 'keep_dropped_targets', 'metric_name_validation_scheme',
    'metric_name_escaping_scheme', 'extra_scrape_metrics',
  ],
);

export function readGlobal(src: YamlSource, node: Node, warnings: ConfigError[]): GlobalConfig {
  const f = src.struct(node, 'config.plain', GLOBAL_SHAPE.keys);
  const g: GlobalConfig = { ...DEFAULT_GLOBAL, scrapeInterval: 0, scrapeTimeout: 0, evaluationInterval: 0, externalLabels: {}, unsupported: {} };
  for (const [key, n] of f) {
    if (n === null || src.isNull(n)) continue;
    if (key === 'scrape_interval') g.scrapeInterval = readDuration(src, n);
    else if (key === 'scrape_timeout') g.scrapeTimeout = readDuration(src, n);
    else if (key === 'evaluation_interval') g.evaluationInterval = readDuration(src, n);
    else if (key === 'external_labels') g.externalLabels = readLabelSet(src, n, 'labels.Labels');
    else if (key in LIMIT_FIELDS) readLimit(src, key, n, g);
    else if (key === 'scrape_protocols') g.scrapeProtocols = readProtocolList(src, n, ' for global config');
    else if (key === 'scrape_native_histograms') g.scrapeNativeHistograms = src.bool(n);
    else if (key === 'convert_classic_histograms_to_nhcb') g.convertClassicHistogramsToNhcb = src.bool(n);
    else if (key === 'always_scrape_classic_histograms') g.alwaysScrapeClassicHistograms = src.bool(n);
    else {
      g.unsupported[key] = src.plain(n);
      warnings.push(unsupportedField(src, node, key));
    }
  }
  // GlobalConfig.UnmarshalYAML: interval first, then a timeout no longer than it.
  if (g.scrapeInterval === 0) g.scrapeInterval = DEFAULT_GLOBAL.scrapeInterval;
  if (g.scrapeTimeout > g.scrapeInterval) throw src.error(src.keyOf(node, 'scrape_timeout'), 'global scrape timeout greater than scrape interval');
  if (g.scrapeTimeout === 0) g.scrapeTimeout = Math.min(DEFAULT_GLOBAL.scrapeTimeout, g.scrapeInterval);
  if (g.evaluationInterval === 0) g.evaluationInterval = DEFAULT_GLOBAL.evaluationInterval;
  return g;
}

/** The global section as Config.String() prints it, defaults filled in. */
export function globalToYaml(g: GlobalConfig): Record<string, unknown> {
  const o: Record<string, unknown> = {
    scrape_interval: formatDuration(g.scrapeInterval),
    scrape_timeout: formatDuration(g.scrapeTimeout),
    evaluation_interval: formatDuration(g.evaluationInterval),
  };
  if (Object.keys(g.externalLabels).length > 0) o.external_labels = g.externalLabels;
  if (g.scrapeProtocols) o.scrape_protocols = g.scrapeProtocols;
  limitsToYaml(g, o);
  o.scrape_native_histograms = g.scrapeNativeHistograms;
  if (g.convertClassicHistogramsToNhcb) o.convert_classic_histograms_to_nhcb = true;
  if (g.alwaysScrapeClassicHistograms) o.always_scrape_classic_histograms = true;
  Object.assign(o, g.unsupported);
  return o;
}
