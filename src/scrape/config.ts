// Prometheus's configuration file, the part a browser can act on: global
// settings and scrape jobs, read with config.go's defaults and checks, and
// written back as YAML, and the remote_write section the remote room acts on.
// Sections other rooms own (alerting…) pass through as written.

import type { Node } from 'yaml';
import { stringify } from 'yaml';
import { formatDuration, parseDuration } from '../model/duration';
import { quote } from '../model/labels';
import { compileRule, DEFAULT_RELABEL, RELABEL_ACTIONS, type RelabelAction, type RelabelConfig } from './relabel';
import { ConfigError, YamlSource } from './yamlDecode';
import { errorMessage } from '../model/result';

/** Per-scrape limits; 0 is no limit. Set globally, a job inherits those it leaves at 0. */
export interface ScrapeLimits {
  /** Bytes. */
  bodySizeLimit: number;
  sampleLimit: number;
  labelLimit: number;
  labelNameLengthLimit: number;
  labelValueLengthLimit: number;
}

export interface GlobalConfig extends ScrapeLimits {
  /** Milliseconds. */
  scrapeInterval: number;
  scrapeTimeout: number;
  evaluationInterval: number;
  externalLabels: Record<string, string>;
  /** Fields Prometheus knows that Vigil does not act on, kept for export. */
  unsupported: Record<string, unknown>;
}

/** A group of targets sharing labels: a `static_configs` entry or one element of a file_sd list. */
export interface TargetGroup {
  targets: string[];
  labels: Record<string, string>;
}

/**
 * Prometheus's file_sd_configs, for a browser: `files` are URLs answering a
 * file_sd JSON or YAML list (`[{targets, labels}]`), fetched every
 * `refreshInterval`; `inline` holds such a list pasted into the config.
 */
export interface FileSdConfig {
  files: string[];
  inline: TargetGroup[];
  refreshInterval: number;
}

export interface BasicAuth {
  username: string;
  password: string;
}

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
  /** Fields Prometheus knows that Vigil does not act on (tls_config, kubernetes_sd_configs…), kept for export. */
  unsupported: Record<string, unknown>;
}

/** remote_write's queue_config; durations in milliseconds. */
export interface QueueConfig {
  capacity: number;
  maxShards: number;
  minShards: number;
  maxSamplesPerSend: number;
  batchSendDeadline: number;
  minBackoff: number;
  maxBackoff: number;
  retryOnHttp429: boolean;
  /** 0 is no limit. */
  sampleAgeLimit: number;
}

/** One `remote_write` entry. */
export interface RemoteWriteConfig {
  url: string;
  /** '' when not given; the remote room then names the queue itself. */
  name: string;
  /** Milliseconds. */
  remoteTimeout: number;
  headers: Record<string, string>;
  writeRelabelConfigs: RelabelConfig[];
  basicAuth?: BasicAuth;
  bearerToken?: string;
  queueConfig: QueueConfig;
  /** Fields Prometheus knows that Vigil does not act on (metadata_config, tls_config, sigv4…), kept for export. */
  unsupported: Record<string, unknown>;
}

export interface PrometheusConfig {
  global: GlobalConfig;
  ruleFiles: string[];
  scrapeConfigs: ScrapeConfig[];
  remoteWrite: RemoteWriteConfig[];
  /** Other top-level sections Prometheus knows (alerting, remote_read…), as written. */
  sections: Record<string, unknown>;
  /** Fields kept but not acted on, with their place. */
  warnings: ConfigError[];
}

const NO_LIMITS: Readonly<ScrapeLimits> = { bodySizeLimit: 0, sampleLimit: 0, labelLimit: 0, labelNameLengthLimit: 0, labelValueLengthLimit: 0 };

export const DEFAULT_GLOBAL: Readonly<GlobalConfig> = {
  scrapeInterval: 60_000,
  scrapeTimeout: 10_000,
  evaluationInterval: 60_000,
  externalLabels: {},
  unsupported: {},
  ...NO_LIMITS,
};

