// One scrape_configs entry (config.go's ScrapeConfig): read with its defaults
// and checks, the global section filling what it leaves unset, and written back.

import type { Node } from 'yaml';
import { formatDuration } from '../model/duration';
import { quote } from '../model/labels';
import type { RelabelConfig } from '../model/relabel';
import { DEFAULT_SCRAPE_PROTOCOLS, PROTO_FIRST_SCRAPE_PROTOCOLS, type ScrapeProtocol } from '../model/scrapeProtocols';
import { readDuration, unsupportedField } from './fieldReaders';
import type { GlobalConfig } from './globalConfig';
import { AUTH_CONFLICT, authToYaml, BASIC_AUTH_SHAPE, readBasicAuth, type BasicAuth } from './httpAuth';
import { readRelabelConfigs, RELABEL_SHAPE, relabelToYaml } from './relabelConfig';
import { readFallbackProtocol, readProtocolList } from './scrapeProtocolList';
import { LIMIT_FIELDS, limitsToYaml, NO_LIMITS, readLimit, type ScrapeLimits } from './scrapeLimits';
import { FILE_SD_SHAPE, fileSdToYaml, groupToYaml, readFileSd, readTargetGroup, STATIC_TYPE, TARGET_GROUP_SHAPE, type FileSdConfig, type TargetGroup } from './targetGroups';
import type { ConfigError, YamlSource } from './yamlDecode';
import { listOf, mapping } from './yamlShape';

export interface ScrapeConfig extends ScrapeLimits {
  jobName: string;
  honorLabels: boolean;
  honorTimestamps: boolean;
  params: Record<string, string[]>;
  scrapeInterval: number;
  scrapeTimeout: number;
  metricsPath: string;
  scheme: string;
  basicAuth?: BasicAuth;
  bearerToken?: string;
  staticConfigs: TargetGroup[];
  fileSdConfigs: FileSdConfig[];
  relabelConfigs: RelabelConfig[];
  metricRelabelConfigs: RelabelConfig[];
  /** What the Accept header asks for, most wanted first; resolved from the job, the global section, then scrape_native_histograms. */
  scrapeProtocols: ScrapeProtocol[];
  /** The format read when a target's Content-Type is missing or unknown. */
  fallbackScrapeProtocol: ScrapeProtocol | undefined;
  scrapeNativeHistograms: boolean;
  alwaysScrapeClassicHistograms: boolean;
  convertClassicHistogramsToNhcb: boolean;
  /** Most buckets a native histogram keeps (resolution reduced to fit); 0 is no limit. */
  nativeHistogramBucketLimit: number;
  /** Least growth factor from one bucket to the next (resolution reduced to reach it); 0 is unset. */
  nativeHistogramMinBucketFactor: number;
  /** Fields Prometheus knows that Vigil does not act on (tls_config, kubernetes_sd_configs…), kept for export. */
  unsupported: Record<string, unknown>;
}

const SCRAPE_FIELDS = [
  'job_name', 'honor_labels', 'honor_timestamps', 'params', 'scrape_interval', 'scrape_timeout', 'metrics_path', 'scheme',
  ...Object.keys(LIMIT_FIELDS), 'basic_auth', 'bearer_token', 'static_configs', 'file_sd_configs', 'relabel_configs', 'metric_relabel_configs',
  'scrape_protocols', 'fallback_scrape_protocol', 'scrape_native_histograms', 'always_scrape_classic_histograms', 'convert_classic_histograms_to_nhcb',
  'native_histogram_bucket_limit', 'native_histogram_min_bucket_factor',
];
// ScrapeConfig, HTTPClientConfig and service-discovery fields Prometheus knows but a browser cannot use.
const SCRAPE_UNSUPPORTED = [
  'track_timestamps_staleness', 'scrape_failure_log_file', 'enable_compression', 'target_limit', 'keep_dropped_targets',
  'metric_name_validation_scheme', 'metric_name_escaping_scheme', 'extra_scrape_metrics',
  'authorization', 'oauth2', 'bearer_token_file', 'tls_config', 'proxy_url', 'no_proxy', 'proxy_from_environment',
  'proxy_connect_header', 'follow_redirects', 'enable_http2', 'http_headers',
  ...['azure', 'consul', 'digitalocean', 'docker', 'dockerswarm', 'dns', 'ec2', 'eureka', 'gce', 'hetzner', 'http', 'ionos',
    'kubernetes', 'kuma', 'lightsail', 'linode', 'marathon', 'nerve', 'nomad', 'openstack', 'ovhcloud', 'puppetdb', 'scaleway',
    'serverset', 'triton', 'uyuni', 'vultr', 'stackit'].map((sd) => `${sd}_sd_configs`),
];

