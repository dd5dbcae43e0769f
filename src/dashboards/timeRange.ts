// Stand-in for the core helper's time ranges: Grafana's `now-6h` spellings
// and absolute times resolved to ms, zoom out, presets and refresh choices.

import type { TimeRangeSpec } from './model';
import { parseDuration } from '../model/duration';
import { fail, ok, type Result } from '../model/result';

const RELATIVE = /^now(?:([+-])(\w+))?$/;

/** A `from`/`to` spelling as ms: `now`, `now-5m`, ms since the epoch, or an ISO time. */
export function resolveTime(text: string, nowMs: number, _tz: 'browser' | 'utc'): Result<number> {
  const rel = RELATIVE.exec(text);
  if (rel) {
    if (!rel[1]) return ok(nowMs);
    try {
      const d = parseDuration(rel[2]);
      return ok(rel[1] === '-' ? nowMs - d : nowMs + d);
    } catch (e) {
      return fail({ where: text, what: (e as Error).message });
    }
  }
  if (/^\d+$/.test(text)) return ok(Number(text));
  const t = Date.parse(text);
  return Number.isNaN(t) ? fail({ where: text, what: 'not a time: use now, now-6h, ms since the epoch or an ISO time' }) : ok(t);
}

export function resolveRange(spec: TimeRangeSpec, nowMs: number, tz: 'browser' | 'utc'): Result<{ startMs: number; endMs: number }> {
  const from = resolveTime(spec.from, nowMs, tz);
  if (!from.ok) return from;
  const to = resolveTime(spec.to, nowMs, tz);
  if (!to.ok) return to;
  if (from.value >= to.value) return fail({ where: `${spec.from} to ${spec.to}`, what: 'from must be before to' });
  return ok({ startMs: from.value, endMs: to.value });
}

/** Grafana's zoom out: twice the span around the same centre (TimeSrv.zoomOut). */
export function zoomOutRange(spec: TimeRangeSpec, nowMs: number, tz: 'browser' | 'utc'): TimeRangeSpec {
  const r = resolveRange(spec, nowMs, tz);
  if (!r.ok) return spec;
  const span = r.value.endMs - r.value.startMs;
  const centre = r.value.endMs - span / 2;
  return { from: String(Math.round(centre - span)), to: String(Math.min(Math.round(centre + span), nowMs)) };
}

export const TIME_PRESETS: { from: string; to: string; display: string }[] = [
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
];

export function describeRange(spec: TimeRangeSpec): string {
  const preset = TIME_PRESETS.find((p) => p.from === spec.from && p.to === spec.to);
  if (preset) return preset.display;
  const show = (s: string) => (/^\d+$/.test(s) ? new Date(Number(s)).toISOString().replace('T', ' ').slice(0, 19) : s);
  return `${show(spec.from)} to ${show(spec.to)}`;
}

export const REFRESH_CHOICES = ['', 'live', '5s', '10s', '30s', '1m', '5m', '15m', '30m', '1h'];

/** A refresh spelling as ms between refreshes, 'live', or null for off (or unreadable). */
export function parseRefresh(s: string): number | 'live' | null {
  if (s === 'live') return 'live';
  if (!s) return null;
  try {
    const ms = parseDuration(s);
    return ms > 0 ? ms : null;
  } catch {
    return null;
  }
}
