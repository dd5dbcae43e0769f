import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig, serializeConfig } from './prometheusConfig';
import { DEFAULT_QUEUE_CONFIG } from './remoteWriteConfig';
import { ConfigError } from './yamlDecode';

const FULL = `global:
  scrape_interval: 15s
  evaluation_interval: 30s
  external_labels:
    region: eu
rule_files:
  - rules/*.yml
scrape_configs:
  - job_name: node
    honor_labels: true
    honor_timestamps: false
    params:
      module: [http_2xx]
    scrape_interval: 5s
    scrape_timeout: 2s
    metrics_path: /probe
    scheme: https
    body_size_limit: 10MB
    sample_limit: 1000
    label_limit: 30
    label_name_length_limit: 100
    label_value_length_limit: 200
    basic_auth:
      username: admin
      password: hunter2
    static_configs:
      - targets: ['localhost:9100', 'localhost:9101']
        labels:
          env: dev
    file_sd_configs:
      - files: ['https://example.com/targets.json']
        refresh_interval: 1m
      - inline: [{targets: ['a:1'], labels: {team: x}}]
    relabel_configs:
      - source_labels: [__address__]
        regex: '(.*):.*'
        target_label: host
      - action: hashmod
        source_labels: [host]
        modulus: 4
        target_label: __tmp_shard
    metric_relabel_configs:
      - action: labeldrop
        regex: 'pod_.*'
  - job_name: api
    bearer_token: t0ken
    static_configs:
      - targets: ['api:8080']
remote_write:
  - url: https://remote.example/api/v1/write
    basic_auth: {username: u, password: p}
`;

