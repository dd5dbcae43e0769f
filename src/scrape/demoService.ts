// A simulated web service whose metrics move like a real one's: request
// counters with daily-ish waves, a latency histogram that degrades now and
// then, a process that restarts, a batch job and a cache that comes and goes.
// Every value is a pure function of time, so the live demo target, the
// benchmark data sets and their OpenMetrics export all agree to the bit.

import { Labels } from '../model/labels';
import type { MetricType } from '../model/metricType';

export interface SimSeries {
  labels: Labels;
  /** The value at time t (ms), or undefined while the series is absent. */
  valueAt(t: number): number | undefined;
}

export interface SimFamily {
  name: string;
  type: MetricType;
  help: string;
  unit: string;
  series: SimSeries[];
}

/** A non-negative rate a + b·sin(ωs + φ) (per second), and its closed-form integral from 0 to s. */
interface Wave {
  a: number;
  b: number;
  w: number;
  p: number;
}

export function integral(v: Wave, s: number): number {
  return v.a * s - (v.b / v.w) * (Math.cos(v.w * s + v.p) - Math.cos(v.p));
}

function level(v: Wave, s: number): number {
  return v.a + v.b * Math.sin(v.w * s + v.p);
}

/** Deterministic pseudo-random in [0, 1) from integers (a 32-bit integer hash). */
export function hashUnit(...xs: number[]): number {
  let h = 0x9e3779b9;
  for (const x of xs) {
    h = Math.imul(h ^ (x | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return (h >>> 0) / 4294967296;
}

export function wave(seed: number, k: number, mean: number, periodS: number): Wave {
  const r = hashUnit(seed, k);
  return { a: mean, b: mean * (0.3 + 0.5 * r), w: (2 * Math.PI) / (periodS * (0.7 + 0.6 * hashUnit(seed, k, 1))), p: 2 * Math.PI * r };
}

export const HANDLERS = [
  { handler: '/api/users', methods: ['GET', 'POST'], rate: 12, fastS: 0.02, slowS: 0.3 },
  { handler: '/api/orders', methods: ['GET', 'POST'], rate: 6, fastS: 0.05, slowS: 0.8 },
  { handler: '/api/checkout', methods: ['POST'], rate: 1.5, fastS: 0.12, slowS: 2.0 },
  { handler: '/login', methods: ['GET', 'POST'], rate: 3, fastS: 0.03, slowS: 0.5 },
  { handler: '/healthz', methods: ['GET'], rate: 1, fastS: 0.002, slowS: 0.01 },
];
const CODES = [
  { code: '200', share: 0.93 },
  { code: '404', share: 0.05 },
  { code: '500', share: 0.02 },
];
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const DAY_MS = 86_400_000;
/** Instances whose number is a multiple of this one restart: down 45 s every 15 min. */
const FLAKY_EVERY = 3;
const FLAKY_CYCLE_MS = 15 * 60_000;
const FLAKY_DOWN_MS = 45_000;

/** When the simulated process last started at or before t, or undefined while it is down. */
export function processStart(instance: number, t: number): number | undefined {
  if (instance % FLAKY_EVERY !== 0) return Math.floor(t / DAY_MS) * DAY_MS;
  const cycle = Math.floor(t / FLAKY_CYCLE_MS) * FLAKY_CYCLE_MS;
  return t - cycle < FLAKY_DOWN_MS ? undefined : cycle + FLAKY_DOWN_MS;
}

/** Fraction of requests under `le` seconds for a latency around `median` (log-logistic CDF). */
export function latencyShare(le: number, median: number): number {
  return 1 / (1 + Math.pow(median / le, 3));
}

/** The families one instance (numbered from 1) of the demo service exposes. */
export function demoFamilies(instance: number, extra: Readonly<Record<string, string>> = {}): SimFamily[] {
  const seed = instance * 7919;
  const lbl = (name: string, rest: Record<string, string> = {}) => Labels.from({ ...extra, ...rest, __name__: name });
  const since = (t: number) => {
    const start = processStart(instance, t);
    return start === undefined ? undefined : (t - start) / 1000;
  };

  const requests: SimSeries[] = [];
  const buckets: SimSeries[] = [];
  const sums: SimSeries[] = [];
  const counts: SimSeries[] = [];
  HANDLERS.forEach((h, hi) => {
    const fast = wave(seed, hi * 2, h.rate * 0.9, 3600);
    const slow = wave(seed, hi * 2 + 1, h.rate * 0.1, 1200);
    const total = (s: number) => integral(fast, s) + integral(slow, s);
    h.methods.forEach((method, mi) => {
      const methodShare = h.methods.length === 1 ? 1 : mi === 0 ? 0.8 : 0.2;
      for (const { code, share } of CODES) {
        if (h.handler === '/healthz' && code !== '200') continue;
        requests.push({
          labels: lbl('http_requests_total', { code, handler: h.handler, method }),
          valueAt: (t) => {
            const s = since(t);
            return s === undefined ? undefined : Math.floor(total(s) * methodShare * share);
          },
        });
      }
    });
    for (const le of [...LATENCY_BUCKETS, Infinity]) {
      const f1 = le === Infinity ? 1 : latencyShare(le, h.fastS);
      const f2 = le === Infinity ? 1 : latencyShare(le, h.slowS);
      buckets.push({
        labels: lbl('http_request_duration_seconds_bucket', { handler: h.handler, le: le === Infinity ? '+Inf' : String(le) }),
        valueAt: (t) => {
          const s = since(t);
          return s === undefined ? undefined : Math.floor(f1 * integral(fast, s) + f2 * integral(slow, s));
        },
      });
    }
    sums.push({
      labels: lbl('http_request_duration_seconds_sum', { handler: h.handler }),
      valueAt: (t) => {
        const s = since(t);
        return s === undefined ? undefined : h.fastS * integral(fast, s) + h.slowS * integral(slow, s);
      },
    });
    counts.push({
      labels: lbl('http_request_duration_seconds_count', { handler: h.handler }),
      valueAt: (t) => {
        const s = since(t);
        return s === undefined ? undefined : Math.floor(total(s));
      },
    });
  });

  const load = wave(seed, 100, 1, 3600);
  const cpu = wave(seed, 101, 0.35, 900);
  const gauge = (name: string, fn: (t: number, s: number) => number, rest: Record<string, string> = {}): SimSeries => ({
    labels: lbl(name, rest),
    valueAt: (t) => {
      const s = since(t);
      return s === undefined ? undefined : fn(t, s);
    },
  });
  const BATCH_EVERY_MS = 10 * 60_000;
  const CACHE_CYCLE_MS = 3 * 60_000;

  return [
    { name: 'http_requests_total', type: 'counter', help: 'Total HTTP requests by method, status code and handler.', unit: '', series: requests },
    {
      name: 'http_request_duration_seconds',
      type: 'histogram',
      help: 'HTTP request latency in seconds.',
      unit: 'seconds',
      series: [...buckets, ...sums, ...counts],
    },
    {
      name: 'http_requests_in_flight',
      type: 'gauge',
      help: 'Requests being served right now.',
      unit: '',
      series: [gauge('http_requests_in_flight', (t, s) => Math.round(level(load, s) * 4 + 3 * hashUnit(seed, Math.floor(t / 5000))))],
    },
    {
      name: 'process_cpu_seconds_total',
      type: 'counter',
      help: 'Total user and system CPU time spent in seconds.',
      unit: 'seconds',
      series: [gauge('process_cpu_seconds_total', (_t, s) => Math.round(integral(cpu, s) * 100) / 100)],
    },
    {
      name: 'process_resident_memory_bytes',
      type: 'gauge',
      help: 'Resident memory size in bytes.',
      unit: 'bytes',
      // Grows after a start as caches fill, then levels off: a restart shows as a drop.
      series: [gauge('process_resident_memory_bytes', (_t, s) => Math.round(48e6 + 90e6 * (1 - Math.exp(-s / 600)) + 4e6 * level(load, s)))],
    },
    {
      name: 'process_start_time_seconds',
      type: 'gauge',
      help: 'Start time of the process since unix epoch in seconds.',
      unit: 'seconds',
      series: [gauge('process_start_time_seconds', (t, s) => Math.round(t / 1000 - s))],
    },
    {
      name: 'batch_job_last_success_timestamp_seconds',
      type: 'gauge',
      help: 'When the nightly-report batch job last succeeded, as a Unix timestamp.',
      unit: 'seconds',
      // Every fourth run fails, so the timestamp sometimes ages past one period.
      series: [
        gauge(
          'batch_job_last_success_timestamp_seconds',
          (t) => {
            let run = Math.floor(t / BATCH_EVERY_MS);
            while (hashUnit(seed, run) < 0.25) run--;
            return (run * BATCH_EVERY_MS) / 1000;
          },
          { batch_job: 'nightly-report' },
        ),
      ],
    },
    {
      name: 'demo_cache_hits_total',
      type: 'counter',
      help: 'Session cache hits; the cache is switched off one period in three, so the series goes away and comes back.',
      unit: '',
      series: [
        {
          labels: lbl('demo_cache_hits_total', { cache: 'session' }),
          valueAt: (t) => {
            const s = since(t);
            if (s === undefined || Math.floor(t / CACHE_CYCLE_MS) % 3 === 2) return undefined;
            return Math.floor(integral(load, s) * 20);
          },
        },
      ],
    },
  ];
}
