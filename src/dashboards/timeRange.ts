// A board's time range as Grafana spells it: date math (`now-6h`, `now/d`,
// `now-1d/d`), absolute times, the quick ranges of the picker, zoom and shift,
// and the refresh choices. Ports @grafana/data's datemath.parse and rangeutil.

import type { TimeRangeSpec } from './model';
import { fail, ok, type Result } from '../model/result';

export type TimeZoneChoice = 'browser' | 'utc';

/** Units of date math, as datemath's `units`: calendar ones move by the calendar, the rest by milliseconds. */
type MathUnit = 'y' | 'Q' | 'M' | 'w' | 'd' | 'h' | 'm' | 's';
const MATH_UNITS: ReadonlySet<string> = new Set(['y', 'Q', 'M', 'w', 'd', 'h', 'm', 's']);
const FIXED_MS: Partial<Record<MathUnit, number>> = { h: 3_600_000, m: 60_000, s: 1000 };

/** Calendar fields of an instant in the board's zone: the browser's or UTC. */
interface Fields {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
}

function fieldsOf(t: number, tz: TimeZoneChoice): Fields {
  const x = new Date(t);
  return tz === 'utc'
    ? { y: x.getUTCFullYear(), mo: x.getUTCMonth(), d: x.getUTCDate(), h: x.getUTCHours(), mi: x.getUTCMinutes(), s: x.getUTCSeconds(), ms: x.getUTCMilliseconds() }
    : { y: x.getFullYear(), mo: x.getMonth(), d: x.getDate(), h: x.getHours(), mi: x.getMinutes(), s: x.getSeconds(), ms: x.getMilliseconds() };
}

function instantOf(f: Fields, tz: TimeZoneChoice): number {
  return tz === 'utc' ? Date.UTC(f.y, f.mo, f.d, f.h, f.mi, f.s, f.ms) : new Date(f.y, f.mo, f.d, f.h, f.mi, f.s, f.ms).getTime();
}

function daysInMonth(y: number, mo: number): number {
  return new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
}

/** moment's add: hours and below by elapsed time; days and up by the calendar, months clamping the day (Jan 31 + 1M = Feb 28). */
function addUnits(t: number, n: number, unit: MathUnit, tz: TimeZoneChoice): number {
  const fixed = FIXED_MS[unit];
  if (fixed !== undefined) return t + n * fixed;
  const f = fieldsOf(t, tz);
  if (unit === 'd' || unit === 'w') return instantOf({ ...f, d: f.d + n * (unit === 'w' ? 7 : 1) }, tz);
  const months = f.mo + n * (unit === 'y' ? 12 : unit === 'Q' ? 3 : 1);
  const y = f.y + Math.floor(months / 12);
  const mo = ((months % 12) + 12) % 12;
  return instantOf({ ...f, y, mo, d: Math.min(f.d, daysInMonth(y, mo)) }, tz);
}

/** moment's startOf; weeks start on Sunday, as moment's default `en` locale has them. */
function startOf(t: number, unit: MathUnit, tz: TimeZoneChoice): number {
  const f = fieldsOf(t, tz);
  switch (unit) {
    case 'y':
      return instantOf({ y: f.y, mo: 0, d: 1, h: 0, mi: 0, s: 0, ms: 0 }, tz);
    case 'Q':
      return instantOf({ y: f.y, mo: f.mo - (f.mo % 3), d: 1, h: 0, mi: 0, s: 0, ms: 0 }, tz);
    case 'M':
      return instantOf({ ...f, d: 1, h: 0, mi: 0, s: 0, ms: 0 }, tz);
    case 'w': {
      const weekday = tz === 'utc' ? new Date(t).getUTCDay() : new Date(t).getDay();
      return instantOf({ ...f, d: f.d - weekday, h: 0, mi: 0, s: 0, ms: 0 }, tz);
    }
    case 'd':
      return instantOf({ ...f, h: 0, mi: 0, s: 0, ms: 0 }, tz);
    case 'h':
      return instantOf({ ...f, mi: 0, s: 0, ms: 0 }, tz);
    case 'm':
      return instantOf({ ...f, s: 0, ms: 0 }, tz);
    case 's':
      return instantOf({ ...f, ms: 0 }, tz);
  }
}

