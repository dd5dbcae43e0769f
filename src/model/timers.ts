// The clock and timers that scrape loops, rule groups, the notifier and the
// remote-write queue are handed, so the engine gives them real ones and tests a FakeClock.

/** What setTimeout gives back, for clearTimeout. */
export type TimerHandle = ReturnType<typeof setTimeout>;

export interface Timers {
  /** Wall-clock milliseconds. */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  /** Like the platform's, a no-op for undefined or a handle already fired or cleared. */
  clearTimeout(handle: TimerHandle | undefined): void;
}

/** The platform's clock and timers. */
export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle),
};
