// How a benchmark times an operation: a warm-up, then the median of several
// runs. On a shared 2-core machine a single garbage collection or a neighbour's
// burst can double one run; a mean of three carried that into the figure, the
// median does not. When two operations are compared, their runs alternate, so
// a noisy minute falls on both rather than on whichever ran then.

export const BENCH_RUNS = 7;
const SETTLE_MS = 200;

/** An operation to time; it may report its own milliseconds (a server's own figure), else the wall time counts. */
export type TimedOp = () => Promise<number | void>;

/** Median milliseconds of each operation over `runs` alternating rounds, after one untimed round. */
export async function alternatingMedians(ops: readonly TimedOp[], runs = BENCH_RUNS): Promise<number[]> {
  for (const op of ops) await op();
  const times = ops.map(() => [] as number[]);
  for (let r = 0; r < runs; r++) {
    for (const [k, op] of ops.entries()) {
      // Each run starts after the last one's background work (a server's GC, a compaction) has had time to settle.
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const t0 = performance.now();
      const reported = await op();
      times[k].push(typeof reported === 'number' ? reported : performance.now() - t0);
    }
  }
  return times.map(median);
}

/**
 * Runs an operation until V8's optimising tiers have had their chance: again
 * while the rounds so far took under `budgetMs`, at most `maxRounds` times.
 * Returns the last round's wall time. A cheap query's first runs measure the
 * interpreter (count_values over 10 series: 8.9 ms over its first 30 runs,
 * 0.76 ms after 60); a tab refreshing a board runs the same code hot.
 */
export async function warmUp(op: TimedOp, budgetMs = 300, maxRounds = 30): Promise<number> {
  let spent = 0;
  let last = 0;
  for (let r = 0; r < maxRounds && spent < budgetMs; r++) {
    const t0 = performance.now();
    await op();
    last = performance.now() - t0;
    spent += last;
  }
  return last;
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const m = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return Math.round(m * 10) / 10;
}
