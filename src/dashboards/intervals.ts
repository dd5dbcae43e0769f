// A panel's step and the built-in variables that come from the time range,
// as Grafana computes them: rangeutil.roundInterval / calculateInterval for
// $__interval, the Prometheus data source's adjustInterval,
// getRateIntervalScopedVariable and getRangeScopedVars for the rest.

import { formatDuration } from '../model/duration';

/** rangeutil.roundInterval: a raw interval (ms) snapped down to a tidy one, by Grafana's table. */
export function roundInterval(ms: number): number {
  const table: [below: number, rounded: number][] = [
    [10, 1],
    [15, 10],
    [35, 20],
    [75, 50],
    [150, 100],
    [350, 200],
    [750, 500],
    [1500, 1000],
    [3500, 2000],
    [7500, 5000],
    [12_500, 10_000],
    [17_500, 15_000],
    [25_000, 20_000],
    [45_000, 30_000],
    [90_000, 60_000],
    [210_000, 120_000],
    [450_000, 300_000],
    [750_000, 600_000],
    [1_050_000, 900_000],
    [1_500_000, 1_200_000],
    [2_700_000, 1_800_000],
    [5_400_000, 3_600_000],
    [9_000_000, 7_200_000],
    [16_200_000, 10_800_000],
    [32_400_000, 21_600_000],
    [86_400_000, 43_200_000],
    [604_800_000, 86_400_000],
    [1_814_400_000, 604_800_000],
    [3_628_800_000, 2_592_000_000],
  ];
  for (const [below, rounded] of table) if (ms < below) return rounded;
  return 31_536_000_000;
}

const INTERVAL_SECONDS: Record<string, number> = { y: 31_536_000, M: 2_592_000, w: 604_800, d: 86_400, h: 3600, m: 60, s: 1, ms: 0.001 };

/**
 * An interval as Grafana's rangeutil.intervalToMs reads it: `30s`, `1m`,
 * `1.5h`, a bare number of seconds; the legacy `>10s` ("at least") reads as
 * `10s`. Null when it does not read.
 */
export function parseInterval(text: string): number | null {
  const m = /^>?\s*(\d+(?:\.\d+)?)(ms|[Mwdhmsy])?$/.exec(text.trim());
  if (!m) return null;
  return Math.round(parseFloat(m[1]) * INTERVAL_SECONDS[m[2] ?? 's'] * 1000);
}

/** Prometheus refuses a range query of more than 11,000 points (the data source's adjustInterval). */
const MAX_POINTS = 11_000;

export interface PanelIntervalInput {
  rangeMs: number;
  maxDataPoints: number;
  /** The panel's (or target's) min interval, already interpolated: '' for none, `1m`, `>10s`. */
  minInterval: string;
  scrapeIntervalMs: number;
}

/**
 * $__interval of a panel: the range over maxDataPoints rounded by
 * roundInterval, raised to the lower limit — the min interval when set, else
 * the source's scrape interval (Grafana's PanelQueryRunner uses one or the
 * other) — and to Prometheus's 11,000-point limit. A min interval that does
 * not read is named in `error` and the scrape interval is the limit instead.
 */
export function panelInterval(input: PanelIntervalInput): { intervalMs: number; error?: string } {
  const { rangeMs, maxDataPoints, minInterval, scrapeIntervalMs } = input;
  let lowLimit = scrapeIntervalMs;
  let error: string | undefined;
  if (minInterval.trim() !== '') {
    const parsed = parseInterval(minInterval);
    if (parsed === null) error = `min interval "${minInterval}" is not an interval: write a duration such as 30s or 1m`;
    else lowLimit = parsed;
  }
  const auto = roundInterval(rangeMs / Math.max(1, maxDataPoints));
  let safe = rangeMs / MAX_POINTS;
  if (safe > 1000) safe = Math.ceil(safe / 1000) * 1000;
  const intervalMs = Math.max(auto, lowLimit, Math.ceil(safe), 1);
  return error === undefined ? { intervalMs } : { intervalMs, error };
}

/** Grafana falls back to 15 s when a source has no scrape interval (getRateIntervalScopedVariable). */
const DEFAULT_SCRAPE_MS = 15_000;

export interface BuiltinInput {
  startMs: number;
  endMs: number;
  intervalMs: number;
  /** The source's scrape interval, or a target's min step when it sets one (as Grafana's Prometheus source does). */
  scrapeIntervalMs: number;
}

/**
 * The built-in variables a Prometheus query sees in Grafana: $__interval and
 * $__rate_interval as Prometheus durations (`30s`, `1m30s`),
 * `$__rate_interval = max($__interval + scrape interval, 4 × scrape interval)`,
 * $__range in whole seconds (`21600s`) as getRangeScopedVars writes it, and the
 * range's ends in ms. (`__dashboard`, `__user` and `__org` need a board and a
 * user; the caller adds `__dashboard` when it has one.)
 */
export function builtinVariables(input: BuiltinInput): Record<string, string> {
  const { startMs, endMs, intervalMs } = input;
  const scrapeMs = input.scrapeIntervalMs > 0 ? input.scrapeIntervalMs : DEFAULT_SCRAPE_MS;
  const rateMs = Math.max(intervalMs + scrapeMs, 4 * scrapeMs);
  const rangeMs = endMs - startMs;
  const rangeS = Math.round(rangeMs / 1000);
  return {
    __interval: formatDuration(intervalMs),
    __interval_ms: String(intervalMs),
    __rate_interval: formatDuration(rateMs),
    __rate_interval_ms: String(rateMs),
    __range: `${rangeS}s`,
    __range_s: String(rangeS),
    __range_ms: String(rangeMs),
    __from: String(startMs),
    __to: String(endMs),
  };
}
