import { describe, expect, it } from 'vitest';
import { Labels } from '../model/labels';
import { compileRule, relabel } from '../model/relabel';
import { loadConfig } from './prometheusConfig';

describe('relabel from YAML', () => {
  // BenchmarkRelabel's "example" rules in relabel_test.go (from config/testdata/conf.good.yml).
  it('applies rules as written in a config, an explicit null regex included', () => {
    const cfg = loadConfig(`scrape_configs:
  - job_name: x
    relabel_configs:
      - source_labels: [job, __meta_dns_name]
        regex: "(.*)some-[regex]"
        target_label: job
        replacement: foo-\${1}
      - source_labels: [abc]
        target_label: cde
      - replacement: static
        target_label: abc
      - regex:
        replacement: static
        target_label: abc
`);
    const rules = cfg.scrapeConfigs[0].relabelConfigs.map(compileRule);
    const got = relabel(Labels.from({ __meta_dns_name: 'example-some-x.com', abc: 'def', job: 'foo' }), rules);
    expect(got?.toObject()).toEqual({ __meta_dns_name: 'example-some-x.com', abc: 'static', cde: 'def', job: 'foo' });
  });
});
