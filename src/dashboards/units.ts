// Grafana's unit ids and how Grafana formats a number in each, so a board
// imported from Grafana reads the same here. Ports
// packages/grafana-data/src/valueFormats: toFixed, scaledUnits, SIPrefix,
// binaryPrefix, simpleCountUnit, currency (valueFormats.ts,
// symbolFormatters.ts), the time formatters (dateTimeFormatters.ts) and the
// table of ids (categories.ts), for the ids a Prometheus board uses.

export interface FormattedValue {
  text: string;
  prefix: string;
  suffix: string;
}

export type UnitTimeZone = 'browser' | 'utc';

type Formatter = (value: number, decimals: number | null, timeZone: UnitTimeZone) => Omit<FormattedValue, 'prefix'> & { prefix?: string };

/** Grafana's toFixed: `decimals` null picks as many as the value's magnitude needs (getDecimalsForValue). */
export function toFixed(value: number, decimals: number | null): string {
  if (value === Infinity || value === -Infinity) return value.toLocaleString();
  const d = decimals ?? decimalsForValue(value);
  if (value === 0) return value.toFixed(Math.max(0, d));
  const factor = d > 0 ? 10 ** d : 1;
  const formatted = String(Math.round(value * factor) / factor);
  if (formatted.includes('e')) return formatted;
  const dot = formatted.indexOf('.');
  const precision = dot === -1 ? 0 : formatted.length - dot - 1;
  if (precision < d) return (precision ? formatted : `${formatted}.`) + String(factor).slice(1, d - precision + 1);
  return formatted;
}

function decimalsForValue(value: number): number {
  const abs = Math.abs(value);
  if (!Number.isFinite(abs) || abs === 0) return 0;
  let dec = -Math.floor(Math.log10(abs)) + 1;
  // Grafana's special case: a normalised value above 2.25 (2.5) needs one more.
  if (abs / 10 ** -dec > 2.25) dec++;
  if (value % 1 === 0) dec = 0;
  return Math.max(0, dec);
}

function fixedUnit(unit: string, asPrefix = false): Formatter {
  return (v, d) => {
    const text = toFixed(v, d);
    if (!unit) return { text, suffix: '' };
    return asPrefix ? { text, prefix: unit, suffix: '' } : { text, suffix: ` ${unit}` };
  };
}

