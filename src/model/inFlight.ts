// Queries in flight by the id of the panel that asked: a newer question from
// the same panel cancels the older one, whose answer nobody will look at.

export class InFlight {
  private readonly running = new Map<string, AbortController>();

  /** Runs `ask` with a signal that the next call with the same id aborts; without an id nothing aborts it. */
  async run<T>(queryId: string | undefined, ask: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const ctl = new AbortController();
    if (queryId !== undefined) {
      this.running.get(queryId)?.abort();
      this.running.set(queryId, ctl);
    }
    try {
      return await ask(ctl.signal);
    } finally {
      if (queryId !== undefined && this.running.get(queryId) === ctl) this.running.delete(queryId);
    }
  }

  /** Aborts the query running under the id, if any. */
  cancel(queryId: string): void {
    this.running.get(queryId)?.abort();
    this.running.delete(queryId);
  }
}
