import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/prometheusConfig';
import { targetRules, targetsFromGroups } from './targets';

function build(yaml: string) {
  const cfg = loadConfig(yaml).scrapeConfigs[0];
  return targetsFromGroups(cfg, cfg.staticConfigs, targetRules(cfg));
}

describe('targetsFromGroups', () => {
  it('gives a static target its job, instance and URL', () => {
    const { active, dropped } = build(`
scrape_configs:
  - job_name: node
    scrape_interval: 15s
    params: {module: [a, b], debug: ['1']}
    static_configs:
      - targets: ['localhost:9100']
        labels: {env: dev}
`);
    expect(dropped).toEqual([]);
    expect(active).toHaveLength(1);
    const t = active[0];
    expect(t.publicLabels.toObject()).toEqual({ env: 'dev', instance: 'localhost:9100', job: 'node' });
    expect(t.url).toBe('http://localhost:9100/metrics?debug=1&module=a&module=b');
    expect([t.interval, t.timeout]).toEqual([15_000, 10_000]);
    expect(t.discoveredLabels.toObject()).toEqual({
      __address__: 'localhost:9100',
      __metrics_path__: '/metrics',
      __param_debug: '1',
      __param_module: 'a',
      __scheme__: 'http',
      __scrape_interval__: '15s',
      __scrape_timeout__: '10s',
      env: 'dev',
      job: 'node',
    });
  });

  it('lets relabelling rewrite the scrape through the reserved labels', () => {
    const { active } = build(`
scrape_configs:
  - job_name: blackbox
    params: {module: [http_2xx]}
    static_configs:
      - targets: ['https://example.com']
    relabel_configs:
      - source_labels: [__address__]
        target_label: __param_target
      - source_labels: [__param_target]
        target_label: instance
      - target_label: __address__
        replacement: 127.0.0.1:9115
      - target_label: __scrape_interval__
        replacement: 30s
      - target_label: __scheme__
        replacement: https
      - target_label: __metrics_path__
        replacement: /probe
`);
    const t = active[0];
    expect(t.url).toBe('https://127.0.0.1:9115/probe?module=http_2xx&target=https%3A%2F%2Fexample.com');
    expect(t.publicLabels.toObject()).toEqual({ instance: 'https://example.com', job: 'blackbox' });
    expect(t.interval).toBe(30_000);
  });

  it('keeps targets dropped by relabelling, with their labels before relabelling', () => {
    const { active, dropped } = build(`
scrape_configs:
  - job_name: a
    static_configs:
      - targets: ['keep:1', 'drop:2']
    relabel_configs:
      - source_labels: [__address__]
        regex: 'drop:.*'
        action: drop
`);
    expect(active.map((t) => t.url)).toEqual(['http://keep:1/metrics']);
    expect(dropped.map((d) => d.discoveredLabels.get('__address__'))).toEqual(['drop:2']);
  });

  it.each([
    ['a target without address', "      - target_label: __address__\n        replacement: ''\n", 'no address'],
    ['a timeout longer than the interval', '      - target_label: __scrape_timeout__\n        replacement: 2m\n', 'scrape timeout cannot be greater than scrape interval ("2m" > "1m")'],
    ['a bad interval', '      - target_label: __scrape_interval__\n        replacement: soon\n', 'error parsing scrape interval: not a valid duration string'],
  ])('reports %s', (_name, rule, want) => {
    const { active, failures } = build(`
scrape_configs:
  - job_name: a
    static_configs:
      - targets: ['a:1']
    relabel_configs:
${rule}`);
    expect(active).toEqual([]);
    expect(failures[0]).toMatch(/^instance 0 in group 0: /);
    expect(failures[0]).toContain(want);
  });
});
