// Timers under a test's control, so schedules (scrapes, rule groups, the
// notifier, remote-write batches) run without waiting on the wall clock.

import type { TimerHandle, Timers } from './timers';

interface Pending {
  id: number;
  at: number;
  fn: () => void;
}

export class FakeClock implements Timers {
  private t: number;
  private seq = 0;
  private pending: Pending[] = [];

  constructor(start = 0) {
    this.t = start;
  }

  readonly now = (): number => this.t;

  readonly setTimeout = (fn: () => void, ms: number): TimerHandle => {
    const id = ++this.seq;
    this.pending.push({ id, at: this.t + Math.max(0, ms), fn });
    return id as unknown as TimerHandle;
  };

  readonly clearTimeout = (handle: TimerHandle | undefined): void => {
    this.pending = this.pending.filter((p) => p.id !== (handle as unknown as number));
  };

  get timers(): number {
    return this.pending.length;
  }

  /**
   * A busy thread: time moves on and no timer fires, as when the engine runs a
   * long task. Timers that fell due fire late at the next advance().
   */
  stall(ms: number): void {
    this.t += ms;
  }

  /** Moves time forward, firing due timers in order and letting the work they start settle. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await settle();
      this.pending.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.pending[0];
      if (!next || next.at > end) break;
      this.pending.shift();
      // A timer overdue after stall() fires late, at the present time.
      this.t = Math.max(this.t, next.at);
      next.fn();
    }
    this.t = end;
    await settle();
  }
}

/** Lets pending promise chains and I/O callbacks run. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r));
}
