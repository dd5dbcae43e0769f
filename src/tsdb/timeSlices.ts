// Long storage work (a labels-only walk over a million series, reopening a
// store) hands the worker's thread back every few milliseconds, so scrapes,
// queries and progress messages get their turn in between.

/** Default work between hand-backs: short enough that a scrape due now waits little. */
export const SLICE_MS = 16;

/**
 * A tick for loops to call often (about every 1,024 series): it returns at
 * once until `sliceMs` of work has passed, then yields to the event loop
 * through a macrotask, which lets timers and messages run as a microtask
 * would not.
 */
export function timeSlices(sliceMs = SLICE_MS): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < sliceMs) return;
    await new Promise((r) => setTimeout(r, 0));
    last = performance.now();
  };
}
