// Turns a panel's range into the query the engine runs: Prometheus's UI picks
// a step giving about 250 points, never under one second.

export const RANGE_PRESETS_MS = [5, 15, 30, 60, 180, 360, 720, 1440, 2880, 10080].map((m) => m * 60_000);

export function autoStepMs(rangeMs: number): number {
  return Math.max(1000, Math.round(rangeMs / 250 / 1000) * 1000);
}

// Prometheus refuses a range query of more than 11,000 points.
const MAX_POINTS = 11_000;

/** The range to draw: aligned to the step so live redraws don't shimmer. A chosen step too fine for the range is coarsened. */
export function queryWindow(rangeMs: number, endMs: number | null, now: number, stepMs: number | null = null): { start: number; end: number; step: number } {
  const step = Math.max(stepMs ?? autoStepMs(rangeMs), Math.ceil(rangeMs / MAX_POINTS / 1000) * 1000);
  const end = endMs ?? Math.floor(now / step) * step;
  return { start: end - rangeMs, end, step };
}
