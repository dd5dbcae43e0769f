// prometheus.yml's alerting section (config.go's AlertingConfig): the
// Alertmanagers alerts are posted to, how to reach them, and the relabelling
// of alerts on the way out; read with config.go's defaults and checks.

import type { Node } from 'yaml';
import { formatDuration } from '../model/duration';
import { quote } from '../model/labels';
import type { RelabelConfig } from '../model/relabel';
import { readDuration, unsupportedField } from './fieldReaders';
import { AUTH_CONFLICT, authToYaml, BASIC_AUTH_SHAPE, readAuthorization, readBasicAuth, redactSecrets, type Authorization, type BasicAuth } from './httpAuth';
import { readRelabelConfigs, RELABEL_SHAPE, relabelToYaml } from './relabelConfig';
import { groupToYaml, readTargetGroup, STATIC_TYPE, TARGET_GROUP_SHAPE, type TargetGroup } from './targetGroups';
import { listOf, mapping } from './yamlShape';
import type { ConfigError, YamlSource } from './yamlDecode';

/** One `alertmanagers` entry: a set of Alertmanagers sharing how alerts reach them. */
export interface AlertmanagerConfig {
  staticConfigs: TargetGroup[];
  scheme: string;
  pathPrefix: string;
  /** Milliseconds. */
  timeout: number;
  apiVersion: 'v2';
  basicAuth?: BasicAuth;
  bearerToken?: string;
  authorization?: Authorization;
  /** Relabels each Alertmanager's target labels (__address__, __scheme__, __alerts_path__). */
  relabelConfigs: RelabelConfig[];
  /** Relabels alerts before they go to this set only. */
  alertRelabelConfigs: RelabelConfig[];
  /** Fields Prometheus knows that Vigil does not act on (tls_config, *_sd_configs…), kept for export. */
  unsupported: Record<string, unknown>;
}

export interface AlertingConfig {
  alertRelabelConfigs: RelabelConfig[];
  alertmanagers: AlertmanagerConfig[];
}

export const EMPTY_ALERTING: Readonly<AlertingConfig> = { alertRelabelConfigs: [], alertmanagers: [] };

// config.go's DefaultAlertmanagerConfig.
const DEFAULT_SCHEME = 'http';
const DEFAULT_TIMEOUT = 10_000;
const API_VERSIONS = ['v2'];

const AM_FIELDS = ['static_configs', 'scheme', 'path_prefix', 'timeout', 'api_version', 'basic_auth', 'bearer_token', 'authorization', 'relabel_configs', 'alert_relabel_configs'];
const AM_UNSUPPORTED = [
  'sigv4', 'oauth2', 'bearer_token_file', 'tls_config', 'proxy_url', 'no_proxy', 'proxy_from_environment', 'proxy_connect_header',
  'follow_redirects', 'enable_http2', 'http_headers',
  ...['azure', 'consul', 'digitalocean', 'docker', 'dockerswarm', 'dns', 'ec2', 'eureka', 'file', 'gce', 'hetzner', 'http', 'ionos',
    'kubernetes', 'kuma', 'lightsail', 'linode', 'marathon', 'nerve', 'nomad', 'openstack', 'ovhcloud', 'puppetdb', 'scaleway',
    'serverset', 'triton', 'uyuni', 'vultr', 'stackit'].map((sd) => `${sd}_sd_configs`),
];

/** prometheus.yml's `alerting` keys, as the reader takes them and the editor completes them. */
export const ALERTMANAGER_SHAPE = mapping(
  AM_FIELDS,
  {
    static_configs: listOf(TARGET_GROUP_SHAPE),
    basic_auth: BASIC_AUTH_SHAPE,
    relabel_configs: listOf(RELABEL_SHAPE),
    alert_relabel_configs: listOf(RELABEL_SHAPE),
  },
  AM_UNSUPPORTED,
);
export const ALERTING_SHAPE = mapping(['alert_relabel_configs', 'alertmanagers'], { alert_relabel_configs: listOf(RELABEL_SHAPE), alertmanagers: listOf(ALERTMANAGER_SHAPE) });

export function readAlerting(src: YamlSource, node: Node, warnings: ConfigError[]): AlertingConfig {
  const f = src.struct(node, 'config.plain', ALERTING_SHAPE.keys);
  const out: AlertingConfig = { alertRelabelConfigs: [], alertmanagers: [] };
  const relabels = f.get('alert_relabel_configs');
  if (relabels) out.alertRelabelConfigs = readRelabelConfigs(src, relabels, 'empty or null alert relabeling rule');
  const ams = f.get('alertmanagers');
  if (ams) out.alertmanagers = src.seq(ams, 'config.AlertmanagerConfigs').map((n) => readAlertmanager(src, n, warnings));
  return out;
}

