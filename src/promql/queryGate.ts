// At most N queries evaluate at once; the others wait their turn in arrival
// order, as behind Prometheus's ActiveQueryTracker. A waiting query can still
// be cancelled or time out, and says it did so in the queue.

import { QueryError } from './errors';

interface Waiter {
  admit: () => void;
}

export class QueryGate {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(private readonly max: () => number) {}

  /** Resolves when the query may run; `leave()` must follow once it is done. */
  enter(signal: AbortSignal | undefined, deadline: number): Promise<void> {
    if (this.running < this.max() && this.waiting.length === 0) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const give = (e: QueryError) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const i = this.waiting.indexOf(waiter);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(e);
      };
      const onAbort = () => give(new QueryError('canceled', 'query was canceled in query queue'));
      const timer = setTimeout(() => give(new QueryError('timeout', 'query timed out in query queue', 'timeoutMs')), Math.max(0, deadline - Date.now()));
      const waiter: Waiter = {
        admit: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          this.running++;
          resolve();
        },
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort);
      this.waiting.push(waiter);
    });
  }

  leave(): void {
    this.running--;
    while (this.running < this.max() && this.waiting.length > 0) this.waiting.shift()!.admit();
  }
}
