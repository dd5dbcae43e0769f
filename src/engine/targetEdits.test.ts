import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/prometheusConfig';
import { applyTargetChange, relabelSteps, staticTargets } from './targetEdits';

const YAML = `# my comment stays
global:
  scrape_interval: 5s
scrape_configs:
  - job_name: demo
    static_configs:
      - targets: ['127.0.0.1:5173']
        labels:
          __metrics_path__: /demo/1/metrics
          instance: demo-1
    relabel_configs:
      - source_labels: [instance]
        regex: 'demo-(.*)'
        target_label: replica
      - source_labels: [replica]
        regex: '9'
        action: drop
`;

function edited(change: Parameters<typeof applyTargetChange>[1]): string {
  const r = applyTargetChange(YAML, change);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.yaml;
}

describe('target edits', () => {
  it('lists static targets with the URL they are scraped at', () => {
    expect(staticTargets(YAML)).toEqual([
      { job: 'demo', group: 0, index: 0, address: '127.0.0.1:5173', url: 'http://127.0.0.1:5173/demo/1/metrics', labels: { instance: 'demo-1' } },
    ]);
  });

  it('adds a target to an existing job as its own group, keeping comments', () => {
    const yaml = edited({ kind: 'add', target: { job: 'demo', url: 'http://127.0.0.1:5173/demo/2/metrics', labels: { instance: 'demo-2' } } });
    expect(yaml).toContain('# my comment stays');
    expect(staticTargets(yaml).map((t) => t.url)).toEqual(['http://127.0.0.1:5173/demo/1/metrics', 'http://127.0.0.1:5173/demo/2/metrics']);
  });

  it('adds a new job for a new job name', () => {
    const yaml = edited({ kind: 'add', target: { job: 'api', url: 'https://api.example:8443/m', labels: {} } });
    const cfg = parseConfig(yaml);
    expect(cfg.ok && cfg.config.scrapeConfigs.map((c) => [c.jobName, c.scheme, c.metricsPath])).toEqual([
      ['demo', 'http', '/metrics'],
      ['api', 'https', '/m'],
    ]);
  });

  it('replaces and removes a target; the last target of a job takes the job with it', () => {
    const at = { job: 'demo', group: 0, index: 0 };
    const replaced = edited({ kind: 'replace', at, target: { job: 'demo', url: 'http://h:1/metrics', labels: {} } });
    expect(staticTargets(replaced).map((t) => t.url)).toEqual(['http://h:1/metrics']);
    expect(staticTargets(edited({ kind: 'remove', at }))).toEqual([]);
  });

  it.each([
    ['not a url', 'is not a URL'],
    ['ftp://h/metrics', 'is not http or https'],
    ['http://h/metrics?x=1', 'params'],
  ])('refuses the target URL %s', (url, why) => {
    const r = applyTargetChange(YAML, { kind: 'add', target: { job: 'x', url, labels: {} } });
    expect(r.ok ? '' : r.problems[0].message).toContain(why);
  });

  it('shows what each relabel rule does, and the drop', () => {
    const discovered = { __address__: 'h:1', __metrics_path__: '/m', __scheme__: 'http', __scrape_interval__: '5s', __scrape_timeout__: '4s', job: 'demo', instance: 'demo-9' };
    const kept = relabelSteps(YAML, 'demo', { ...discovered, instance: 'demo-2' });
    expect(kept.steps.map((s) => s.labels?.replica ?? null)).toEqual(['2', '2']);
    expect(kept).toMatchObject({ final: { instance: 'demo-2', replica: '2' }, error: '' });
    const dropped = relabelSteps(YAML, 'demo', discovered);
    expect(dropped.steps.map((s) => s.labels === null)).toEqual([false, true]);
    expect(dropped.final).toBeNull();
  });
});