/** Grafana's scaledUnits: the value divided by factor^k, k clamped so the suffix exists; offset is the index of factor^0. */
function scaledUnits(factor: number, suffixes: string[], offset = 0): Formatter {
  return (v, d) => {
    if (!Number.isFinite(v)) return { text: v.toLocaleString(), suffix: '' };
    const k = v === 0 ? 0 : Math.floor(Math.log10(Math.abs(v)) / Math.log10(factor));
    const at = clamp(offset + k, 0, suffixes.length - 1);
    return { text: toFixed(v / factor ** (at - offset), d), suffix: suffixes[at] };
  };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

const SI_PREFIXES = ['f', 'p', 'n', 'µ', 'm', '', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
const SI_BASE = SI_PREFIXES.indexOf('');

function siPrefix(unit: string, offset = 0): Formatter {
  return scaledUnits(1000, SI_PREFIXES.map((p) => ` ${p}${unit}`), SI_BASE + offset);
}

function binaryPrefix(unit: string, offset = 0): Formatter {
  return scaledUnits(1024, ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi'].map((p) => ` ${p}${unit}`), offset);
}

function countUnit(symbol: string): Formatter {
  const scaler = scaledUnits(1000, ['', 'K', 'M', 'B', 'T']);
  return (v, d, tz) => {
    const out = scaler(v, d, tz);
    return { ...out, suffix: `${out.suffix} ${symbol}` };
  };
}

function currency(symbol: string, asSuffix = false): Formatter {
  const scaler = scaledUnits(1000, ['', 'K', 'M', 'B', 'T']);
  return (v, d, tz) => {
    const out = scaler(v, d, tz);
    return asSuffix ? { ...out, suffix: `${out.suffix}${symbol}` } : { ...out, prefix: symbol };
  };
}

/** A ladder of [limit, divisor, suffix]: the first row whose limit exceeds |v| scales it (Grafana's toSeconds and kin). */
function ladder(rows: [number, number, string][], last: [number, string]): Formatter {
  return (v, d) => {
    const abs = Math.abs(v);
    for (const [limit, divisor, suffix] of rows) if (abs < limit) return { text: toFixed(v / divisor, d), suffix };
    return { text: toFixed(v / last[0], d), suffix: last[1] };
  };
}

const toNanoSeconds = ladder(
  [[1e3, 1, ' ns'], [1e6, 1e3, ' µs'], [1e9, 1e6, ' ms'], [6e10, 1e9, ' s'], [3.6e12, 6e10, ' min'], [8.64e13, 3.6e12, ' hour']],
  [8.64e13, ' day'],
);
const toMicroSeconds = ladder([[1e3, 1, ' µs'], [1e6, 1e3, ' ms']], [1e6, ' s']);
const toMilliSeconds = ladder(
  [[1e3, 1, ' ms'], [6e4, 1e3, ' s'], [3.6e6, 6e4, ' min'], [8.64e7, 3.6e6, ' hour'], [3.1536e10, 8.64e7, ' day']],
  [3.1536e10, ' year'],
);
const toSecondsLadder = ladder(
  [[1e-6, 1e-9, ' ns'], [1e-3, 1e-6, ' µs'], [1, 1e-3, ' ms'], [60, 1, ' s'], [3600, 60, ' min'], [86400, 3600, ' hour'], [604800, 86400, ' day'], [31536000, 604800, ' week']],
  [3.15569e7, ' year'],
);
const toSeconds: Formatter = (v, d, tz) => (v === 0 ? { text: '0', suffix: ' s' } : toSecondsLadder(v, d, tz));
const toMinutes = ladder([[60, 1, ' min'], [1440, 60, ' hour'], [10080, 1440, ' day'], [604800, 10080, ' week']], [5.25948e5, ' year']);
const toHours = ladder([[24, 1, ' hour'], [168, 24, ' day'], [8760, 168, ' week']], [8760, ' year']);
const toDays = ladder([[7, 1, ' day'], [365, 7, ' week']], [365, ' year']);

const DURATION_UNITS: [string, number][] = [
  ['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1], ['millisecond', 0.001],
];

/** Grafana's toDuration: "1 hour, 2 minutes", `decimals` more units after the first. */
function toDuration(scaleSeconds: number, scaleName: string): Formatter {
  const format: Formatter = (v, d, tz) => {
    if (v === 0) return { text: '0', suffix: ` ${scaleName}s` };
    if (v < 0) {
      const out = format(-v, d, tz);
      return { ...out, suffix: `${out.suffix} ago` };
    }
    let ms = v * scaleSeconds * 1000;
    const parts: string[] = [];
    let left = d ?? 0;
    let started = false;
    for (let i = 0; i < DURATION_UNITS.length && left >= 0; i++) {
      const size = DURATION_UNITS[i][1] * 1000;
      const n = ms / size;
      if (n >= 1 || started) {
        started = true;
        const whole = Math.floor(n);
        parts.push(`${whole} ${DURATION_UNITS[i][0]}${whole !== 1 ? 's' : ''}`);
        ms %= size;
        left--;
      }
    }
    return { text: parts.join(', '), suffix: '' };
  };
  return format;
}

const toPercentUnit: Formatter = (v, d) => ({ text: toFixed(100 * v, d), suffix: '%' });
const toPercent: Formatter = (v, d) => ({ text: toFixed(v, d), suffix: '%' });
const sci: Formatter = (v, d) => ({ text: v.toExponential(d ?? undefined), suffix: '' });
const locale: Formatter = (v, d) => ({ text: v.toLocaleString(undefined, { maximumFractionDigits: d ?? undefined }), suffix: '' });

function dateTime(pattern: 'iso' | 'us'): Formatter {
  return (v, _d, tz) => {
    const date = new Date(v);
    const utc = tz === 'utc';
    const part = (local: () => number, inUtc: () => number) => (utc ? inUtc() : local());
    const y = part(() => date.getFullYear(), () => date.getUTCFullYear());
    const mo = part(() => date.getMonth(), () => date.getUTCMonth()) + 1;
    const day = part(() => date.getDate(), () => date.getUTCDate());
    const h = part(() => date.getHours(), () => date.getUTCHours());
    const mi = part(() => date.getMinutes(), () => date.getUTCMinutes());
    const s = part(() => date.getSeconds(), () => date.getUTCSeconds());
    const p = (n: number) => String(n).padStart(2, '0');
    if (pattern === 'iso') return { text: `${y}-${p(mo)}-${p(day)} ${p(h)}:${p(mi)}:${p(s)}`, suffix: '' };
    const h12 = h % 12 === 0 ? 12 : h % 12;
    return { text: `${p(mo)}/${p(day)}/${y} ${h12}:${p(mi)}:${p(s)} ${h < 12 ? 'am' : 'pm'}`, suffix: '' };
  };
}

interface UnitEntry {
  id: string;
  name: string;
  category: string;
  fn: Formatter;
}

function category(name: string, entries: [string, string, Formatter][]): UnitEntry[] {
  return entries.map(([id, label, fn]) => ({ id, name: label, category: name, fn }));
}

// categories.ts, in Grafana's order, for the categories a Prometheus board uses.
const UNITS: UnitEntry[] = [
  ...category('Misc', [
    ['none', 'Number', fixedUnit('')],
    ['short', 'short', scaledUnits(1000, ['', ' K', ' Mil', ' Bil', ' Tri', ' Quadr', ' Quint', ' Sext', ' Sept'])],
    ['percent', 'Percent (0-100)', toPercent],
    ['percentunit', 'Percent (0.0-1.0)', toPercentUnit],
    ['humidity', 'Humidity (%H)', fixedUnit('%H')],
    ['dB', 'Decibel', fixedUnit('dB')],
    ['sci', 'Scientific notation', sci],
    ['locale', 'Locale format', locale],
    ['pixel', 'Pixels', fixedUnit('px')],
  ]),
  ...category('Currency', [
    ['currencyUSD', 'Dollars ($)', currency('$')],
    ['currencyGBP', 'Pounds (£)', currency('£')],
    ['currencyEUR', 'Euro (€)', currency('€')],
    ['currencyJPY', 'Yen (¥)', currency('¥')],
    ['currencyKRW', 'South Korean Won (₩)', currency('₩')],
    ['currencySEK', 'Swedish Krona (kr)', currency('kr', true)],
  ]),
  ...category('Data', [
    ['bytes', 'bytes(IEC)', binaryPrefix('B')],
    ['decbytes', 'bytes(SI)', siPrefix('B')],
    ['bits', 'bits(IEC)', binaryPrefix('b')],
    ['decbits', 'bits(SI)', siPrefix('b')],
    ['kbytes', 'kibibytes', binaryPrefix('B', 1)],
    ['deckbytes', 'kilobytes', siPrefix('B', 1)],
    ['mbytes', 'mebibytes', binaryPrefix('B', 2)],
    ['decmbytes', 'megabytes', siPrefix('B', 2)],
    ['gbytes', 'gibibytes', binaryPrefix('B', 3)],
    ['decgbytes', 'gigabytes', siPrefix('B', 3)],
    ['tbytes', 'tebibytes', binaryPrefix('B', 4)],
    ['dectbytes', 'terabytes', siPrefix('B', 4)],
  ]),
  ...category('Data rate', [
    ['pps', 'packets/sec', siPrefix('p/s')],
    ['binBps', 'bytes/sec(IEC)', binaryPrefix('B/s')],
    ['Bps', 'bytes/sec(SI)', siPrefix('B/s')],
    ['binbps', 'bits/sec(IEC)', binaryPrefix('b/s')],
    ['bps', 'bits/sec(SI)', siPrefix('b/s')],
    ['KiBs', 'kibibytes/sec', binaryPrefix('B/s', 1)],
    ['KBs', 'kilobytes/sec', siPrefix('B/s', 1)],
    ['Kbits', 'kilobits/sec', siPrefix('b/s', 1)],
    ['MiBs', 'mebibytes/sec', binaryPrefix('B/s', 2)],
    ['MBs', 'megabytes/sec', siPrefix('B/s', 2)],
    ['Mbits', 'megabits/sec', siPrefix('b/s', 2)],
    ['GBs', 'gigabytes/sec', siPrefix('B/s', 3)],
    ['Gbits', 'gigabits/sec', siPrefix('b/s', 3)],
  ]),
  ...category('Date & time', [
    ['dateTimeAsIso', 'Datetime ISO', dateTime('iso')],
    ['dateTimeAsUS', 'Datetime US', dateTime('us')],
  ]),
  ...category('Energy', [
    ['watt', 'Watt (W)', siPrefix('W')],
    ['kwatt', 'Kilowatt (kW)', siPrefix('W', 1)],
    ['megwatt', 'Megawatt (MW)', siPrefix('W', 2)],
    ['watth', 'Watt-hour (Wh)', siPrefix('Wh')],
    ['kwatth', 'Kilowatt-hour (kWh)', siPrefix('Wh', 1)],
    ['joule', 'Joule (J)', siPrefix('J')],
    ['amp', 'Ampere (A)', siPrefix('A')],
    ['volt', 'Volt (V)', siPrefix('V')],
    ['ohm', 'Ohm (Ω)', siPrefix('Ω')],
    ['kohm', 'Kiloohm (kΩ)', siPrefix('Ω', 1)],
    ['Mohm', 'Megaohm (MΩ)', siPrefix('Ω', 2)],
    ['farad', 'Farad (F)', siPrefix('F')],
    ['µfarad', 'Microfarad (µF)', siPrefix('F', -2)],
    ['nfarad', 'Nanofarad (nF)', siPrefix('F', -3)],
    ['pfarad', 'Picofarad (pF)', siPrefix('F', -4)],
    ['ffarad', 'Femtofarad (fF)', siPrefix('F', -5)],
    ['henry', 'Henry (H)', siPrefix('H')],
    ['mhenry', 'Millihenry (mH)', siPrefix('H', -1)],
    ['µhenry', 'Microhenry (µH)', siPrefix('H', -2)],
  ]),
  ...category('Temperature', [
    ['celsius', 'Celsius (°C)', fixedUnit('°C')],
    ['fahrenheit', 'Fahrenheit (°F)', fixedUnit('°F')],
    ['kelvin', 'Kelvin (K)', fixedUnit('K')],
  ]),
  ...category('Time', [
    ['hertz', 'Hertz (1/s)', siPrefix('Hz')],
    ['ns', 'nanoseconds (ns)', toNanoSeconds],
    ['µs', 'microseconds (µs)', toMicroSeconds],
    ['ms', 'milliseconds (ms)', toMilliSeconds],
    ['s', 'seconds (s)', toSeconds],
    ['m', 'minutes (m)', toMinutes],
    ['h', 'hours (h)', toHours],
    ['d', 'days (d)', toDays],
    ['dtdurationms', 'duration (ms)', toDuration(0.001, 'millisecond')],
    ['dtdurations', 'duration (s)', toDuration(1, 'second')],
  ]),
  ...category('Throughput', [
    ['cps', 'counts/sec (cps)', countUnit('c/s')],
    ['ops', 'ops/sec (ops)', countUnit('ops/s')],
    ['reqps', 'requests/sec (rps)', countUnit('req/s')],
    ['rps', 'reads/sec (rps)', countUnit('rd/s')],
    ['wps', 'writes/sec (wps)', countUnit('wr/s')],
    ['iops', 'I/O ops/sec (iops)', countUnit('io/s')],
    ['eps', 'events/sec (eps)', countUnit('evt/s')],
    ['mps', 'messages/sec (mps)', countUnit('msg/s')],
    ['cpm', 'counts/min (cpm)', countUnit('c/m')],
    ['opm', 'ops/min (opm)', countUnit('ops/m')],
    ['reqpm', 'requests/min (rpm)', countUnit('req/m')],
    ['rpm', 'reads/min (rpm)', countUnit('rd/m')],
    ['wpm', 'writes/min (wpm)', countUnit('wr/m')],
  ]),
];

const BY_ID = new Map(UNITS.map((u) => [u.id, u.fn]));
// Grafana's alias for its old misspelling (valueFormats.ts buildFormats).
BY_ID.set('farenheit', fixedUnit('°F'));

/** The editor's unit list, grouped as Grafana's unit picker groups them. */
export const UNIT_CHOICES: readonly { id: string; name: string; category: string }[] = UNITS.map(({ id, name, category }) => ({ id, name, category }));

/** Grafana's getValueFormat: a known id, a `prefix:`/`suffix:`/`si:`/`count:`/`currency:` custom unit, else the id as a suffix. */
function formatterFor(unit: string): Formatter {
  if (!unit) return fixedUnit('');
  const known = BY_ID.get(unit);
  if (known) return known;
  const colon = unit.indexOf(':');
  if (colon > 0) {
    const key = unit.slice(0, colon);
    const sub = unit.slice(colon + 1);
    if (key === 'prefix') return fixedUnit(sub, true);
    if (key === 'suffix') return fixedUnit(sub);
    if (key === 'count') return countUnit(sub);
    if (key === 'currency') return currency(sub);
    if (key === 'si') {
      // Two code points are written for micro (getOffsetFromSIPrefix).
      const at = SI_PREFIXES.indexOf(sub.charAt(0).replace('μ', 'µ'));
      return at >= 0 && at !== SI_BASE ? siPrefix(sub.slice(1), at - SI_BASE) : siPrefix(sub);
    }
  }
  return fixedUnit(unit);
}

/**
 * A number as Grafana shows it in `unit` (a Grafana unit id; '' is a plain
 * number) with `decimals` fixed, or chosen by magnitude when null. NaN reads
 * "NaN", as in Grafana.
 */
export function formatValue(value: number, unit: string, decimals: number | null, timeZone: UnitTimeZone = 'browser'): FormattedValue {
  if (Number.isNaN(value)) return { text: 'NaN', prefix: '', suffix: '' };
  const d = decimals === null ? null : Math.max(0, Math.floor(decimals));
  const out = formatterFor(unit)(value, d, timeZone);
  return { text: out.text, prefix: out.prefix ?? '', suffix: out.suffix };
}

/** The three parts as one string. */
export function formattedText(v: FormattedValue): string {
  return `${v.prefix}${v.text}${v.suffix}`;
}