export const SCRAPE_SHAPE = mapping(
  SCRAPE_FIELDS,
  {
    basic_auth: BASIC_AUTH_SHAPE,
    static_configs: listOf(TARGET_GROUP_SHAPE),
    file_sd_configs: listOf(FILE_SD_SHAPE),
    relabel_configs: listOf(RELABEL_SHAPE),
    metric_relabel_configs: listOf(RELABEL_SHAPE),
  },
  SCRAPE_UNSUPPORTED,
);

export function readScrapeConfig(src: YamlSource, node: Node, global: GlobalConfig, warnings: ConfigError[]): ScrapeConfig {
  const f = src.struct(node, 'config.ScrapeConfig', SCRAPE_SHAPE.keys);
  const c: ScrapeConfig = {
    jobName: '',
    honorLabels: false,
    honorTimestamps: true,
    params: {},
    scrapeInterval: 0,
    scrapeTimeout: 0,
    metricsPath: '/metrics',
    scheme: 'http',
    ...NO_LIMITS,
    staticConfigs: [],
    fileSdConfigs: [],
    relabelConfigs: [],
    metricRelabelConfigs: [],
    scrapeProtocols: [],
    fallbackScrapeProtocol: undefined,
    scrapeNativeHistograms: global.scrapeNativeHistograms,
    alwaysScrapeClassicHistograms: global.alwaysScrapeClassicHistograms,
    convertClassicHistogramsToNhcb: global.convertClassicHistogramsToNhcb,
    nativeHistogramBucketLimit: 0,
    nativeHistogramMinBucketFactor: 0,
    unsupported: {},
  };
  // Checked once job_name is known, which Prometheus's messages name.
  let protocols: Node | undefined;
  let fallback: Node | undefined;
  for (const [key, n] of f) {
    if (n === null || src.isNull(n)) continue;
    switch (key) {
      case 'job_name': c.jobName = src.string(n); break;
      case 'honor_labels': c.honorLabels = src.bool(n); break;
      case 'honor_timestamps': c.honorTimestamps = src.bool(n); break;
      case 'params':
        for (const [name, values] of paramsOf(src, n)) c.params[name] = values;
        break;
      case 'scrape_interval': c.scrapeInterval = readDuration(src, n); break;
      case 'scrape_timeout': c.scrapeTimeout = readDuration(src, n); break;
      case 'metrics_path': c.metricsPath = src.string(n); break;
      case 'scheme': c.scheme = src.string(n); break;
      case 'body_size_limit':
      case 'sample_limit':
      case 'label_limit':
      case 'label_name_length_limit':
      case 'label_value_length_limit':
        readLimit(src, key, n, c);
        break;
      case 'basic_auth': c.basicAuth = readBasicAuth(src, n); break;
      case 'bearer_token': c.bearerToken = src.string(n); break;
      case 'static_configs':
        c.staticConfigs = src.seq(n, '[]*targetgroup.Group').map((g) => readTargetGroup(src, g, STATIC_TYPE));
        break;
      case 'file_sd_configs':
        c.fileSdConfigs = src.seq(n, 'discovery.Configs').map((g) => readFileSd(src, g));
        break;
      case 'relabel_configs':
        c.relabelConfigs = readRelabelConfigs(src, n, 'empty or null target relabeling rule in scrape config');
        break;
      case 'metric_relabel_configs':
        c.metricRelabelConfigs = readRelabelConfigs(src, n, 'empty or null metric relabeling rule in scrape config');
        break;
      case 'scrape_protocols': protocols = n; break;
      case 'fallback_scrape_protocol': fallback = n; break;
      case 'scrape_native_histograms': c.scrapeNativeHistograms = src.bool(n); break;
      case 'always_scrape_classic_histograms': c.alwaysScrapeClassicHistograms = src.bool(n); break;
      case 'convert_classic_histograms_to_nhcb': c.convertClassicHistogramsToNhcb = src.bool(n); break;
      case 'native_histogram_bucket_limit': c.nativeHistogramBucketLimit = src.uint(n); break;
      case 'native_histogram_min_bucket_factor': c.nativeHistogramMinBucketFactor = src.float(n); break;
      default:
        c.unsupported[key] = src.plain(n);
        warnings.push(unsupportedField(src, node, key));
    }
  }
  const at = (field: string) => src.keyOf(node, field) ?? node;
  if (c.jobName === '') throw src.error(node, 'job_name is empty');
  if (c.basicAuth && c.bearerToken !== undefined) {
    throw src.error(at('bearer_token'), AUTH_CONFLICT);
  }
  // checkStaticTargets: without relabelling, a URL in targets is a mistake.
  if (c.relabelConfigs.length === 0) {
    for (const g of c.staticConfigs) {
      for (const t of g.targets) if (t.includes('/')) throw src.error(at('static_configs'), `${quote(t)} is not a valid hostname`);
    }
  }
  // ScrapeConfig.Validate: the interval first, then a timeout no longer than it.
  if (c.scrapeInterval === 0) c.scrapeInterval = global.scrapeInterval;
  if (c.scrapeTimeout > c.scrapeInterval) {
    throw src.error(at('scrape_timeout'), `scrape timeout greater than scrape interval for scrape config with job name ${quote(c.jobName)}`);
  }
  if (c.scrapeTimeout === 0) c.scrapeTimeout = Math.min(global.scrapeTimeout, c.scrapeInterval);
  for (const field of Object.values(LIMIT_FIELDS)) if (c[field] === 0) c[field] = global[field];
  // Unset scrape_protocols: the global list, else protobuf first only when this job scrapes native histograms.
  const where = ` for scrape config with job name ${quote(c.jobName)}`;
  if (protocols) c.scrapeProtocols = readProtocolList(src, protocols, where);
  else c.scrapeProtocols = [...(global.scrapeProtocols ?? (c.scrapeNativeHistograms ? PROTO_FIRST_SCRAPE_PROTOCOLS : DEFAULT_SCRAPE_PROTOCOLS))];
  if (fallback) c.fallbackScrapeProtocol = readFallbackProtocol(src, fallback, c.jobName);
  return c;
}