describe('loadConfig', () => {
  it('fills Prometheus defaults', () => {
    const cfg = loadConfig('scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: [a:1]\n');
    expect(cfg.global).toMatchObject({ scrapeInterval: 60_000, scrapeTimeout: 10_000, evaluationInterval: 60_000, externalLabels: {}, sampleLimit: 0 });
    const job = cfg.scrapeConfigs[0];
    expect(job).toMatchObject({ jobName: 'a', scrapeInterval: 60_000, scrapeTimeout: 10_000, metricsPath: '/metrics', scheme: 'http', honorLabels: false, honorTimestamps: true });
    expect(job.staticConfigs).toEqual([{ targets: ['a:1'], labels: {} }]);
  });

  it('takes the timeout from the global one, capped by the job interval', () => {
    const cfg = loadConfig('global:\n  scrape_interval: 20s\nscrape_configs:\n  - job_name: a\n  - job_name: b\n    scrape_interval: 4s\n');
    expect(cfg.scrapeConfigs.map((c) => [c.scrapeInterval, c.scrapeTimeout])).toEqual([[20_000, 10_000], [4000, 4000]]);
  });

  it('lets jobs inherit the global limits they leave unset', () => {
    const cfg = loadConfig('global:\n  sample_limit: 100\n  body_size_limit: 1MB\nscrape_configs:\n  - job_name: a\n  - job_name: b\n    sample_limit: 5\n');
    expect(cfg.scrapeConfigs.map((c) => [c.sampleLimit, c.bodySizeLimit])).toEqual([[100, 2 ** 20], [5, 2 ** 20]]);
    expect(loadConfig(serializeConfig(cfg))).toEqual(cfg);
  });

  it('reads every supported field', () => {
    const cfg = loadConfig(FULL);
    expect(cfg.global.externalLabels).toEqual({ region: 'eu' });
    expect(cfg.ruleFiles).toEqual(['rules/*.yml']);
    const [node, api] = cfg.scrapeConfigs;
    expect(node).toMatchObject({
      honorLabels: true,
      honorTimestamps: false,
      params: { module: ['http_2xx'] },
      scrapeInterval: 5000,
      scrapeTimeout: 2000,
      metricsPath: '/probe',
      scheme: 'https',
      bodySizeLimit: 10 * 2 ** 20,
      sampleLimit: 1000,
      labelLimit: 30,
      labelNameLengthLimit: 100,
      labelValueLengthLimit: 200,
      basicAuth: { username: 'admin', password: 'hunter2' },
    });
    expect(node.fileSdConfigs).toEqual([
      { files: ['https://example.com/targets.json'], inline: [], refreshInterval: 60_000 },
      { files: [], inline: [{ targets: ['a:1'], labels: { team: 'x' } }], refreshInterval: 300_000 },
    ]);
    expect(node.relabelConfigs[0]).toEqual({ sourceLabels: ['__address__'], separator: ';', regex: '(.*):.*', modulus: 0, targetLabel: 'host', replacement: '$1', action: 'replace' });
    expect(node.relabelConfigs[1]).toMatchObject({ action: 'hashmod', modulus: 4 });
    expect(node.metricRelabelConfigs[0]).toMatchObject({ action: 'labeldrop', regex: 'pod_.*' });
    expect(api.bearerToken).toBe('t0ken');
    expect(cfg.remoteWrite).toEqual([
      {
        url: 'https://remote.example/api/v1/write',
        name: '',
        remoteTimeout: 30_000,
        headers: {},
        writeRelabelConfigs: [],
        basicAuth: { username: 'u', password: 'p' },
        queueConfig: DEFAULT_QUEUE_CONFIG,
        sendNativeHistograms: false,
        unsupported: {},
      },
    ]);
  });

  it('survives a round trip through YAML', () => {
    const cfg = loadConfig(FULL);
    expect(loadConfig(serializeConfig(cfg))).toEqual(cfg);
  });

  it('redacts secrets on request, as Prometheus shows its config', () => {
    const text = serializeConfig(loadConfig(FULL), { redact: true });
    expect(text).not.toMatch(/hunter2|t0ken|password: p\b/);
    expect(text.match(/<secret>/g)).toHaveLength(3);
    expect(serializeConfig(loadConfig(FULL))).toContain('password: hunter2');
  });

  it('keeps fields Prometheus knows but Vigil cannot use, with a warning', () => {
    const cfg = loadConfig('global:\n  query_log_file: q.log\nscrape_configs:\n  - job_name: a\n    tls_config:\n      insecure_skip_verify: true\n');
    expect(cfg.warnings.map((w) => w.message)).toEqual([
      '2:3: field query_log_file is not supported by Vigil and is ignored',
      '5:5: field tls_config is not supported by Vigil and is ignored',
    ]);
    expect(serializeConfig(cfg)).toContain('query_log_file: q.log');
    expect(serializeConfig(cfg)).toContain('insecure_skip_verify: true');
    const again = loadConfig(serializeConfig(cfg));
    expect([again.global, again.scrapeConfigs]).toEqual([cfg.global, cfg.scrapeConfigs]);
  });

  it.each<[string, string, number, number]>([
    ['field foo not found in type config.ScrapeConfig', 'scrape_configs:\n  - job_name: a\n    foo: 1\n', 3, 5],
    ['field bogus not found in type config.plain', 'bogus: 1\n', 1, 1],
    ['field x not found in type config.plain', 'global:\n  x: 1\n', 2, 3],
    ['field bar not found in type struct { Targets []string', 'scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: [a:1]\n        bar: 2\n', 5, 9],
    ['field z not found in type relabel.plain', 'scrape_configs:\n  - job_name: a\n    relabel_configs: [{action: keep, z: 1}]\n', 3, 38],
    ['field w not found in type file.plain', 'scrape_configs:\n  - job_name: a\n    file_sd_configs: [{files: [a.json], w: 1}]\n', 3, 41],
    ['field scrape_configs already set in type config.plain', 'scrape_configs:\nscrape_configs:\n', 2, 1],
    ['scrape timeout greater than scrape interval for scrape config with job name "a"', 'scrape_configs:\n  - job_name: a\n    scrape_interval: 5s\n    scrape_timeout: 10s\n', 4, 5],
    ['global scrape timeout greater than scrape interval', 'global:\n  scrape_interval: 5s\n  scrape_timeout: 6s\n', 3, 3],
    ['not a valid duration string: "10"', 'scrape_configs:\n  - job_name: a\n    scrape_interval: 10\n', 3, 22],
    ['cannot unmarshal !!str `x` into uint', 'scrape_configs:\n  - job_name: a\n    sample_limit: x\n', 3, 19],
    ['cannot unmarshal !!int `3` into bool', 'scrape_configs:\n  - job_name: a\n    honor_labels: 3\n', 3, 19],
    ['cannot unmarshal !!str `x` into url.Values', 'scrape_configs:\n  - job_name: a\n    params: x\n', 3, 13],
    ['units: unknown unit  in 1024', 'scrape_configs:\n  - job_name: a\n    body_size_limit: 1024\n', 3, 22],
    ['unknown relabel action "foo"', 'scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - action: foo\n', 4, 17],
    ['relabel configuration for hashmod requires non-zero modulus', 'scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - {action: hashmod, target_label: x}\n', 4, 9],
    ['"http://localhost:9090" is not a valid hostname', "scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: ['http://localhost:9090']\n", 3, 5],
    ['found multiple scrape configs with job name "a"', 'scrape_configs:\n  - job_name: a\n  - job_name: a\n', 3, 5],
    ['job_name is empty', 'scrape_configs:\n  - scrape_interval: 1m\n', 2, 5],
    ['at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured', 'scrape_configs:\n  - job_name: a\n    basic_auth: {username: u}\n    bearer_token: t\n', 4, 5],
    ['invalid rule file path "a/*/b.yml"', 'rule_files: [a/*/b.yml]\n', 1, 14],
    ['yaml: ', 'scrape_configs:\n  - job_name: a\n    foo: [\n', 4, 1],
    ['url for remote_write is empty', 'remote_write:\n  - name: a\n', 2, 5],
    ['empty or null remote write config section', 'remote_write:\n  -\n', 2, 4],
    ['parse "/api/v1/write": invalid URL', 'remote_write:\n  - url: /api/v1/write\n', 2, 10],
    ['found multiple remote write configs with job name "a"', 'remote_write:\n  - {url: "http://a/", name: a}\n  - {url: "http://b/", name: a}\n', 3, 24],
    ['Content-Encoding is a reserved header. It must not be changed', 'remote_write:\n  - url: http://a/\n    headers: {Content-Encoding: gzip}\n', 3, 15],
    ['authorization header must be changed via the basic_auth', 'remote_write:\n  - url: http://a/\n    headers: {Authorization: x}\n', 3, 15],
    ['at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured', 'remote_write:\n  - url: http://a/\n    basic_auth: {username: u}\n    bearer_token: t\n', 4, 5],
    ['field max_retries not found in type config.QueueConfig', 'remote_write:\n  - url: http://a/\n    queue_config: {max_retries: 3}\n', 3, 20],
    ['empty or null relabeling rule in remote write config', 'remote_write:\n  - url: http://a/\n    write_relabel_configs:\n      -\n', 4, 8],
  ])('rejects with %s', (what, text, line, column) => {
    let err: unknown;
    try {
      loadConfig(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).what).toContain(what);
    expect([(err as ConfigError).line, (err as ConfigError).column]).toEqual([line, column]);
  });

  it('reads an empty file as the defaults', () => {
    expect(loadConfig('').scrapeConfigs).toEqual([]);
  });
});

describe('parseConfig', () => {
  it('answers the problem with its place instead of throwing', () => {
    expect(parseConfig('scrape_configs:\n  - job_name: a\n    foo: 1\n')).toEqual({
      ok: false,
      problems: [{ line: 3, column: 5, message: 'field foo not found in type config.ScrapeConfig' }],
    });
    const ok = parseConfig('scrape_configs:\n  - job_name: a\n');
    expect(ok.ok && ok.config.scrapeConfigs[0].jobName).toBe('a');
  });
});