/** moment's endOf: the last millisecond of the unit. */
function endOf(t: number, unit: MathUnit, tz: TimeZoneChoice): number {
  return addUnits(startOf(t, unit, tz), 1, unit, tz) - 1;
}

const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/**
 * datemath.parseDateMath: `-6h`, `+1d`, `/d` applied left to right. A number
 * may have at most as many digits as fit before the string's 11th character
 * (datemath's `i > 10` guard); rounding takes only a single unit; `fQ`/`fy`
 * round to a fiscal quarter/year starting in January (Grafana's default
 * fiscalYearStartMonth 0), which is the calendar one.
 */
function applyMath(math: string, t: number, roundUp: boolean, tz: TimeZoneChoice): number | null {
  const s = math.replace(/\s/g, '');
  let i = 0;
  while (i < s.length) {
    const op = s.charAt(i++);
    if (op !== '/' && op !== '+' && op !== '-') return null;
    let num = 1;
    if (isDigit(s.charAt(i))) {
      const from = i;
      while (isDigit(s.charAt(i))) {
        i++;
        if (i > 10) return null;
      }
      num = parseInt(s.slice(from, i), 10);
    }
    if (op === '/' && num !== 1) return null;
    let unit = s.charAt(i++);
    if (unit === 'f') unit = s.charAt(i++);
    if (!MATH_UNITS.has(unit)) return null;
    const u = unit as MathUnit;
    if (op === '/') t = roundUp ? endOf(t, u, tz) : startOf(t, u, tz);
    else t = addUnits(t, op === '+' ? num : -num, u, tz);
  }
  return t;
}

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * An absolute time: ms since the epoch, `YYYYMMDD` and `YYYYMMDDTHHmmss` in
 * UTC (Grafana's URL forms, TimeSrv's parseUrlParam), or an ISO 8601 /
 * `YYYY-MM-DD HH:mm:ss` date, read in the board's zone unless it names one.
 */
function absoluteTime(text: string, tz: TimeZoneChoice): number | null {
  const compact = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2}))?$/.exec(text);
  if (compact && (text.length === 8 || text.length === 15)) {
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = compact;
    return Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  }
  if (/^-?\d+$/.test(text)) return parseInt(text, 10);
  const m = DATE_TEXT.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  const f: Fields = { y: +y, mo: +mo - 1, d: +d, h: +h, mi: +mi, s: +s, ms: +frac.padEnd(3, '0') };
  if (f.mo > 11 || f.d < 1 || f.d > daysInMonth(f.y, f.mo) || f.h > 23 || f.mi > 59 || f.s > 59) return null;
  if (zone === undefined) return instantOf(f, tz);
  const utc = Date.UTC(f.y, f.mo, f.d, f.h, f.mi, f.s, f.ms);
  if (zone === 'Z') return utc;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return utc - sign * (parseInt(digits.slice(0, 2), 10) * 60 + parseInt(digits.slice(2), 10)) * 60_000;
}

/**
 * datemath.parse: `now` with math after it, an absolute time with math after
 * `||` (`2024-01-01T00:00:00Z||+1d`), or an absolute time alone; ms since the
 * epoch, or null when the text does not read. `roundUp` rounds `/unit` to the
 * unit's last millisecond, as Grafana does for a range's `to`.
 */
export function resolveTime(text: string, nowMs: number, roundUp: boolean, timezone: TimeZoneChoice): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (trimmed.startsWith('now')) return applyMath(trimmed.slice(3), nowMs, roundUp, timezone);
  const bar = trimmed.indexOf('||');
  if (bar < 0) return absoluteTime(trimmed, timezone);
  const anchor = absoluteTime(trimmed.slice(0, bar), timezone);
  return anchor === null ? null : applyMath(trimmed.slice(bar + 2), anchor, roundUp, timezone);
}

/** Both ends in ms (`to` rounded up, as rangeutil.convertRawToRange), or which end does not read. */
export function resolveRange(spec: TimeRangeSpec, nowMs: number, timezone: TimeZoneChoice): Result<{ startMs: number; endMs: number }> {
  const startMs = resolveTime(spec.from, nowMs, false, timezone);
  if (startMs === null) return fail({ where: 'from', what: `"${spec.from}" is not a time: write now-6h, now/d, or a date such as 2024-01-31 12:00:00` });
  const endMs = resolveTime(spec.to, nowMs, true, timezone);
  if (endMs === null) return fail({ where: 'to', what: `"${spec.to}" is not a time: write now, now/d, or a date such as 2024-01-31 12:00:00` });
  if (startMs > endMs) return fail({ where: 'from', what: `from (${spec.from}) is after to (${spec.to})` });
  return ok({ startMs, endMs });
}

