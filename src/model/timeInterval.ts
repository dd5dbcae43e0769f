// Alertmanager's time intervals (timeinterval/timeinterval.go) as plain
// data and the one question asked of them: does this instant fall inside?
// Shared by the alertmanager.yml reader, which builds them, and the notifier,
// which mutes or activates routes by them.

/** An inclusive range; minutes of the day are [start, end). */
export interface IntRange {
  begin: number;
  end: number;
}

/** One entry of a time interval's list; an absent field matches any time. */
export interface TimeInterval {
  /** Minutes of the day, end exclusive. */
  times?: IntRange[];
  /** 0 is Sunday. */
  weekdays?: IntRange[];
  /** 1…31, or -31…-1 counted from the month's end. */
  daysOfMonth?: IntRange[];
  /** 1 is January. */
  months?: IntRange[];
  years?: IntRange[];
  /** An IANA zone; UTC when unset. */
  location?: string;
}

interface Fields {
  minute: number;
  weekday: number;
  day: number;
  month: number;
  year: number;
  daysInMonth: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar fields of `t` (ms) in `zone`, as Go's t.In(location) gives them. */
function fieldsAt(t: number, zone: string): Fields {
  let fmt = zoneFormats.get(zone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
    zoneFormats.set(zone, fmt);
  }
  const parts = Object.fromEntries(fmt.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
  const year = Number(parts.year);
  const month = Number(parts.month);
  return {
    minute: Number(parts.hour) * 60 + Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday],
    day: Number(parts.day),
    month,
    year,
    daysInMonth: new Date(Date.UTC(year, month, 0)).getUTCDate(),
  };
}

const inRanges = (v: number, rs: IntRange[]) => rs.some((r) => v >= r.begin && v <= r.end);

/** Throws a RangeError for a zone the browser does not know, as time.LoadLocation fails. */
export function checkZone(zone: string): void {
  new Intl.DateTimeFormat('en-US', { timeZone: zone });
}

/** TimeInterval.ContainsTime. */
export function containsTime(ti: TimeInterval, t: number): boolean {
  const f = fieldsAt(t, ti.location ?? 'UTC');
  if (ti.times && !ti.times.some((r) => f.minute >= r.begin && f.minute < r.end)) return false;
  if (ti.daysOfMonth) {
    const hit = ti.daysOfMonth.some((r) => {
      let begin = r.begin < 0 ? f.daysInMonth + r.begin + 1 : r.begin;
      let end = r.end < 0 ? f.daysInMonth + r.end + 1 : r.end;
      // A range starting after this month's last day does not apply to this month.
      if (begin > f.daysInMonth) return false;
      begin = Math.min(Math.max(begin, -f.daysInMonth), f.daysInMonth);
      end = Math.min(Math.max(end, -f.daysInMonth), f.daysInMonth);
      return f.day >= begin && f.day <= end;
    });
    if (!hit) return false;
  }
  if (ti.months && !inRanges(f.month, ti.months)) return false;
  if (ti.weekdays && !inRanges(f.weekday, ti.weekdays)) return false;
  if (ti.years && !inRanges(f.year, ti.years)) return false;
  return true;
}

/** A named interval is active when any of its entries contains the time (Intervener's check). */
export function anyContains(intervals: readonly TimeInterval[], t: number): boolean {
  return intervals.some((ti) => containsTime(ti, t));
}
