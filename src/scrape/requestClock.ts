// A scrape request's own time: how long it was outstanding, less the stretches
// when the engine thread was too busy (a query, a big page) to look at it.
//
// Prometheus's scrape_timeout bounds the HTTP request and the body read, which
// run on their own goroutine. Here the request runs off-thread too, but its
// timeout timer and its answer are both seen on the engine's one thread: after
// a 31 s stall the timer fires 21 s late with the answer queued behind it, and
// a plain setTimeout would blame the target. So the deadline is checked by a
// watchdog that looks every WATCH_MS; a look that comes more than STALL_MS
// late means the thread was busy, and that lateness is not charged to the
// request. The request times out only on a look that came on time and finds
// scrape_timeout of charged time spent — and after a stall, only once the
// thread has had a turn to deliver answers that came in meanwhile.
// (AbortSignal.timeout runs off-thread but cannot tell a stall from a slow
// target, and its abort reaches the fetch even when the answer was in.)

import type { TimerHandle, Timers } from '../model/timers';

/** A watchdog look this much later than asked means the thread was busy, not the target slow. */
export const STALL_MS = 50;
/** How often the watchdog looks while a request is out, so stalls inside it are seen and left out of its duration. */
export const WATCH_MS = 200;

export class RequestClock {
  private readonly start: number;
  private stalled = 0;
  private due = 0;
  private timer: TimerHandle | undefined;
  private done = false;

  constructor(
    private readonly timers: Timers,
    private readonly timeoutMs: number,
    private readonly onTimeout: () => void,
  ) {
    this.start = timers.now();
    this.arm(Math.min(timeoutMs, WATCH_MS));
  }

  /** Stall time so far in ms: the lateness of watchdog looks past STALL_MS. */
  get stalledMs(): number {
    return this.stalled;
  }

  private arm(ms: number): void {
    this.due = this.timers.now() + ms;
    this.timer = this.timers.setTimeout(() => this.look(), ms);
  }

  /** Counts an overdue look's lateness as a stall; true when there was one. */
  private creditStall(now: number): boolean {
    const late = now - this.due;
    if (late <= STALL_MS) return false;
    this.stalled += late;
    return true;
  }

  private look(): void {
    this.timer = undefined;
    if (this.done) return;
    const now = this.timers.now();
    const stalled = this.creditStall(now);
    const left = this.timeoutMs - (now - this.start - this.stalled);
    if (left <= 0 && !stalled) {
      this.done = true;
      this.onTimeout();
      return;
    }
    // After a stall, answers that came in meanwhile are queued behind this
    // look: give them a turn (STALL_MS of charged time) before any verdict.
    this.arm(stalled ? Math.max(left, STALL_MS) : Math.min(left, WATCH_MS));
  }

  /**
   * The request is over (answered, failed or aborted): stops the watchdog
   * and returns its own time in ms. A look overdue now means the answer was
   * seen late, so that lateness is left out too.
   */
  stop(): number {
    const now = this.timers.now();
    if (!this.done && this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
      this.timer = undefined;
      this.creditStall(now);
    }
    this.done = true;
    return Math.max(0, now - this.start - this.stalled);
  }
}
