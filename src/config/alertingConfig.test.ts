import { describe, expect, it } from 'vitest';
import { ConfigError } from './yamlDecode';
import { loadConfig, serializeConfig } from './prometheusConfig';

describe('alerting', () => {
  it('reads alertmanagers with config.go defaults, keeping relabelling and auth, and round-trips', () => {
    const cfg = loadConfig(`alerting:
  alert_relabel_configs:
    - {regex: replica, action: labeldrop}
  alertmanagers:
    - static_configs: [{targets: ['127.0.0.1:9093', 'am2:9093']}]
      path_prefix: /am
      timeout: 5s
      authorization: {credentials: s3cret}
      alert_relabel_configs:
        - {source_labels: [severity], regex: info, action: drop}
    - scheme: https
      basic_auth: {username: u, password: p}
      tls_config: {insecure_skip_verify: true}
`);
    const [a, b] = cfg.alerting.alertmanagers;
    expect(cfg.alerting.alertRelabelConfigs[0]).toMatchObject({ action: 'labeldrop', regex: 'replica' });
    expect(a).toMatchObject({ scheme: 'http', pathPrefix: '/am', timeout: 5000, apiVersion: 'v2', authorization: { type: 'Bearer', credentials: 's3cret' } });
    expect(a.staticConfigs[0].targets).toEqual(['127.0.0.1:9093', 'am2:9093']);
    expect(a.alertRelabelConfigs[0]).toMatchObject({ action: 'drop', regex: 'info' });
    expect(b).toMatchObject({ scheme: 'https', timeout: 10_000, basicAuth: { username: 'u', password: 'p' }, staticConfigs: [] });
    expect(cfg.warnings.map((w) => w.message)).toEqual(['13:7: field tls_config is not supported by Vigil and is ignored']);
    expect(loadConfig(serializeConfig(cfg)).alerting).toEqual(cfg.alerting);
    const shown = serializeConfig(cfg, { redact: true });
    expect(shown).not.toContain('s3cret');
    expect(shown).not.toMatch(/password: p\b/);
  });

  it.each([
    ['expected Alertmanager api version to be one of [v2] but got v1', 'alerting:\n  alertmanagers:\n    - api_version: v1\n', 3, 20],
    ['"http://am:9093" is not a valid hostname', "alerting:\n  alertmanagers:\n    - static_configs: [{targets: ['http://am:9093']}]\n", 3, 7],
    ['empty or null alert relabeling rule', 'alerting:\n  alert_relabel_configs:\n    -\n', 3, 6],
    ['empty or null Alertmanager alert relabeling rule', 'alerting:\n  alertmanagers:\n    - alert_relabel_configs:\n        -\n', 4, 10],
    ['authorization is not compatible with bearer_token', 'alerting:\n  alertmanagers:\n    - bearer_token: a\n      authorization: {credentials: b}\n', 4, 7],
    ['authorization type cannot be set to "basic"', 'alerting:\n  alertmanagers:\n    - authorization: {type: Basic}\n', 3, 29],
    ['field foo not found in type config.AlertmanagerConfig', 'alerting:\n  alertmanagers:\n    - foo: 1\n', 3, 7],
    ['field alertmanager not found in type config.plain', 'alerting:\n  alertmanager: []\n', 2, 3],
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

  it('lets relabelling turn a URL-looking target into an address', () => {
    const cfg = loadConfig("alerting:\n  alertmanagers:\n    - static_configs: [{targets: ['http://am:9093']}]\n      relabel_configs: [{source_labels: [__address__], regex: 'http://(.*)', target_label: __address__}]\n");
    expect(cfg.alerting.alertmanagers[0].relabelConfigs).toHaveLength(1);
  });
});