const LIMIT_FIELDS: Record<string, keyof ScrapeLimits> = {
  body_size_limit: 'bodySizeLimit',
  sample_limit: 'sampleLimit',
  label_limit: 'labelLimit',
  label_name_length_limit: 'labelNameLengthLimit',
  label_value_length_limit: 'labelValueLengthLimit',
};

function readLimit(src: YamlSource, key: string, node: Node, into: ScrapeLimits): void {
  into[LIMIT_FIELDS[key]] = key === 'body_size_limit' ? src.parsed(node, parseBytes) : src.uint(node);
}

function limitsToYaml(l: ScrapeLimits, o: Record<string, unknown>): void {
  for (const [key, field] of Object.entries(LIMIT_FIELDS)) {
    if (l[field] > 0) o[key] = field === 'bodySizeLimit' ? formatBytes(l[field]) : l[field];
  }
}

const DEFAULT_FILE_SD_REFRESH = 300_000;

// config.go's DefaultQueueConfig and DefaultRemoteWriteConfig (Prometheus 3).
export const DEFAULT_QUEUE_CONFIG: Readonly<QueueConfig> = {
  capacity: 10_000,
  maxShards: 50,
  minShards: 1,
  maxSamplesPerSend: 2000,
  batchSendDeadline: 5000,
  minBackoff: 30,
  maxBackoff: 5000,
  retryOnHttp429: false,
  sampleAgeLimit: 0,
};
export const DEFAULT_REMOTE_TIMEOUT = 30_000;
const SECRET = '<secret>';

// Prometheus's Config fields; those Vigil does not read are passed through.
const TOP_FIELDS = ['global', 'runtime', 'alerting', 'rule_files', 'scrape_config_files', 'scrape_configs', 'storage', 'tracing', 'remote_write', 'remote_read', 'otlp'];
const PASSED_THROUGH = ['runtime', 'alerting', 'scrape_config_files', 'storage', 'tracing', 'remote_read', 'otlp'];

const GLOBAL_FIELDS = ['scrape_interval', 'scrape_timeout', 'evaluation_interval', 'external_labels', ...Object.keys(LIMIT_FIELDS)];
const GLOBAL_UNSUPPORTED = [
  'scrape_protocols', 'rule_query_offset', 'query_log_file', 'scrape_failure_log_file', 'target_limit', 'keep_dropped_targets', 'metric_name_validation_scheme',
  'metric_name_escaping_scheme', 'scrape_native_histograms', 'convert_classic_histograms_to_nhcb', 'always_scrape_classic_histograms',
  'extra_scrape_metrics',
];

