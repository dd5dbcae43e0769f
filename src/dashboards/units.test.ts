import { describe, expect, it } from 'vitest';
import { formattedText, formatValue, toFixed, UNIT_CHOICES } from './units';

// Cases from Grafana's valueFormats.test.ts, symbolFormatters.test.ts and
// dateTimeFormatters.test.ts, then the ids a Prometheus board uses most.
describe('formatValue as Grafana', () => {
  it.each<[string, number | null, number, string]>([
    ['currencyUSD', 2, 1532.82, '$1.53K'],
    ['currencyKRW', 2, 1532.82, '₩1.53K'],
    ['ms', 4, 0.0024, '0.0024 ms'],
    ['ms', 0, 100, '100 ms'],
    ['ms', 2, 1250, '1.25 s'],
    ['ms', 1, 10000086.123, '2.8 hour'],
    ['ms', 0, 1200, '1 s'],
    ['short', 2, 9876543, '9.88 Mil'],
    ['kbytes', 3, 10000000, '9.537 GiB'],
    ['deckbytes', 3, 10000000, '10.000 GB'],
    ['megwatt', 3, 1000, '1.000 GW'],
    ['kohm', 3, 1000, '1.000 MΩ'],
    ['Mohm', 3, 1000, '1.000 GΩ'],
    ['farad', 3, 1000, '1.000 kF'],
    ['µfarad', 3, 1000, '1.000 mF'],
    ['nfarad', 3, 1000, '1.000 µF'],
    ['pfarad', 3, 1000, '1.000 nF'],
    ['ffarad', 3, 1000, '1.000 pF'],
    ['henry', 3, 1000, '1.000 kH'],
    ['mhenry', 3, 1000, '1.000 H'],
    ['µhenry', 3, 1000, '1.000 mH'],
    ['a', 0, 1532.82, '1533 a'],
    ['b', 0, 1532.82, '1533 b'],
    ['prefix:b', null, 1532.82, 'b1533'],
    ['suffix:d', null, 1532.82, '1533 d'],
    ['si:µF', 2, 1234, '1.23 mF'],
    ['si:µF', 2, 1234000000, '1.23 kF'],
    ['si:µF', 2, 1234000000000000, '1.23 GF'],
    ['count:xpm', 2, 1234567, '1.23M xpm'],
    ['count:x/min', 2, 1234, '1.23K x/min'],
    ['currency:@', 2, 1234567, '@1.23M'],
    ['currency:@', 2, 1234, '@1.23K'],
    // dateTimeFormatters.test.ts
    ['ns', null, 1, '1 ns'],
    ['ns', null, 1000, '1 µs'],
    ['ns', null, 1000000, '1 ms'],
    ['ns', null, 1000000000, '1 s'],
    ['ns', null, 60000000000, '1 min'],
    ['ns', null, 3600000000000, '1 hour'],
    ['ns', null, 86400000000000, '1 day'],
    ['µs', null, 1, '1 µs'],
    ['µs', null, 1000, '1 ms'],
    ['µs', null, 1000000, '1 s'],
    ['s', null, 0, '0 s'],
    ['s', null, 1, '1 s'],
    ['s', null, 0.001, '1 ms'],
    ['s', null, 0.000001, '1 µs'],
    ['s', null, 90, '1.50 min'],
    ['s', null, 7200, '2 hour'],
    ['s', null, 172800, '2 day'],
    ['s', null, 1209600, '2 week'],
    ['m', null, 1, '1 min'],
    ['m', null, 90, '1.50 hour'],
    ['h', null, 1, '1 hour'],
    ['h', null, 48, '2 day'],
    ['d', null, 3, '3 day'],
    ['d', null, 14, '2 week'],
    ['dtdurationms', null, 1000, '1 second'],
    ['dtdurationms', null, 1, '1 millisecond'],
    ['dtdurations', null, 1, '1 second'],
    ['dtdurations', null, 0, '0 seconds'],
    ['dtdurations', 2, 3602, '1 hour, 0 minutes, 2 seconds'],
    ['dtdurations', 1, 3602, '1 hour, 0 minutes'],
    ['dtdurations', null, -1, '1 second ago'],
    // The ids of Prometheus boards.
    ['', null, 1234.5678, '1235'],
    ['none', null, 0.123456, '0.123'],
    ['short', null, 1500, '1.50 K'],
    ['short', null, 0, '0'],
    ['percent', 1, 42.25, '42.3%'],
    ['percentunit', null, 0.256, '25.6%'],
    ['percentunit', 0, 0.5, '50%'],
    ['bytes', null, 1536, '1.50 KiB'],
    ['bytes', null, 512, '512 B'],
    ['bytes', 1, 3 * 1024 ** 3, '3.0 GiB'],
    ['decbytes', null, 1500, '1.50 kB'],
    ['bits', 0, 2048, '2 Kib'],
    ['decbits', 0, 2000, '2 kb'],
    ['bps', 1, 1.5e6, '1.5 Mb/s'],
    ['Bps', 1, 1.5e6, '1.5 MB/s'],
    ['binBps', 1, 1536, '1.5 KiB/s'],
    ['mbytes', 0, 2048, '2 GiB'],
    ['gbytes', 0, 1, '1 GiB'],
    ['reqps', 1, 12.34, '12.3 req/s'],
    ['reqps', 1, 12340, '12.3K req/s'],
    ['rps', 0, 5, '5 rd/s'],
    ['ops', 0, 5, '5 ops/s'],
    ['iops', 0, 5, '5 io/s'],
    ['wps', 0, 5, '5 wr/s'],
    ['rpm', 0, 5, '5 rd/m'],
    ['opm', 0, 5, '5 ops/m'],
    ['hertz', 1, 2.5e9, '2.5 GHz'],
    ['celsius', 1, 21.25, '21.3 °C'],
    ['fahrenheit', 0, 70, '70 °F'],
    ['farenheit', 0, 70, '70 °F'],
    ['sci', 2, 12345, '1.23e+4'],
    ['s', 2, 1e-10, '0.10 ns'],
    ['bytes', null, -2048, '-2 KiB'],
  ])('%s, decimals %s: %d reads %j', (unit, decimals, value, want) => {
    expect(formattedText(formatValue(value, unit, decimals))).toBe(want);
  });

  it('keeps the prefix and suffix apart, for a stat to size them', () => {
    expect(formatValue(1532.82, 'currencyUSD', 2)).toEqual({ prefix: '$', text: '1.53', suffix: 'K' });
    expect(formatValue(1536, 'bytes', 1)).toEqual({ prefix: '', text: '1.5', suffix: ' KiB' });
  });

  it('reads NaN and infinities as Grafana does', () => {
    expect(formattedText(formatValue(NaN, 'bytes', null))).toBe('NaN');
    expect(formatValue(Infinity, 'bytes', null).text).toBe(Infinity.toLocaleString());
    expect(formatValue(-Infinity, 's', null).text).toBe((-Infinity).toLocaleString());
  });

  it('formats dates in UTC or the browser zone', () => {
    expect(formattedText(formatValue(Date.UTC(2010, 6, 2, 13, 4, 5), 'dateTimeAsIso', null, 'utc'))).toBe('2010-07-02 13:04:05');
    expect(formattedText(formatValue(Date.UTC(2010, 6, 2, 13, 4, 5), 'dateTimeAsUS', null, 'utc'))).toBe('07/02/2010 1:04:05 pm');
    const local = new Date(2010, 6, 2).valueOf();
    expect(formattedText(formatValue(local, 'dateTimeAsIso', 0))).toBe('2010-07-02 00:00:00');
  });
});

