import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lineChunks } from './lineChunks';
import { OpenMetricsParser } from './openMetrics';
import { readEntries, type ParsedEntry } from './parsedEntries';
import type { MetricType } from '../model/metricType';

const PAGE = new Uint8Array(readFileSync(new URL('../../../shared/conformance/textparse/1histogram.om.txt', import.meta.url)));

async function* pieces(buf: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

function summary(entries: ParsedEntry[]): string[] {
  return entries.map((e) => (e.entry === 'series' ? `${e.labels.toString()} ${e.value}` : e.entry));
}

describe('lineChunks', () => {
  it.each([1, 7, 100, 4096])('cuts a stream read %d bytes at a time at line ends, losing nothing', async (size) => {
    const got: Uint8Array[] = [];
    for await (const c of lineChunks(pieces(PAGE, size), 256)) got.push(c);
    for (const c of got.slice(0, -1)) expect(c[c.length - 1]).toBe(0x0a);
    expect(Buffer.concat(got).equals(Buffer.from(PAGE))).toBe(true);
  });

  it('lets an OpenMetrics file be parsed piece by piece as it parses whole', async () => {
    const whole = summary(readEntries(new OpenMetricsParser(PAGE)));
    const joined: ParsedEntry[] = [];
    let type: MetricType = 'unknown';
    for await (const piece of lineChunks(pieces(PAGE, 50), 300)) {
      const p: OpenMetricsParser = new OpenMetricsParser(piece, { partial: true, type });
      joined.push(...readEntries(p));
      type = p.type();
    }
    expect(summary(joined)).toEqual(whole);
    expect(joined.at(-1)?.entry).toBe('eof');
  });
});
