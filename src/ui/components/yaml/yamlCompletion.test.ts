import { describe, expect, it } from 'vitest';
import type { MappingShape, YamlShape } from '../../../engine/api';
import { keyCompletions } from './yamlCompletion';

// Shapes as the engine answers them (its readers' key tables, src/engine/yamlFiles.ts), cut down.
const map = (keys: string[], children: Record<string, YamlShape> = {}, ignored: string[] = []): MappingShape => ({ kind: 'mapping', keys: [...keys, ...ignored], children, ignored });
const list = (item: YamlShape): YamlShape => ({ kind: 'list', item });
const RULE = map(['record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations']);
const RULE_FILE_SHAPE = map(['groups'], { groups: list(map(['name', 'interval', 'query_offset', 'limit', 'labels', 'rules'], { rules: list(RULE) })) });
const RELABEL = map(['source_labels', 'separator', 'regex', 'modulus', 'target_label', 'replacement', 'action']);
const GROUP = map(['targets', 'labels']);
const PROMETHEUS_CONFIG_SHAPE = map(['global', 'scrape_configs', 'remote_write'], {
  global: map(['scrape_interval', 'scrape_timeout', 'evaluation_interval', 'external_labels']),
  scrape_configs: list(
    map(
      ['job_name', 'scheme', 'static_configs', 'file_sd_configs', 'relabel_configs'],
      { static_configs: list(GROUP), file_sd_configs: list(map(['files', 'refresh_interval', 'inline'], { inline: list(GROUP) })), relabel_configs: list(RELABEL) },
      ['tls_config', 'kubernetes_sd_configs'],
    ),
  ),
  remote_write: list(map(['url', 'queue_config'], { queue_config: map(['capacity', 'max_shards']) })),
});

function labels(shape: MappingShape, marked: string) {
  const pos = marked.indexOf('‸');
  const r = keyCompletions(shape, marked.slice(0, pos) + marked.slice(pos + 1), pos);
  return r?.options.map((o) => o.label) ?? null;
}

function option(shape: MappingShape, marked: string, label: string) {
  const pos = marked.indexOf('‸');
  return keyCompletions(shape, marked.slice(0, pos) + marked.slice(pos + 1), pos)?.options.find((o) => o.label === label);
}

describe('key completion from the readers’ shapes', () => {
  it('offers a rule’s keys not yet written', () => {
    expect(labels(RULE_FILE_SHAPE, 'groups:\n  - name: g\n    rules:\n      - alert: A\n        ‸')).toEqual([
      'record', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations',
    ]);
  });

  it('offers a group’s keys and a file’s', () => {
    expect(labels(RULE_FILE_SHAPE, 'groups:\n  - ‸')).toEqual(['name', 'interval', 'query_offset', 'limit', 'labels', 'rules']);
    expect(labels(RULE_FILE_SHAPE, 'gr‸')).toEqual(['groups']);
  });

  it('offers scrape config keys, those Vigil ignores marked and ranked last', () => {
    const text = 'scrape_configs:\n  - job_name: a\n    ‸';
    const keys = labels(PROMETHEUS_CONFIG_SHAPE, text)!;
    expect(keys).toContain('static_configs');
    expect(keys).toContain('kubernetes_sd_configs');
    expect(keys).not.toContain('job_name');
    expect(option(PROMETHEUS_CONFIG_SHAPE, text, 'kubernetes_sd_configs')).toMatchObject({ detail: 'kept, not acted on by Vigil', boost: -1 });
  });

  it('reaches relabel rules, remote_write queues and file_sd groups', () => {
    expect(labels(PROMETHEUS_CONFIG_SHAPE, 'scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - ‸')).toContain('target_label');
    expect(labels(PROMETHEUS_CONFIG_SHAPE, 'remote_write:\n  - url: http://x\n    queue_config:\n      ‸')).toContain('max_shards');
    expect(labels(PROMETHEUS_CONFIG_SHAPE, 'scrape_configs:\n  - job_name: a\n    file_sd_configs:\n      - inline:\n          - ‸')).toEqual(['targets', 'labels']);
  });

  it('opens the block of a key whose value is a list or a mapping', () => {
    expect(option(PROMETHEUS_CONFIG_SHAPE, 'scrape_configs:\n  - job_name: a\n    sta‸', 'static_configs')?.apply).toBe('static_configs:\n      - ');
    expect(option(PROMETHEUS_CONFIG_SHAPE, 'glo‸', 'global')?.apply).toBe('global:\n  ');
    expect(option(PROMETHEUS_CONFIG_SHAPE, 'global:\n  scr‸', 'scrape_interval')?.apply).toBe('scrape_interval: ');
  });

  it('offers nothing inside free-form mappings', () => {
    expect(labels(PROMETHEUS_CONFIG_SHAPE, 'global:\n  external_labels:\n    ‸')).toBeNull();
    expect(labels(RULE_FILE_SHAPE, 'groups:\n  - name: g\n    rules:\n      - alert: A\n        labels:\n          ‸')).toBeNull();
  });
});
