// How a benchmark times one operation: a warm-up, then the median of several
// runs. On a shared 2-core machine a single garbage collection or a neighbour's
// burst can double one run; a mean of three carried that into the figure, the
// median does not. Vigil's and Prometheus's query figures use the same rule.

export const BENCH_RUNS = 7;

/** Median milliseconds of `runs` timed calls of `op`, after one untimed call. `op` may report its own time. */
export async function medianMs(op: () => Promise<number | void>, runs = BENCH_RUNS): Promise<number> {
  await op();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const reported = await op();
    times.push(typeof reported === 'number' ? reported : performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  const median = times.length % 2 === 1 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
  return Math.round(median * 10) / 10;
}
