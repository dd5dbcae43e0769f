// Picks the exposition parser for a scrape's body from its Content-Type, as
// Prometheus's textparse.New does, and sniffs the body when the header is
// missing or names a format Vigil does not read.

import { OpenMetricsParser } from './openMetrics';
import type { ExpositionParser } from './parser';
import { ProtobufParser, type ProtobufOptions } from './protobuf';
import { PromTextParser } from './promText';
import { SCRAPE_PROTOCOL_HEADERS, type ScrapeProtocol } from '../model/scrapeProtocols';

/** scrape.acceptHeader: each protocol weighted one tenth below the one before, escaping on the 1.0.0 text formats. */
export function acceptHeader(protocols: readonly ScrapeProtocol[], escaping = 'allow-utf-8'): string {
  let weight = Object.keys(SCRAPE_PROTOCOL_HEADERS).length + 1;
  const vals = protocols.map((p) => {
    let v: string = SCRAPE_PROTOCOL_HEADERS[p];
    if (p === 'PrometheusText1.0.0' || p === 'OpenMetricsText1.0.0') v += `;escaping=${escaping}`;
    return `${v};q=0.${weight--}`;
  });
  vals.push(`*/*;q=0.${weight}`);
  return vals.join(',');
}

/**
 * The Accept header Prometheus 3 sends with its default scrape_protocols
 * (OpenMetrics 1.0.0, OpenMetrics 0.0.1, text 1.0.0, text 0.0.4) and UTF-8
 * names allowed, built as scrape.acceptHeader weighs them.
 */
export const ACCEPT_HEADER =
  'application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,' +
  'application/openmetrics-text;version=0.0.1;q=0.5,' +
  'text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,' +
  'text/plain;version=0.0.4;q=0.3,' +
  '*/*;q=0.2';

export type ExpositionFormat = 'openmetrics' | 'text' | 'protobuf';

/** The format a Content-Type names, or undefined when it names neither. */
export function formatOf(contentType: string | null): ExpositionFormat | undefined {
  if (!contentType) return undefined;
  const mediaType = contentType.split(';', 1)[0].trim().toLowerCase();
  if (mediaType === 'application/openmetrics-text') return 'openmetrics';
  if (mediaType === 'text/plain') return 'text';
  if (mediaType === 'application/vnd.google.protobuf' && /proto=io\.prometheus\.client\.metricfamily/i.test(contentType)) return 'protobuf';
  return undefined;
}

/** OpenMetrics when the body's last line is `# EOF`, else the text format. */
export function sniffFormat(buf: Uint8Array): ExpositionFormat {
  let end = buf.length;
  while (end > 0 && (buf[end - 1] === 0x0a || buf[end - 1] === 0x0d || buf[end - 1] === 0x20)) end--;
  const eof = '# EOF';
  if (end < eof.length || (end > eof.length && buf[end - eof.length - 1] !== 0x0a)) return 'text';
  for (let i = 0; i < eof.length; i++) if (buf[end - eof.length + i] !== eof.charCodeAt(i)) return 'text';
  return 'openmetrics';
}

/** The format a fallback_scrape_protocol names. */
export function formatOfProtocol(p: ScrapeProtocol): ExpositionFormat {
  if (p === 'PrometheusProto') return 'protobuf';
  return p.startsWith('OpenMetrics') ? 'openmetrics' : 'text';
}

/**
 * The parser for a body: the Content-Type's format, else fallback_scrape_protocol's,
 * else (where Prometheus fails the scrape) a sniff of the text formats.
 */
export function parserFor(buf: Uint8Array, contentType: string | null, fallback?: ScrapeProtocol, proto: ProtobufOptions = {}): ExpositionParser {
  const format = formatOf(contentType) ?? (fallback ? formatOfProtocol(fallback) : sniffFormat(buf));
  if (format === 'protobuf') return new ProtobufParser(buf, proto);
  return format === 'openmetrics' ? new OpenMetricsParser(buf) : new PromTextParser(buf);
}