// Grafana's automatic decimals give two significant digits past the first (1.50, 0.123).
describe('toFixed', () => {
  it.each<[number, number | null, string]>([
    [100, null, '100'],
    [100.4, null, '100'],
    [100.5, null, '101'],
    [100, 1, '100.0'],
    [100.37, 1, '100.4'],
    [100.63, 1, '100.6'],
    [100.4, 2, '100.40'],
    [100.5, 2, '100.50'],
    [186.123, -2, '186'],
    [0, 2, '0.00'],
    [0.0123, null, '0.0123'],
    [2.5, null, '2.50'],
    [1e-12, null, '1e-12'],
  ])('%d with %s decimals is %j', (value, decimals, want) => {
    expect(toFixed(value, decimals)).toBe(want);
  });
});

describe('UNIT_CHOICES', () => {
  it('offers each unit once, with the ids the brief names', () => {
    const ids = UNIT_CHOICES.map((u) => u.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['none', 'short', 'percent', 'percentunit', 'bytes', 'decbytes', 'bits', 'decbits', 'bps', 'Bps', 'binBps', 's', 'ms', 'µs', 'ns', 'm', 'h', 'd', 'dtdurations', 'reqps', 'rps', 'ops', 'iops', 'wps', 'rpm', 'opm', 'hertz', 'celsius', 'fahrenheit', 'kbytes', 'mbytes', 'gbytes', 'currencyUSD', 'locale', 'sci', 'dateTimeAsIso']) {
      expect(ids).toContain(id);
    }
  });
});
