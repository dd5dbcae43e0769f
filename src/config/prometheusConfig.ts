// Prometheus's configuration file as a whole, the part a browser can act on:
// its sections read with config.go's defaults and checks and written back as
// YAML. Sections Vigil does not act on (remote_read…) pass through as written.

import { stringify } from 'yaml';
import { quote } from '../model/labels';
import { ALERTING_SHAPE, alertingToYaml, EMPTY_ALERTING, readAlerting, type AlertingConfig } from './alertingConfig';
import { DEFAULT_GLOBAL, GLOBAL_SHAPE, globalToYaml, readGlobal, type GlobalConfig } from './globalConfig';
import { redactSecrets, SECRET } from './httpAuth';
import { readRemoteWrites, REMOTE_WRITE_SHAPE, remoteWriteToYaml, type RemoteWriteConfig } from './remoteWriteConfig';
import { readScrapeConfig, SCRAPE_SHAPE, scrapeToYaml, type ScrapeConfig } from './scrapeConfig';
import { ConfigError, YamlSource } from './yamlDecode';
import { listOf, mapping, VALUE } from './yamlShape';

export interface PrometheusConfig {
  global: GlobalConfig;
  ruleFiles: string[];
  scrapeConfigs: ScrapeConfig[];
  remoteWrite: RemoteWriteConfig[];
  alerting: AlertingConfig;
  /** Other top-level sections Prometheus knows (remote_read…), as written. */
  sections: Record<string, unknown>;
  /** Fields kept but not acted on, with their place. */
  warnings: ConfigError[];
}

// Prometheus's Config fields; those Vigil does not read are passed through.
const TOP_FIELDS = ['global', 'runtime', 'alerting', 'rule_files', 'scrape_config_files', 'scrape_configs', 'storage', 'tracing', 'remote_write', 'remote_read', 'otlp'];
const PASSED_THROUGH = ['runtime', 'scrape_config_files', 'storage', 'tracing', 'remote_read', 'otlp'];

/** prometheus.yml's keys, as the reader takes them and the editor completes them. */
export const PROMETHEUS_CONFIG_SHAPE = mapping(TOP_FIELDS, {
  global: GLOBAL_SHAPE,
  rule_files: listOf(VALUE),
  scrape_configs: listOf(SCRAPE_SHAPE),
  remote_write: listOf(REMOTE_WRITE_SHAPE),
  alerting: ALERTING_SHAPE,
});

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
    alerting: { ...EMPTY_ALERTING },
    sections: {},
    warnings: [],
  };
  if (src.isNull(src.root)) return cfg;
  const top = src.struct(src.root!, 'config.plain', PROMETHEUS_CONFIG_SHAPE.keys);
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
    else if (key === 'alerting') cfg.alerting = readAlerting(src, node, cfg.warnings);
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

export interface SerializeOptions {
  /** Replace passwords and tokens with `<secret>`, as Prometheus shows its config. */
  redact?: boolean;
}

/** The config as YAML in Prometheus's field order, defaults filled in as Config.String() prints them. */
export function serializeConfig(cfg: PrometheusConfig, opts: SerializeOptions = {}): string {
  const secret = (s: string) => (opts.redact ? SECRET : s);
  const out: Record<string, unknown> = {};
  out.global = globalToYaml(cfg.global);
  const alerting = alertingToYaml(cfg.alerting, secret, opts.redact === true);
  if (Object.keys(alerting).length > 0) out.alerting = alerting;
  if (cfg.ruleFiles.length > 0) out.rule_files = cfg.ruleFiles;
  if (cfg.scrapeConfigs.length > 0) out.scrape_configs = cfg.scrapeConfigs.map((c) => scrapeToYaml(c, secret));
  if (cfg.remoteWrite.length > 0) out.remote_write = cfg.remoteWrite.map((c) => remoteWriteToYaml(c, secret, opts.redact === true));
  for (const key of PASSED_THROUGH) {
    if (key in cfg.sections) out[key] = opts.redact ? redactSecrets(cfg.sections[key]) : cfg.sections[key];
  }
  return stringify(out, { version: '1.1', lineWidth: 0 });
}
