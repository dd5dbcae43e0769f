// Picks the exposition parser for a scrape's body from its Content-Type, as
// Prometheus's textparse.New does, and sniffs the body when the header is
// missing or names a format Vigil does not read.

import { OpenMetricsParser } from './openMetrics';
import type { ExpositionParser } from './parser';
import { PromTextParser } from './promText';

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

export type ExpositionFormat = 'openmetrics' | 'text';

/** The format a Content-Type names, or undefined when it names neither. */
export function formatOf(contentType: string | null): ExpositionFormat | undefined {
  if (!contentType) return undefined;
  const mediaType = contentType.split(';', 1)[0].trim().toLowerCase();
  if (mediaType === 'application/openmetrics-text') return 'openmetrics';
  if (mediaType === 'text/plain') return 'text';
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

export function parserFor(buf: Uint8Array, contentType: string | null): ExpositionParser {
  const format = formatOf(contentType) ?? sniffFormat(buf);
  return format === 'openmetrics' ? new OpenMetricsParser(buf) : new PromTextParser(buf);
}
