import { describe, expect, it } from 'vitest';
import { ACCEPT_HEADER, parserFor, sniffFormat } from './contentType';
import { OpenMetricsParser } from './openMetrics';
import { PromTextParser } from './promText';

const enc = new TextEncoder();
const OM_PAGE = enc.encode('# TYPE a gauge\na 1\n# EOF\n');
const TEXT_PAGE = enc.encode('# TYPE a gauge\na 1\n');

describe('parserFor', () => {
  it.each<[string | null, Uint8Array, typeof OpenMetricsParser | typeof PromTextParser]>([
    ['application/openmetrics-text; version=1.0.0; charset=utf-8', TEXT_PAGE, OpenMetricsParser],
    ['Application/OpenMetrics-Text', OM_PAGE, OpenMetricsParser],
    ['text/plain; version=0.0.4; charset=utf-8', OM_PAGE, PromTextParser],
    ['text/plain;version=1.0.0;escaping=allow-utf-8', TEXT_PAGE, PromTextParser],
    [null, OM_PAGE, OpenMetricsParser],
    [null, TEXT_PAGE, PromTextParser],
    ['', OM_PAGE, OpenMetricsParser],
    ['application/octet-stream', OM_PAGE, OpenMetricsParser],
    ['text/html', TEXT_PAGE, PromTextParser],
  ])('picks the parser for %j', (contentType, page, want) => {
    expect(parserFor(page, contentType)).toBeInstanceOf(want);
  });

  it.each<[string, 'openmetrics' | 'text']>([
    ['a 1\n# EOF', 'openmetrics'],
    ['a 1\n# EOF\n\n', 'openmetrics'],
    ['# EOF\n', 'openmetrics'],
    ['a 1\n#  EOF\n', 'text'],
    ['a 1\nb# EOF\n', 'text'],
    ['', 'text'],
  ])('sniffs %j as %s', (text, want) => {
    expect(sniffFormat(enc.encode(text))).toBe(want);
  });

  it('asks for OpenMetrics first, then the text format, then anything', () => {
    const types = ACCEPT_HEADER.split(',').map((p) => p.split(';')[0]);
    expect(types).toEqual(['application/openmetrics-text', 'application/openmetrics-text', 'text/plain', 'text/plain', '*/*']);
    const weights = ACCEPT_HEADER.split(',').map((p) => Number(/q=([\d.]+)/.exec(p)?.[1]));
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
  });
});