/** True when the text is date math from now, as rangeutil.isRelativeTime. */
export function isRelative(text: string): boolean {
  return text.includes('now');
}

/**
 * Zooms out by 2 around the range's centre as Grafana's getZoomedTimeRange
 * (an empty range grows to 30 s), absolute. Where Grafana would push `to`
 * past now on a range ending at `now`, Vigil keeps `to: 'now'` and doubles
 * the span back from it, so a live board keeps following the scrapes.
 */
export function zoomOutRange(spec: TimeRangeSpec, nowMs: number, timezone: TimeZoneChoice): TimeRangeSpec {
  const r = resolveRange(spec, nowMs, timezone);
  if (!r.ok) return spec;
  const { startMs, endMs } = r.value;
  const span = endMs - startMs;
  const wider = span === 0 ? 30_000 : span * 2;
  if (spec.to.trim() === 'now') return { from: String(Math.round(endMs - wider)), to: 'now' };
  const centre = endMs - span / 2;
  return { from: String(Math.round(centre - wider / 2)), to: String(Math.round(centre + wider / 2)) };
}

/**
 * Moves the range by half its span, absolute, as Grafana's getShiftedTimeRange:
 * forward stops at now (keeping `from`) rather than pass it.
 */
export function shiftRange(spec: TimeRangeSpec, direction: -1 | 1, nowMs: number, timezone: TimeZoneChoice): TimeRangeSpec {
  const r = resolveRange(spec, nowMs, timezone);
  if (!r.ok) return spec;
  const { startMs, endMs } = r.value;
  const half = (endMs - startMs) / 2;
  let from = startMs + direction * half;
  let to = endMs + direction * half;
  if (direction === 1 && to > nowMs && endMs < nowMs) {
    to = nowMs;
    from = startMs;
  }
  return { from: String(Math.round(from)), to: String(Math.round(to)) };
}

export interface TimePreset {
  from: string;
  to: string;
  display: string;
}

/** Grafana's quick ranges (rangeutil's getBaseRangeOptions), in its order. */
export const TIME_PRESETS: TimePreset[] = [
  { from: 'now/d', to: 'now/d', display: 'Today' },
  { from: 'now/d', to: 'now', display: 'Today so far' },
  { from: 'now/w', to: 'now/w', display: 'This week' },
  { from: 'now/w', to: 'now', display: 'This week so far' },
  { from: 'now/M', to: 'now/M', display: 'This month' },
  { from: 'now/M', to: 'now', display: 'This month so far' },
  { from: 'now/y', to: 'now/y', display: 'This year' },
  { from: 'now/y', to: 'now', display: 'This year so far' },
  { from: 'now-1d/d', to: 'now-1d/d', display: 'Yesterday' },
  { from: 'now-2d/d', to: 'now-2d/d', display: 'Day before yesterday' },
  { from: 'now-7d/d', to: 'now-7d/d', display: 'This day last week' },
  { from: 'now-1w/w', to: 'now-1w/w', display: 'Previous week' },
  { from: 'now-1M/M', to: 'now-1M/M', display: 'Previous month' },
  { from: 'now-1Q/fQ', to: 'now-1Q/fQ', display: 'Previous fiscal quarter' },
  { from: 'now-1y/y', to: 'now-1y/y', display: 'Previous year' },
  { from: 'now-1y/fy', to: 'now-1y/fy', display: 'Previous fiscal year' },
  { from: 'now-5m', to: 'now', display: 'Last 5 minutes' },
  { from: 'now-15m', to: 'now', display: 'Last 15 minutes' },
  { from: 'now-30m', to: 'now', display: 'Last 30 minutes' },
  { from: 'now-1h', to: 'now', display: 'Last 1 hour' },
  { from: 'now-3h', to: 'now', display: 'Last 3 hours' },
  { from: 'now-6h', to: 'now', display: 'Last 6 hours' },
  { from: 'now-12h', to: 'now', display: 'Last 12 hours' },
  { from: 'now-24h', to: 'now', display: 'Last 24 hours' },
  { from: 'now-2d', to: 'now', display: 'Last 2 days' },
  { from: 'now-7d', to: 'now', display: 'Last 7 days' },
  { from: 'now-30d', to: 'now', display: 'Last 30 days' },
  { from: 'now-90d', to: 'now', display: 'Last 90 days' },
  { from: 'now-6M', to: 'now', display: 'Last 6 months' },
  { from: 'now-1y', to: 'now', display: 'Last 1 year' },
  { from: 'now-2y', to: 'now', display: 'Last 2 years' },
  { from: 'now-5y', to: 'now', display: 'Last 5 years' },
  { from: 'now/fQ', to: 'now', display: 'This fiscal quarter so far' },
  { from: 'now/fQ', to: 'now/fQ', display: 'This fiscal quarter' },
  { from: 'now/fy', to: 'now', display: 'This fiscal year so far' },
  { from: 'now/fy', to: 'now/fy', display: 'This fiscal year' },
];