const SCRAPE_FIELDS = [
  'job_name', 'honor_labels', 'honor_timestamps', 'params', 'scrape_interval', 'scrape_timeout', 'metrics_path', 'scheme',
  ...Object.keys(LIMIT_FIELDS), 'basic_auth', 'bearer_token', 'static_configs', 'file_sd_configs', 'relabel_configs', 'metric_relabel_configs',
];
// ScrapeConfig, HTTPClientConfig and service-discovery fields Prometheus knows but a browser cannot use.
const SCRAPE_UNSUPPORTED = [
  'track_timestamps_staleness', 'scrape_protocols', 'fallback_scrape_protocol', 'scrape_native_histograms',
  'always_scrape_classic_histograms', 'convert_classic_histograms_to_nhcb', 'scrape_failure_log_file', 'enable_compression',
  'target_limit', 'native_histogram_bucket_limit', 'native_histogram_min_bucket_factor', 'keep_dropped_targets',
  'metric_name_validation_scheme', 'metric_name_escaping_scheme', 'extra_scrape_metrics',
  'authorization', 'oauth2', 'bearer_token_file', 'tls_config', 'proxy_url', 'no_proxy', 'proxy_from_environment',
  'proxy_connect_header', 'follow_redirects', 'enable_http2', 'http_headers',
  ...['azure', 'consul', 'digitalocean', 'docker', 'dockerswarm', 'dns', 'ec2', 'eureka', 'gce', 'hetzner', 'http', 'ionos',
    'kubernetes', 'kuma', 'lightsail', 'linode', 'marathon', 'nerve', 'nomad', 'openstack', 'ovhcloud', 'puppetdb', 'scaleway',
    'serverset', 'triton', 'uyuni', 'vultr', 'stackit'].map((sd) => `${sd}_sd_configs`),
];
const REMOTE_WRITE_FIELDS = ['url', 'remote_timeout', 'headers', 'write_relabel_configs', 'name', 'basic_auth', 'bearer_token', 'queue_config'];
// RemoteWriteConfig and HTTPClientConfig fields Prometheus knows but Vigil does not act on.
const REMOTE_WRITE_UNSUPPORTED = [
  'metadata_config', 'send_exemplars', 'send_native_histograms', 'round_robin_dns', 'protobuf_message', 'sigv4', 'azuread', 'google_iam',
  'authorization', 'oauth2', 'bearer_token_file', 'tls_config', 'proxy_url', 'no_proxy', 'proxy_from_environment', 'proxy_connect_header',
  'follow_redirects', 'enable_http2', 'http_headers',
];
const QUEUE_FIELDS: Record<string, keyof QueueConfig> = {
  capacity: 'capacity',
  max_shards: 'maxShards',
  min_shards: 'minShards',
  max_samples_per_send: 'maxSamplesPerSend',
  batch_send_deadline: 'batchSendDeadline',
  min_backoff: 'minBackoff',
  max_backoff: 'maxBackoff',
  retry_on_http_429: 'retryOnHttp429',
  sample_age_limit: 'sampleAgeLimit',
};
// config.go's reservedHeaders: the client sets these itself.
const RESERVED_HEADERS = [
  'host', 'content-encoding', 'content-length', 'content-type', 'user-agent', 'connection', 'keep-alive', 'proxy-authenticate',
  'proxy-authorization', 'www-authenticate', 'accept-encoding', 'x-prometheus-remote-write-version', 'x-prometheus-remote-read-version',
  'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256',
];
const RELABEL_FIELDS = ['source_labels', 'separator', 'regex', 'modulus', 'target_label', 'replacement', 'action'];
const STATIC_TYPE = 'struct { Targets []string "yaml:\\"targets\\""; Labels model.LabelSet "yaml:\\"labels\\"" }';

// config.go's patRulePath: a glob only in the last path element.
const RULE_PATH = /^[^*]*(\*[^/]*)?$/;

/** A config problem for the editor: 1-based place (0 when the whole file) and the cause. */
export interface ConfigProblem {
  line: number;
  column: number;
  message: string;
}

export type ConfigResult = { ok: true; config: PrometheusConfig; warnings: ConfigProblem[] } | { ok: false; problems: ConfigProblem[] };

function problem(e: ConfigError): ConfigProblem {
  return { line: e.line, column: e.column, message: e.what };
}

/** Reads a prometheus.yml into a config, or the problem that rejects it. */
export function parseConfig(text: string): ConfigResult {
  try {
    const config = loadConfig(text);
    return { ok: true, config, warnings: config.warnings.map(problem) };
  } catch (e) {
    if (e instanceof ConfigError) return { ok: false, problems: [problem(e)] };
    throw e;
  }
}

/** Reads a prometheus.yml; throws ConfigError with line, column and Prometheus's wording. */
export function loadConfig(text: string): PrometheusConfig {
  const src = new YamlSource(text);
  const cfg: PrometheusConfig = {
    global: { ...DEFAULT_GLOBAL, externalLabels: {}, unsupported: {} },
    ruleFiles: [],
    scrapeConfigs: [],
    remoteWrite: [],
    sections: {},
    warnings: [],
  };
  if (src.isNull(src.root)) return cfg;
  const top = src.struct(src.root!, 'config.plain', TOP_FIELDS);
  for (const [key, node] of top) {
    if (node === null) continue;
    if (key === 'global') cfg.global = readGlobal(src, node, cfg.warnings);
    else if (key === 'rule_files') {
      for (const n of src.seq(node, '[]string')) {
        const rf = src.string(n);
        if (!RULE_PATH.test(rf)) throw src.error(n, `invalid rule file path ${quote(rf)}`);
        cfg.ruleFiles.push(rf);
      }
    } else if (key === 'remote_write') cfg.remoteWrite = readRemoteWrites(src, node, cfg.warnings);
    else if (PASSED_THROUGH.includes(key)) cfg.sections[key] = src.plain(node);
  }
  const jobs = top.get('scrape_configs');
  const seen = new Set<string>();
  for (const node of jobs ? src.seq(jobs, '[]*config.ScrapeConfig') : []) {
    if (src.isNull(node)) throw src.error(node, 'empty or null scrape config section');
    const sc = readScrapeConfig(src, node, cfg.global, cfg.warnings);
    if (seen.has(sc.jobName)) throw src.error(node, `found multiple scrape configs with job name ${quote(sc.jobName)}`);
    seen.add(sc.jobName);
    cfg.scrapeConfigs.push(sc);
  }
  return cfg;
}

