// alertmanager.yml's `time_intervals` and the older `mute_time_intervals`:
// named lists of times, weekdays, days of month, months, years and a
// location, checked as timeinterval.go's UnmarshalYAML checks them.

import type { Node } from 'yaml';
import { quote } from '../model/labels';
import { checkZone, type IntRange, type TimeInterval } from '../model/timeInterval';
import { ConfigError, type YamlSource } from './yamlDecode';
import { listOf, mapping } from './yamlShape';

const RANGE_SHAPE = mapping(['start_time', 'end_time']);
const TIME_INTERVAL_SHAPE = mapping(['times', 'weekdays', 'days_of_month', 'months', 'years', 'location'], { times: listOf(RANGE_SHAPE) });
/** One entry of `time_intervals` or `mute_time_intervals`, as read here and completed in the editor. */
export const NAMED_INTERVAL_SHAPE = mapping(['name', 'time_intervals'], { time_intervals: listOf(TIME_INTERVAL_SHAPE) });

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
// timeinterval.go's validTime: 00:00 to 23:59, or 24:00.
const CLOCK = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** `a:b` or `a`, each end read by `one`. */
function range(text: string, one: (s: string) => number): IntRange {
  const parts = text.split(':');
  if (parts.length > 2) throw new Error(`invalid range ${quote(text)}`);
  const begin = one(parts[0]);
  const end = parts.length === 2 ? one(parts[1]) : begin;
  return { begin, end };
}

function named(names: string[], what: string, from: number): (s: string) => number {
  return (s) => {
    const i = names.indexOf(s.toLowerCase());
    if (i >= 0) return i + from;
    // A month may be a number; Alertmanager 0.25 does not range-check it (13 matches no month).
    if (what === 'month' && /^\d+$/.test(s)) return Number(s);
    throw new Error(`${s} is not a valid ${what}`);
  };
}

function integer(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new Error(`strconv.Atoi: parsing ${quote(s)}: invalid syntax`);
  return Number(s);
}

/** HH:MM from 00:00 to 24:00, as minutes of the day (parseTime). */
function clock(s: string): number {
  if (!CLOCK.test(s)) throw new Error(`couldn't parse timestamp ${s}, invalid format`);
  return Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
}

function daysOfMonth(s: string): IntRange {
  const r = range(s, integer);
  for (const d of [r.begin, r.end]) if (d === 0 || d < -31 || d > 31) throw new Error(`${d} is not a valid day of the month: out of range`);
  // A positive start and negative end compare in the longest month, as timeinterval.go does.
  if (r.begin > 0 && r.end < 0 && r.end + 31 + 1 < r.begin) throw new Error(`end day ${r.end} is always before start day ${r.begin}`);
  if (r.begin < 0 && r.end > 0) throw new Error('end day must be negative if start day is negative');
  if (Math.sign(r.begin) === Math.sign(r.end) && r.begin > r.end) throw new Error(`end day ${r.end} is always before start day ${r.begin}`);
  return r;
}

function readTimeInterval(src: YamlSource, node: Node): TimeInterval {
  const ti: TimeInterval = {};
  const list = (n: Node, read: (s: string) => IntRange) => src.seq(n, '[]string').map((item) => src.parsed(item, read));
  for (const [key, n] of src.struct(node, 'timeinterval.TimeInterval', TIME_INTERVAL_SHAPE.keys)) {
    if (n === null || src.isNull(n)) continue;
    switch (key) {
      case 'times':
        ti.times = src.seq(n, '[]timeinterval.TimeRange').map((t) => {
          const f = src.struct(t, 'timeinterval.TimeRange', RANGE_SHAPE.keys);
          const start = f.get('start_time');
          const end = f.get('end_time');
          if (!start || !end || src.isNull(start) || src.isNull(end)) throw src.error(t, 'both start and end times must be provided');
          const r = { begin: src.parsed(start, clock), end: src.parsed(end, clock) };
          if (r.begin >= r.end) throw src.error(t, 'start time cannot be equal or greater than end time');
          return r;
        });
        break;
      case 'weekdays':
        ti.weekdays = list(n, (s) => {
          const r = range(s, named(DAYS, 'weekday', 0));
          if (r.begin > r.end) throw new Error('start day cannot be before end day');
          return r;
        });
        break;
      case 'days_of_month':
        ti.daysOfMonth = list(n, daysOfMonth);
        break;
      case 'months':
        ti.months = list(n, (s) => {
          const r = range(s, named(MONTHS, 'month', 1));
          if (r.begin > r.end) throw new Error(`end month ${s.split(':')[1]} is before start month ${s.split(':')[0]}`);
          return r;
        });
        break;
      case 'years':
        ti.years = list(n, (s) => {
          const r = range(s, integer);
          if (r.begin > r.end) throw new Error(`end year ${r.end} is before start year ${r.begin}`);
          return r;
        });
        break;
      case 'location':
        ti.location = src.parsed(n, (z) => {
          try {
            checkZone(z);
          } catch {
            throw new Error(`unknown time zone ${z}`);
          }
          return z;
        });
        break;
    }
  }
  return ti;
}

/**
 * A `time_intervals` or `mute_time_intervals` list into `into`, names unique
 * across both. Each entry's problem goes to `errors` and the next is read; a
 * named entry is kept even when its body is wrong, so routes naming it are not
 * also refused.
 */
export function readNamedIntervals(src: YamlSource, node: Node, into: Map<string, TimeInterval[]>, errors: ConfigError[]): void {
  for (const item of src.seq(node, '[]config.TimeInterval')) {
    try {
      const f = src.struct(item, 'config.TimeInterval', NAMED_INTERVAL_SHAPE.keys);
      const nameNode = f.get('name');
      const name = nameNode && !src.isNull(nameNode) ? src.string(nameNode) : '';
      if (name === '') throw src.error(item, 'missing name in time interval');
      if (into.has(name)) throw src.error(nameNode, `time interval ${quote(name)} is not unique`);
      into.set(name, []);
      const list = f.get('time_intervals');
      into.set(name, list && !src.isNull(list) ? src.seq(list, '[]timeinterval.TimeInterval').map((t) => readTimeInterval(src, t)) : []);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      errors.push(e);
    }
  }
}
