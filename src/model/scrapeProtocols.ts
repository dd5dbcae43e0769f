// scrape_protocols' names and the media types they ask for, shared by the
// config (which validates the names) and the exposition room (which builds
// the Accept header and picks a parser): config.ScrapeProtocolsHeaders.

export const SCRAPE_PROTOCOL_HEADERS = {
  PrometheusProto: 'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited',
  'PrometheusText0.0.4': 'text/plain;version=0.0.4',
  'PrometheusText1.0.0': 'text/plain;version=1.0.0',
  'OpenMetricsText0.0.1': 'application/openmetrics-text;version=0.0.1',
  'OpenMetricsText1.0.0': 'application/openmetrics-text;version=1.0.0',
} as const;
export type ScrapeProtocol = keyof typeof SCRAPE_PROTOCOL_HEADERS;

/** DefaultScrapeProtocols: the text formats only, what a job asks for unless it scrapes native histograms. */
export const DEFAULT_SCRAPE_PROTOCOLS: readonly ScrapeProtocol[] = ['OpenMetricsText1.0.0', 'OpenMetricsText0.0.1', 'PrometheusText1.0.0', 'PrometheusText0.0.4'];
/** DefaultProtoFirstScrapeProtocols: what scrape_native_histograms asks for when scrape_protocols is unset. */
export const PROTO_FIRST_SCRAPE_PROTOCOLS: readonly ScrapeProtocol[] = ['PrometheusProto', ...DEFAULT_SCRAPE_PROTOCOLS];

export function isScrapeProtocol(name: string): name is ScrapeProtocol {
  return Object.hasOwn(SCRAPE_PROTOCOL_HEADERS, name);
}

/** ScrapeProtocol.Validate's message: the name is case sensitive, the supported ones listed sorted. */
export function unknownProtocolMessage(name: string): string {
  return `unknown scrape protocol ${name}, supported: [${Object.keys(SCRAPE_PROTOCOL_HEADERS).sort().join(' ')}]`;
}