function duration(src: YamlSource, node: Node): number {
  return src.parsed(node, parseDuration);
}

function readGlobal(src: YamlSource, node: Node, warnings: ConfigError[]): GlobalConfig {
  const f = src.struct(node, 'config.plain', [...GLOBAL_FIELDS, ...GLOBAL_UNSUPPORTED]);
  const g: GlobalConfig = { scrapeInterval: 0, scrapeTimeout: 0, evaluationInterval: 0, externalLabels: {}, unsupported: {}, ...NO_LIMITS };
  for (const [key, n] of f) {
    if (n === null || src.isNull(n)) continue;
    if (key === 'scrape_interval') g.scrapeInterval = duration(src, n);
    else if (key === 'scrape_timeout') g.scrapeTimeout = duration(src, n);
    else if (key === 'evaluation_interval') g.evaluationInterval = duration(src, n);
    else if (key === 'external_labels') g.externalLabels = labelSet(src, n, 'labels.Labels');
    else if (key in LIMIT_FIELDS) readLimit(src, key, n, g);
    else {
      g.unsupported[key] = src.plain(n);
      warnings.push(unsupported(src, node, key));
    }
  }
  // GlobalConfig.UnmarshalYAML: interval first, then a timeout no longer than it.
  if (g.scrapeInterval === 0) g.scrapeInterval = DEFAULT_GLOBAL.scrapeInterval;
  if (g.scrapeTimeout > g.scrapeInterval) throw src.error(src.keyOf(node, 'scrape_timeout'), 'global scrape timeout greater than scrape interval');
  if (g.scrapeTimeout === 0) g.scrapeTimeout = Math.min(DEFAULT_GLOBAL.scrapeTimeout, g.scrapeInterval);
  if (g.evaluationInterval === 0) g.evaluationInterval = DEFAULT_GLOBAL.evaluationInterval;
  return g;
}

function unsupported(src: YamlSource, parent: Node, key: string): ConfigError {
  return src.error(src.keyOf(parent, key), `field ${key} is not supported by Vigil and is ignored`);
}

function labelSet(src: YamlSource, node: Node, into: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value, keyNode] of src.stringMap(node, into)) {
    // Prometheus 3 validates label names as UTF-8: any non-empty name.
    if (name === '') throw src.error(keyNode, `${quote(name)} is not a valid label name`);
    out[name] = value;
  }
  return out;
}

