import { describe, expect, it } from 'vitest';
import { loadConfig, serializeConfig } from './prometheusConfig';
import type { ScrapeProtocol } from '../model/scrapeProtocols';
import type { ScrapeConfig } from './scrapeConfig';

const SUPPORTED = '[OpenMetricsText0.0.1 OpenMetricsText1.0.0 PrometheusProto PrometheusText0.0.4 PrometheusText1.0.0]';
const TEXT: ScrapeProtocol[] = ['OpenMetricsText1.0.0', 'OpenMetricsText0.0.1', 'PrometheusText1.0.0', 'PrometheusText0.0.4'];
const PROTO_FIRST: ScrapeProtocol[] = ['PrometheusProto', ...TEXT];

function job(global: string, jobLines: string): ScrapeConfig {
  return loadConfig(`global:\n  scrape_interval: 1m\n${global}scrape_configs:\n  - job_name: a\n${jobLines}`).scrapeConfigs[0];
}

describe('scrape_protocols and native histogram settings', () => {
  it.each<[string, string, string, Partial<ScrapeConfig>]>([
    ['defaults: text only, no native histograms', '', '', {
      scrapeProtocols: TEXT, scrapeNativeHistograms: false, alwaysScrapeClassicHistograms: false, convertClassicHistogramsToNhcb: false,
      nativeHistogramBucketLimit: 0, nativeHistogramMinBucketFactor: 0, fallbackScrapeProtocol: undefined,
    }],
    ['scrape_native_histograms puts protobuf first', '', '    scrape_native_histograms: true\n', { scrapeProtocols: PROTO_FIRST, scrapeNativeHistograms: true }],
    ['the global switch reaches the job', '  scrape_native_histograms: true\n', '', { scrapeProtocols: PROTO_FIRST, scrapeNativeHistograms: true }],
    ['the job overrides the global switch', '  scrape_native_histograms: true\n', '    scrape_native_histograms: false\n', { scrapeProtocols: TEXT, scrapeNativeHistograms: false }],
    ['a global list wins over the job switch', '  scrape_protocols: [PrometheusText0.0.4]\n', '    scrape_native_histograms: true\n', { scrapeProtocols: ['PrometheusText0.0.4'] }],
    ['the job list wins over the global one', '  scrape_protocols: [PrometheusText0.0.4]\n', '    scrape_protocols: [PrometheusProto]\n', { scrapeProtocols: ['PrometheusProto'] }],
    ['global classic and NHCB switches', '  always_scrape_classic_histograms: true\n  convert_classic_histograms_to_nhcb: true\n', '', {
      alwaysScrapeClassicHistograms: true, convertClassicHistogramsToNhcb: true,
    }],
    ['job limits and fallback', '', '    native_histogram_bucket_limit: 160\n    native_histogram_min_bucket_factor: 1.1\n    fallback_scrape_protocol: PrometheusText0.0.4\n', {
      nativeHistogramBucketLimit: 160, nativeHistogramMinBucketFactor: 1.1, fallbackScrapeProtocol: 'PrometheusText0.0.4',
    }],
  ])('%s', (_, global, jobLines, want) => {
    const c = job(global, jobLines);
    expect(c).toMatchObject(want);
    expect(loadConfig(serializeConfig(loadConfig(`global:\n${global || '  scrape_interval: 1m\n'}scrape_configs:\n  - job_name: a\n${jobLines}`))).scrapeConfigs[0]).toMatchObject(want);
  });

  it.each<[string, string, string]>([
    ['unknown in a job', '    scrape_protocols: [PrometheusProto, Proto]\n', `5:41: scrape_protocols: unknown scrape protocol Proto, supported: ${SUPPORTED} for scrape config with job name "a"`],
    ['case sensitive', '    scrape_protocols: [prometheusproto]\n', `5:24: scrape_protocols: unknown scrape protocol prometheusproto, supported: ${SUPPORTED} for scrape config with job name "a"`],
    ['duplicate, ignoring case', '    scrape_protocols: [PrometheusProto, prometheusproto]\n', '5:41: duplicated protocol in scrape_protocols, got [PrometheusProto prometheusproto] for scrape config with job name "a"'],
    ['empty', '    scrape_protocols: []\n', '5:23: scrape_protocols cannot be empty for scrape config with job name "a"'],
    ['unknown fallback', '    fallback_scrape_protocol: text\n', `5:31: invalid fallback_scrape_protocol for scrape config with job name "a": unknown scrape protocol text, supported: ${SUPPORTED}`],
    ['a factor that is no number', '    native_histogram_min_bucket_factor: big\n', '5:41: cannot unmarshal !!str `big` into float64'],
    ['a negative bucket limit', '    native_histogram_bucket_limit: -1\n', '5:36: cannot unmarshal !!int `-1` into uint'],
  ])('rejects %s', (_, jobLines, message) => {
    expect(() => job('', jobLines)).toThrow(message);
  });

  it('rejects an unknown global protocol, naming the global config', () => {
    expect(() => loadConfig('global:\n  scrape_protocols: [Foo]\n')).toThrow(`2:22: scrape_protocols: unknown scrape protocol Foo, supported: ${SUPPORTED} for global config`);
  });

  it('no longer warns that these fields are ignored', () => {
    const cfg = loadConfig('global:\n  scrape_native_histograms: true\nscrape_configs:\n  - job_name: a\n    native_histogram_bucket_limit: 10\n');
    expect(cfg.warnings).toEqual([]);
  });
});
