import { describe, expect, it } from 'vitest';
import { loadConfig, serializeConfig } from './prometheusConfig';
import { DEFAULT_QUEUE_CONFIG } from './remoteWriteConfig';

describe('remote_write', () => {
  it('types remote_write with Prometheus defaults, warning about what it ignores', () => {
    const cfg = loadConfig(`remote_write:
  - url: http://127.0.0.1:9090/api/v1/write
    name: central
    remote_timeout: 10s
    headers: {X-Scope-OrgID: team-a}
    bearer_token: s3cret
    write_relabel_configs:
      - {source_labels: [__name__], regex: 'go_.*', action: drop}
    send_native_histograms: true
    queue_config: {max_samples_per_send: 500, batch_send_deadline: 1s, max_backoff: 2s, retry_on_http_429: true}
    metadata_config: {send: false}
`);
    const [rw] = cfg.remoteWrite;
    expect(rw).toMatchObject({ url: 'http://127.0.0.1:9090/api/v1/write', name: 'central', remoteTimeout: 10_000, sendNativeHistograms: true, headers: { 'X-Scope-OrgID': 'team-a' }, bearerToken: 's3cret' });
    expect(rw.queueConfig).toEqual({ ...DEFAULT_QUEUE_CONFIG, maxSamplesPerSend: 500, batchSendDeadline: 1000, maxBackoff: 2000, retryOnHttp429: true });
    expect(rw.writeRelabelConfigs[0]).toMatchObject({ action: 'drop', regex: 'go_.*' });
    expect(cfg.warnings.map((w) => w.message)).toEqual(['11:5: field metadata_config is not supported by Vigil and is ignored']);
    expect(loadConfig(serializeConfig(cfg)).remoteWrite).toEqual(cfg.remoteWrite);
    expect(serializeConfig(cfg, { redact: true })).not.toContain('s3cret');
  });
});