function readScrapeConfig(src: YamlSource, node: Node, global: GlobalConfig, warnings: ConfigError[]): ScrapeConfig {
  const f = src.struct(node, 'config.ScrapeConfig', [...SCRAPE_FIELDS, ...SCRAPE_UNSUPPORTED]);
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
    unsupported: {},
  };
  for (const [key, n] of f) {
    if (n === null || src.isNull(n)) continue;
    switch (key) {
      case 'job_name': c.jobName = src.string(n); break;
      case 'honor_labels': c.honorLabels = src.bool(n); break;
      case 'honor_timestamps': c.honorTimestamps = src.bool(n); break;
      case 'params':
        for (const [name, values] of paramsOf(src, n)) c.params[name] = values;
        break;
      case 'scrape_interval': c.scrapeInterval = duration(src, n); break;
      case 'scrape_timeout': c.scrapeTimeout = duration(src, n); break;
      case 'metrics_path': c.metricsPath = src.string(n); break;
      case 'scheme': c.scheme = src.string(n); break;
      case 'body_size_limit':
      case 'sample_limit':
      case 'label_limit':
      case 'label_name_length_limit':
      case 'label_value_length_limit':
        readLimit(src, key, n, c);
        break;
      case 'basic_auth': c.basicAuth = basicAuth(src, n); break;
      case 'bearer_token': c.bearerToken = src.string(n); break;
      case 'static_configs':
        c.staticConfigs = src.seq(n, '[]*targetgroup.Group').map((g) => targetGroup(src, g, STATIC_TYPE));
        break;
      case 'file_sd_configs':
        c.fileSdConfigs = src.seq(n, 'discovery.Configs').map((g) => fileSd(src, g));
        break;
      case 'relabel_configs':
        c.relabelConfigs = relabelList(src, n, 'empty or null target relabeling rule in scrape config');
        break;
      case 'metric_relabel_configs':
        c.metricRelabelConfigs = relabelList(src, n, 'empty or null metric relabeling rule in scrape config');
        break;
      default:
        c.unsupported[key] = src.plain(n);
        warnings.push(unsupported(src, node, key));
    }
  }
  const at = (field: string) => src.keyOf(node, field) ?? node;
  if (c.jobName === '') throw src.error(node, 'job_name is empty');
  if (c.basicAuth && c.bearerToken !== undefined) {
    throw src.error(at('bearer_token'), 'at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured');
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
  return c;
}

function basicAuth(src: YamlSource, node: Node): BasicAuth {
  const b = src.struct(node, 'config.BasicAuth', ['username', 'password']);
  return { username: b.get('username') ? src.string(b.get('username')!) : '', password: b.get('password') ? src.string(b.get('password')!) : '' };
}

const AUTH_CONFLICT = 'at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured';

function readRemoteWrites(src: YamlSource, node: Node, warnings: ConfigError[]): RemoteWriteConfig[] {
  const names = new Set<string>();
  return src.seq(node, '[]*config.RemoteWriteConfig').map((n) => {
    if (src.isNull(n)) throw src.error(n, 'empty or null remote write config section');
    const rw = readRemoteWrite(src, n, warnings);
    // Config.UnmarshalYAML: empty names are filled with a hash later, so only given names must differ.
    if (rw.name !== '' && names.has(rw.name)) throw src.error(src.keyOf(n, 'name') ?? n, `found multiple remote write configs with job name ${quote(rw.name)}`);
    names.add(rw.name);
    return rw;
  });
}

function readRemoteWrite(src: YamlSource, node: Node, warnings: ConfigError[]): RemoteWriteConfig {
  const f = src.struct(node, 'config.plain', [...REMOTE_WRITE_FIELDS, ...REMOTE_WRITE_UNSUPPORTED]);
  const c: RemoteWriteConfig = {
    url: '',
    name: '',
    remoteTimeout: DEFAULT_REMOTE_TIMEOUT,
    headers: {},
    writeRelabelConfigs: [],
    queueConfig: { ...DEFAULT_QUEUE_CONFIG },
    unsupported: {},
  };
  for (const [key, n] of f) {
    if (n === null || src.isNull(n)) continue;
    switch (key) {
      case 'url': c.url = src.parsed(n, parseUrl); break;
      case 'name': c.name = src.string(n); break;
      case 'remote_timeout': c.remoteTimeout = duration(src, n); break;
      case 'headers':
        for (const [name, value, keyNode] of src.stringMap(n, 'map[string]string')) {
          // validateHeaders in config.go.
          if (name.toLowerCase() === 'authorization') {
            throw src.error(keyNode, 'authorization header must be changed via the basic_auth, authorization, oauth2, sigv4, azuread or google_iam parameter');
          }
          if (RESERVED_HEADERS.includes(name.toLowerCase())) throw src.error(keyNode, `${name} is a reserved header. It must not be changed`);
          c.headers[name] = value;
        }
        break;
      case 'write_relabel_configs': c.writeRelabelConfigs = relabelList(src, n, 'empty or null relabeling rule in remote write config'); break;
      case 'basic_auth': c.basicAuth = basicAuth(src, n); break;
      case 'bearer_token': c.bearerToken = src.string(n); break;
      case 'queue_config': readQueueConfig(src, n, c.queueConfig); break;
      default:
        c.unsupported[key] = src.plain(n);
        warnings.push(unsupported(src, node, key));
    }
  }
  if (c.url === '') throw src.error(node, 'url for remote_write is empty');
  if (c.basicAuth && c.bearerToken !== undefined) throw src.error(src.keyOf(node, 'bearer_token') ?? node, AUTH_CONFLICT);
  return c;
}

