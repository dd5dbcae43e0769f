// `<input type="datetime-local">` holds a wall-clock time with no zone; the
// panel's time zone says whether that clock is the browser's or UTC.

import type { TimeZone } from '../components/graphOptions';

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DDTHH:mm:ss` of the instant, on the zone's clock. */
export function toDateTimeInput(ms: number, timeZone: TimeZone): string {
  const d = new Date(ms);
  if (timeZone === 'UTC') return d.toISOString().slice(0, 19);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The instant the input names, or null when it is empty or unreadable (the panel then follows now). */
export function fromDateTimeInput(text: string, timeZone: TimeZone): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  const ms = timeZone === 'UTC' ? Date.UTC(y, mo - 1, d, h, mi, s) : new Date(y, mo - 1, d, h, mi, s).getTime();
  return Number.isFinite(ms) ? ms : null;
}