function readAlertmanager(src: YamlSource, node: Node, warnings: ConfigError[]): AlertmanagerConfig {
  const c: AlertmanagerConfig = {
    staticConfigs: [],
    scheme: DEFAULT_SCHEME,
    pathPrefix: '',
    timeout: DEFAULT_TIMEOUT,
    apiVersion: 'v2',
    relabelConfigs: [],
    alertRelabelConfigs: [],
    unsupported: {},
  };
  if (src.isNull(node)) return c;
  const f = src.struct(node, 'config.AlertmanagerConfig', ALERTMANAGER_SHAPE.keys);
  for (const [key, n] of f) {
    if (n === null || src.isNull(n)) continue;
    switch (key) {
      case 'static_configs': c.staticConfigs = src.seq(n, '[]*targetgroup.Group').map((g) => readTargetGroup(src, g, STATIC_TYPE)); break;
      case 'scheme': c.scheme = src.string(n); break;
      case 'path_prefix': c.pathPrefix = src.string(n); break;
      case 'timeout': c.timeout = readDuration(src, n); break;
      case 'api_version': {
        const v = src.string(n);
        if (!API_VERSIONS.includes(v)) throw src.error(n, `expected Alertmanager api version to be one of [${API_VERSIONS.join(' ')}] but got ${v}`);
        break;
      }
      case 'basic_auth': c.basicAuth = readBasicAuth(src, n); break;
      case 'bearer_token': c.bearerToken = src.string(n); break;
      case 'authorization': c.authorization = readAuthorization(src, n); break;
      case 'relabel_configs': c.relabelConfigs = readRelabelConfigs(src, n, 'empty or null Alertmanager target relabeling rule'); break;
      case 'alert_relabel_configs': c.alertRelabelConfigs = readRelabelConfigs(src, n, 'empty or null Alertmanager alert relabeling rule'); break;
      default:
        c.unsupported[key] = src.plain(n);
        warnings.push(unsupportedField(src, node, key));
    }
  }
  // HTTPClientConfig.Validate: one way of authenticating.
  if (c.basicAuth && c.bearerToken !== undefined) throw src.error(src.keyOf(node, 'bearer_token'), AUTH_CONFLICT);
  if (c.authorization && c.bearerToken !== undefined) throw src.error(src.keyOf(node, 'authorization'), 'authorization is not compatible with bearer_token & bearer_token_file');
  if (c.authorization && c.basicAuth) throw src.error(src.keyOf(node, 'authorization'), 'at most one of basic_auth, oauth2 & authorization must be configured');
  if (c.scheme !== 'http' && c.scheme !== 'https') throw src.error(src.keyOf(node, 'scheme'), `unsupported scheme ${quote(c.scheme)} for an Alertmanager a browser can post to`);
  // checkStaticTargets: URLs in targets are a common mistake, unless relabelling rewrites them.
  if (c.relabelConfigs.length === 0) {
    for (const g of c.staticConfigs) {
      for (const t of g.targets) if (t.includes('/')) throw src.error(src.keyOf(node, 'static_configs'), `${quote(t)} is not a valid hostname`);
    }
  }
  return c;
}

export function alertingToYaml(a: AlertingConfig, secret: (s: string) => string, redact: boolean): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (a.alertRelabelConfigs.length > 0) o.alert_relabel_configs = a.alertRelabelConfigs.map(relabelToYaml);
  if (a.alertmanagers.length > 0) {
    o.alertmanagers = a.alertmanagers.map((c) => {
      const m: Record<string, unknown> = {};
      authToYaml(c, m, secret);
      Object.assign(m, {
        scheme: c.scheme,
        ...(c.pathPrefix !== '' ? { path_prefix: c.pathPrefix } : {}),
        timeout: formatDuration(c.timeout),
        api_version: c.apiVersion,
      });
      if (c.relabelConfigs.length > 0) m.relabel_configs = c.relabelConfigs.map(relabelToYaml);
      if (c.alertRelabelConfigs.length > 0) m.alert_relabel_configs = c.alertRelabelConfigs.map(relabelToYaml);
      if (c.staticConfigs.length > 0) m.static_configs = c.staticConfigs.map(groupToYaml);
      Object.assign(m, redact ? redactSecrets(c.unsupported) : c.unsupported);
      return m;
    });
  }
  return o;
}