/** config.URL's UnmarshalYAML: url.Parse, which Vigil narrows to absolute http(s) URLs a browser can post to. */
function parseUrl(text: string): string {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new Error(`parse ${quote(text)}: invalid URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`parse ${quote(text)}: unsupported protocol scheme ${quote(u.protocol.slice(0, -1))}`);
  return text;
}

function readQueueConfig(src: YamlSource, node: Node, into: QueueConfig): void {
  for (const [key, n] of src.struct(node, 'config.QueueConfig', Object.keys(QUEUE_FIELDS))) {
    if (n === null || src.isNull(n)) continue;
    const field = QUEUE_FIELDS[key];
    if (field === 'retryOnHttp429') into.retryOnHttp429 = src.bool(n);
    else if (field === 'batchSendDeadline' || field === 'minBackoff' || field === 'maxBackoff' || field === 'sampleAgeLimit') into[field] = duration(src, n);
    else into[field] = src.uint(n, 'int');
  }
}

function paramsOf(src: YamlSource, node: Node): [string, string[]][] {
  return src.entries(node, 'url.Values').map(([name, value]) => [name, value === null ? [] : src.strings(value)]);
}

function targetGroup(src: YamlSource, node: Node, type: string): TargetGroup {
  const f = src.struct(node, type, ['targets', 'labels']);
  const targets = f.get('targets');
  const labels = f.get('labels');
  return { targets: targets ? src.strings(targets) : [], labels: labels ? labelSet(src, labels, 'model.LabelSet') : {} };
}

function fileSd(src: YamlSource, node: Node): FileSdConfig {
  const f = src.struct(node, 'file.plain', ['files', 'refresh_interval', 'inline']);
  const files = f.get('files');
  const inline = f.get('inline');
  const refresh = f.get('refresh_interval');
  const sd: FileSdConfig = {
    files: files ? src.strings(files) : [],
    inline: inline ? src.seq(inline, '[]*targetgroup.Group').map((g) => targetGroup(src, g, STATIC_TYPE)) : [],
    refreshInterval: refresh && !src.isNull(refresh) ? duration(src, refresh) : DEFAULT_FILE_SD_REFRESH,
  };
  if (sd.files.length === 0 && sd.inline.length === 0) throw src.error(node, 'file service discovery config must contain at least one path name');
  return sd;
}

function relabelList(src: YamlSource, node: Node, nullRule: string): RelabelConfig[] {
  return src.seq(node, '[]*relabel.Config').map((n) => {
    if (src.isNull(n)) throw src.error(n, nullRule);
    const f = src.struct(n, 'relabel.plain', RELABEL_FIELDS);
    const r: RelabelConfig = { ...DEFAULT_RELABEL };
    for (const [key, v] of f) {
      if (v === null) continue;
      switch (key) {
        case 'source_labels': r.sourceLabels = src.strings(v); break;
        case 'separator': r.separator = src.string(v); break;
        // An explicit null regex is the empty regex, as Config.UnmarshalYAML sets it.
        case 'regex': r.regex = src.isNull(v) ? '' : src.string(v); break;
        case 'modulus': r.modulus = src.uint(v, 'uint64'); break;
        case 'target_label': r.targetLabel = src.string(v); break;
        case 'replacement': r.replacement = src.string(v); break;
        case 'action': {
          const a = src.string(v).toLowerCase();
          if (!RELABEL_ACTIONS.includes(a as RelabelAction)) throw src.error(v, `unknown relabel action ${quote(src.string(v))}`);
          r.action = a as RelabelAction;
          break;
        }
      }
    }
    try {
      compileRule(r);
    } catch (e) {
      throw src.error(n, errorMessage(e), e);
    }
    return r;
  });
}

const BYTE_UNITS: Record<string, number> = {
  B: 1, KB: 2 ** 10, MB: 2 ** 20, GB: 2 ** 30, TB: 2 ** 40, PB: 2 ** 50, EB: 2 ** 60,
  KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40, PiB: 2 ** 50, EiB: 2 ** 60,
};
const BYTE_PART = /(\d+(?:\.\d*)?|\.\d+)([KMGTPE]i?B|B)/y;

/** units.ParseBase2Bytes, as body_size_limit reads: `10MB`, `512KiB`, `1MB512KB` (KB is 1024 bytes too). */
export function parseBytes(text: string): number {
  if (text === '0') return 0;
  BYTE_PART.lastIndex = 0;
  let total = 0;
  while (BYTE_PART.lastIndex < text.length) {
    const m = BYTE_PART.exec(text);
    if (!m) {
      const unit = text.replace(/^[\d.]+/, '').replace(/^(\S*?)[\d.].*$/, '$1');
      throw new Error(`units: unknown unit ${unit} in ${text}`);
    }
    total += Number(m[1]) * BYTE_UNITS[m[2]];
  }
  return Math.floor(total);
}

/** Base2Bytes.String: `10MiB`, `1MiB512KiB`, `0B`. */
export function formatBytes(n: number): string {
  if (n === 0) return '0B';
  let out = '';
  let rest = n;
  for (const u of ['EiB', 'PiB', 'TiB', 'GiB', 'MiB', 'KiB', 'B']) {
    const q = Math.floor(rest / BYTE_UNITS[u]);
    if (q > 0) {
      out += `${q}${u}`;
      rest -= q * BYTE_UNITS[u];
    }
  }
  return out;
}

export interface SerializeOptions {
  /** Replace passwords and tokens with `<secret>`, as Prometheus shows its config. */
  redact?: boolean;
}

/** The config as YAML in Prometheus's field order, defaults filled in as Config.String() prints them. */
export function serializeConfig(cfg: PrometheusConfig, opts: SerializeOptions = {}): string {
  const secret = (s: string) => (opts.redact ? SECRET : s);
  const out: Record<string, unknown> = {};
  const g: Record<string, unknown> = {
    scrape_interval: formatDuration(cfg.global.scrapeInterval),
    scrape_timeout: formatDuration(cfg.global.scrapeTimeout),
    evaluation_interval: formatDuration(cfg.global.evaluationInterval),
  };
  if (Object.keys(cfg.global.externalLabels).length > 0) g.external_labels = cfg.global.externalLabels;
  limitsToYaml(cfg.global, g);
  Object.assign(g, cfg.global.unsupported);
  out.global = g;
  if (cfg.ruleFiles.length > 0) out.rule_files = cfg.ruleFiles;
  if (cfg.scrapeConfigs.length > 0) out.scrape_configs = cfg.scrapeConfigs.map((c) => scrapeToYaml(c, secret));
  if (cfg.remoteWrite.length > 0) out.remote_write = cfg.remoteWrite.map((c) => remoteWriteToYaml(c, secret, opts.redact === true));
  for (const key of PASSED_THROUGH) {
    if (key in cfg.sections) out[key] = opts.redact ? redactSecrets(cfg.sections[key]) : cfg.sections[key];
  }
  return stringify(out, { version: '1.1', lineWidth: 0 });
}

function scrapeToYaml(c: ScrapeConfig, secret: (s: string) => string): Record<string, unknown> {
  const o: Record<string, unknown> = { job_name: c.jobName };
  if (c.honorLabels) o.honor_labels = true;
  o.honor_timestamps = c.honorTimestamps;
  if (Object.keys(c.params).length > 0) o.params = c.params;
  o.scrape_interval = formatDuration(c.scrapeInterval);
  o.scrape_timeout = formatDuration(c.scrapeTimeout);
  o.metrics_path = c.metricsPath;
  o.scheme = c.scheme;
  limitsToYaml(c, o);
  authToYaml(c, o, secret);
  Object.assign(o, c.unsupported);
  if (c.staticConfigs.length > 0) o.static_configs = c.staticConfigs.map(groupToYaml);
  if (c.fileSdConfigs.length > 0) {
    o.file_sd_configs = c.fileSdConfigs.map((f) => {
      const fo: Record<string, unknown> = {};
      if (f.files.length > 0) fo.files = f.files;
      if (f.inline.length > 0) fo.inline = f.inline.map(groupToYaml);
      fo.refresh_interval = formatDuration(f.refreshInterval);
      return fo;
    });
  }
  if (c.relabelConfigs.length > 0) o.relabel_configs = c.relabelConfigs.map(relabelToYaml);
  if (c.metricRelabelConfigs.length > 0) o.metric_relabel_configs = c.metricRelabelConfigs.map(relabelToYaml);
  return o;
}

function authToYaml(c: { basicAuth?: BasicAuth; bearerToken?: string }, o: Record<string, unknown>, secret: (s: string) => string): void {
  if (c.basicAuth) o.basic_auth = c.basicAuth.password === '' ? { username: c.basicAuth.username } : { username: c.basicAuth.username, password: secret(c.basicAuth.password) };
  if (c.bearerToken !== undefined) o.bearer_token = secret(c.bearerToken);
}

function remoteWriteToYaml(c: RemoteWriteConfig, secret: (s: string) => string, redact: boolean): Record<string, unknown> {
  const o: Record<string, unknown> = { url: c.url, remote_timeout: formatDuration(c.remoteTimeout) };
  if (Object.keys(c.headers).length > 0) o.headers = c.headers;
  if (c.writeRelabelConfigs.length > 0) o.write_relabel_configs = c.writeRelabelConfigs.map(relabelToYaml);
  if (c.name !== '') o.name = c.name;
  authToYaml(c, o, secret);
  const q = c.queueConfig;
  o.queue_config = {
    capacity: q.capacity,
    max_shards: q.maxShards,
    min_shards: q.minShards,
    max_samples_per_send: q.maxSamplesPerSend,
    batch_send_deadline: formatDuration(q.batchSendDeadline),
    min_backoff: formatDuration(q.minBackoff),
    max_backoff: formatDuration(q.maxBackoff),
    ...(q.retryOnHttp429 ? { retry_on_http_429: true } : {}),
    ...(q.sampleAgeLimit > 0 ? { sample_age_limit: formatDuration(q.sampleAgeLimit) } : {}),
  };
  Object.assign(o, redact ? redactSecrets(c.unsupported) : c.unsupported);
  return o;
}

function groupToYaml(g: TargetGroup): Record<string, unknown> {
  return Object.keys(g.labels).length > 0 ? { targets: g.targets, labels: g.labels } : { targets: g.targets };
}

function relabelToYaml(r: RelabelConfig): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (r.sourceLabels !== undefined) o.source_labels = r.sourceLabels;
  o.separator = r.separator;
  if (r.regex !== undefined) o.regex = r.regex;
  if (r.modulus !== 0) o.modulus = r.modulus;
  if (r.targetLabel !== '') o.target_label = r.targetLabel;
  o.replacement = r.replacement;
  o.action = r.action;
  return o;
}

const SECRET_KEYS = ['password', 'bearer_token', 'credentials', 'client_secret', 'secret_key'];

function redactSecrets(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redactSecrets);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = SECRET_KEYS.includes(k) && typeof x === 'string' ? SECRET : redactSecrets(x);
  return out;
}

/** A file_sd list (`[{targets, labels}]`, JSON or YAML) fetched from a URL or pasted. */
export function parseTargetGroups(text: string): TargetGroup[] {
  const src = new YamlSource(text);
  if (src.isNull(src.root)) return [];
  return src.seq(src.root!, '[]*targetgroup.Group').map((g) => targetGroup(src, g, 'targetgroup.Group'));
}