function paramsOf(src: YamlSource, node: Node): [string, string[]][] {
  return src.entries(node, 'url.Values').map(([name, value]) => [name, value === null ? [] : src.strings(value)]);
}

export function scrapeToYaml(c: ScrapeConfig, secret: (s: string) => string): Record<string, unknown> {
  const o: Record<string, unknown> = { job_name: c.jobName };
  if (c.honorLabels) o.honor_labels = true;
  o.honor_timestamps = c.honorTimestamps;
  if (Object.keys(c.params).length > 0) o.params = c.params;
  o.scrape_interval = formatDuration(c.scrapeInterval);
  o.scrape_timeout = formatDuration(c.scrapeTimeout);
  o.metrics_path = c.metricsPath;
  o.scheme = c.scheme;
  limitsToYaml(c, o);
  o.scrape_protocols = c.scrapeProtocols;
  if (c.fallbackScrapeProtocol) o.fallback_scrape_protocol = c.fallbackScrapeProtocol;
  o.scrape_native_histograms = c.scrapeNativeHistograms;
  o.always_scrape_classic_histograms = c.alwaysScrapeClassicHistograms;
  o.convert_classic_histograms_to_nhcb = c.convertClassicHistogramsToNhcb;
  if (c.nativeHistogramBucketLimit > 0) o.native_histogram_bucket_limit = c.nativeHistogramBucketLimit;
  if (c.nativeHistogramMinBucketFactor > 0) o.native_histogram_min_bucket_factor = c.nativeHistogramMinBucketFactor;
  authToYaml(c, o, secret);
  Object.assign(o, c.unsupported);
  if (c.staticConfigs.length > 0) o.static_configs = c.staticConfigs.map(groupToYaml);
  if (c.fileSdConfigs.length > 0) o.file_sd_configs = c.fileSdConfigs.map(fileSdToYaml);
  if (c.relabelConfigs.length > 0) o.relabel_configs = c.relabelConfigs.map(relabelToYaml);
  if (c.metricRelabelConfigs.length > 0) o.metric_relabel_configs = c.metricRelabelConfigs.map(relabelToYaml);
  return o;
}