const SPAN_NAMES: Record<string, string> = {
  s: 'second',
  m: 'minute',
  h: 'hour',
  d: 'day',
  w: 'week',
  M: 'month',
  Q: 'quarter',
  y: 'year',
  fQ: 'fiscal quarter',
  fy: 'fiscal year',
};

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Grafana's default full date, `YYYY-MM-DD HH:mm:ss`, in the board's zone. */
export function formatDateTime(ms: number, timezone: TimeZoneChoice): string {
  const f = fieldsOf(ms, timezone);
  return `${f.y}-${pad(f.mo + 1)}-${pad(f.d)} ${pad(f.h)}:${pad(f.mi)}:${pad(f.s)}`;
}

/** An end as a person reads it: an absolute time as a date, date math as written. */
function endText(text: string, timezone: TimeZoneChoice): string {
  if (isRelative(text)) return text;
  const t = absoluteTime(text.trim(), timezone);
  return t === null ? text : formatDateTime(t, timezone);
}

/**
 * The range in words, as rangeutil.describeTimeRange: a quick range's name,
 * `Last N units` for `now-N<unit>` to now, dates for absolute ends, else
 * `from to to` as written.
 */
export function describeRange(spec: TimeRangeSpec, timezone: TimeZoneChoice = 'browser'): string {
  const preset = TIME_PRESETS.find((p) => p.from === spec.from && p.to === spec.to);
  if (preset) return preset.display;
  if (spec.to === 'now') {
    const m = /^now-(\d+)(f[Qy]|[yMwdhmsQ])/.exec(spec.from);
    if (m) return `Last ${m[1]} ${SPAN_NAMES[m[2]]}${parseInt(m[1], 10) > 1 ? 's' : ''}`;
  }
  if (spec.from === 'now') {
    const m = /^now\+(\d+)(f[Qy]|[yMwdhmsQ])/.exec(spec.to);
    if (m) return `Next ${m[1]} ${SPAN_NAMES[m[2]]}${parseInt(m[1], 10) > 1 ? 's' : ''}`;
  }
  return `${endText(spec.from, timezone)} to ${endText(spec.to, timezone)}`;
}

/** The refresh picker's choices: off, live (as scrapes land), then Grafana's default intervals. */
export const REFRESH_CHOICES: string[] = ['', 'live', '5s', '10s', '30s', '1m', '5m', '15m', '30m', '1h', '2h', '1d'];

/** Seconds per unit of rangeutil.describeInterval (a month is 30 days, a year 365). */
const INTERVAL_SECONDS: Record<string, number> = { y: 31_536_000, M: 2_592_000, w: 604_800, d: 86_400, h: 3600, m: 60, s: 1, ms: 0.001 };

/**
 * A refresh setting in ms, 'live', or null for off ('') and for text that is
 * not a positive interval. A bare number counts seconds, as
 * rangeutil.describeInterval reads it.
 */
export function parseRefresh(s: string): number | 'live' | null {
  const text = s.trim();
  if (text === 'live') return 'live';
  const m = /^(\d+(?:\.\d+)?)(ms|[Mwdhmsy])?$/.exec(text);
  if (!m) return null;
  const ms = Math.round(parseFloat(m[1]) * INTERVAL_SECONDS[m[2] ?? 's'] * 1000);
  return ms > 0 ? ms : null;
}
