// prometheus.yml's remote_write section, the part the remote room acts on:
// each endpoint with its headers, auth, relabelling and queue settings.

import type { Node } from 'yaml';
import { formatDuration } from '../model/duration';
import { quote } from '../model/labels';
import type { RelabelConfig } from '../model/relabel';
import { readDuration, unsupportedField } from './fieldReaders';
import { AUTH_CONFLICT, authToYaml, BASIC_AUTH_SHAPE, readBasicAuth, redactSecrets, type BasicAuth } from './httpAuth';
import { readRelabelConfigs, RELABEL_SHAPE, relabelToYaml } from './relabelConfig';
import type { ConfigError, YamlSource } from './yamlDecode';
import { listOf, mapping } from './yamlShape';

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
  /** send_native_histograms: native histogram samples are sent; without it they are left out, as Prometheus does. */
  sendNativeHistograms: boolean;
  /** Fields Prometheus knows that Vigil does not act on (metadata_config, tls_config, sigv4…), kept for export. */
  unsupported: Record<string, unknown>;
}

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

const REMOTE_WRITE_FIELDS = ['url', 'remote_timeout', 'headers', 'write_relabel_configs', 'name', 'basic_auth', 'bearer_token', 'queue_config', 'send_native_histograms'];
// RemoteWriteConfig and HTTPClientConfig fields Prometheus knows but Vigil does not act on.
const REMOTE_WRITE_UNSUPPORTED = [
  'metadata_config', 'send_exemplars', 'round_robin_dns', 'protobuf_message', 'sigv4', 'azuread', 'google_iam',
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
const QUEUE_SHAPE = mapping(Object.keys(QUEUE_FIELDS));
export const REMOTE_WRITE_SHAPE = mapping(
  REMOTE_WRITE_FIELDS,
  { write_relabel_configs: listOf(RELABEL_SHAPE), basic_auth: BASIC_AUTH_SHAPE, queue_config: QUEUE_SHAPE },
  REMOTE_WRITE_UNSUPPORTED,
);
// config.go's reservedHeaders: the client sets these itself.
const RESERVED_HEADERS = [
  'host', 'content-encoding', 'content-length', 'content-type', 'user-agent', 'connection', 'keep-alive', 'proxy-authenticate',
  'proxy-authorization', 'www-authenticate', 'accept-encoding', 'x-prometheus-remote-write-version', 'x-prometheus-remote-read-version',
  'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256',
];

export function readRemoteWrites(src: YamlSource, node: Node, warnings: ConfigError[]): RemoteWriteConfig[] {
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
  const f = src.struct(node, 'config.plain', REMOTE_WRITE_SHAPE.keys);
  const c: RemoteWriteConfig = {
    url: '',
    name: '',
    remoteTimeout: DEFAULT_REMOTE_TIMEOUT,
    headers: {},
    writeRelabelConfigs: [],
    queueConfig: { ...DEFAULT_QUEUE_CONFIG },
    sendNativeHistograms: false,
    unsupported: {},
  };
  for (const [key, n] of f) {
    if (n === null || src.isNull(n)) continue;
    switch (key) {
      case 'url': c.url = src.parsed(n, parseUrl); break;
      case 'name': c.name = src.string(n); break;
      case 'remote_timeout': c.remoteTimeout = readDuration(src, n); break;
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
      case 'write_relabel_configs': c.writeRelabelConfigs = readRelabelConfigs(src, n, 'empty or null relabeling rule in remote write config'); break;
      case 'basic_auth': c.basicAuth = readBasicAuth(src, n); break;
      case 'bearer_token': c.bearerToken = src.string(n); break;
      case 'queue_config': readQueueConfig(src, n, c.queueConfig); break;
      case 'send_native_histograms': c.sendNativeHistograms = src.bool(n); break;
      default:
        c.unsupported[key] = src.plain(n);
        warnings.push(unsupportedField(src, node, key));
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
  for (const [key, n] of src.struct(node, 'config.QueueConfig', QUEUE_SHAPE.keys)) {
    if (n === null || src.isNull(n)) continue;
    const field = QUEUE_FIELDS[key];
    if (field === 'retryOnHttp429') into.retryOnHttp429 = src.bool(n);
    else if (field === 'batchSendDeadline' || field === 'minBackoff' || field === 'maxBackoff' || field === 'sampleAgeLimit') into[field] = readDuration(src, n);
    else into[field] = src.uint(n, 'int');
  }
}

export function remoteWriteToYaml(c: RemoteWriteConfig, secret: (s: string) => string, redact: boolean): Record<string, unknown> {
  const o: Record<string, unknown> = { url: c.url, remote_timeout: formatDuration(c.remoteTimeout) };
  if (Object.keys(c.headers).length > 0) o.headers = c.headers;
  if (c.writeRelabelConfigs.length > 0) o.write_relabel_configs = c.writeRelabelConfigs.map(relabelToYaml);
  if (c.name !== '') o.name = c.name;
  if (c.sendNativeHistograms) o.send_native_histograms = true;
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
