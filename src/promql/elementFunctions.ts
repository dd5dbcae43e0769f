// Functions applied to each float of an instant vector independently
// (Prometheus's simpleFloatFunc, clamp, round and dateWrapper families).

/** Maps one sample value, given the step's scalar arguments; undefined drops the sample. */
export type ElementFn = (v: number, params: readonly number[]) => number | undefined;

/** A calendar field of a Unix time in seconds, read in UTC as Go's time.Unix(int64(v), 0).UTC(). */
export type DateFn = (d: Date) => number;

function clamp(v: number, min: number, max: number): number | undefined {
  // clamp returns nothing at all when max < min (funcClamp).
  if (max < min) return undefined;
  return Math.max(min, Math.min(max, v));
}

export const elementFunctions: Record<string, ElementFn> = {
  abs: Math.abs,
  ceil: Math.ceil,
  floor: Math.floor,
  exp: Math.exp,
  sqrt: Math.sqrt,
  ln: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
  rad: (v) => (v * Math.PI) / 180,
  deg: (v) => (v * 180) / Math.PI,
  sgn: (v) => (v < 0 ? -1 : v > 0 ? 1 : v),
  clamp: (v, [min, max]) => clamp(v, min, max),
  clamp_min: (v, [min]) => clamp(v, min, Infinity),
  clamp_max: (v, [max]) => clamp(v, -Infinity, max),
  round: (v, [toNearest = 1]) => {
    // Inverting first, as funcRound does, gives fewer floating-point surprises.
    const inv = 1 / toNearest;
    return Math.floor(v * inv + 0.5) / inv;
  },
};

export const dateFunctions: Record<string, DateFn> = {
  day_of_month: (d) => d.getUTCDate(),
  day_of_week: (d) => d.getUTCDay(),
  day_of_year: (d) => {
    const start = Date.UTC(d.getUTCFullYear(), 0, 1);
    return Math.floor((d.getTime() - start) / 86_400_000) + 1;
  },
  days_in_month: (d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate(),
  hour: (d) => d.getUTCHours(),
  minute: (d) => d.getUTCMinutes(),
  month: (d) => d.getUTCMonth() + 1,
  year: (d) => d.getUTCFullYear(),
};

/** The Date for a sample value in Unix seconds, truncated to whole seconds as Go's int64 conversion. */
export function dateOf(seconds: number): Date {
  return new Date(Math.trunc(seconds) * 1000);
}
