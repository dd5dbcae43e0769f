// Storage knobs a page can set for its engine (tests use them to shrink a quota
// or a block window). They travel in the worker's name, which also keeps an
// engine tuned differently from sharing a SharedWorker with the default one.
// Here, not in engine/, because the page names the worker before any engine
// exists and the worker reads the name back: one contract both sides import.

export interface EngineTuning {
  maxBytes?: number;
  retentionMs?: number;
  chunkRangeMs?: number;
  checkpointEveryMs?: number;
}

const KEYS: (keyof EngineTuning)[] = ['maxBytes', 'retentionMs', 'chunkRangeMs', 'checkpointEveryMs'];
const BASE_NAME = 'vigil-engine';
const PARAM_PREFIX = 'vigil.';

/** Tuning from a page URL's query (`?vigil.maxBytes=20000`); only positive integers count. */
export function tuningFromSearch(search: string): EngineTuning {
  const params = new URLSearchParams(search);
  const t: EngineTuning = {};
  for (const k of KEYS) {
    const v = Number(params.get(PARAM_PREFIX + k));
    if (Number.isSafeInteger(v) && v > 0) t[k] = v;
  }
  return t;
}

export function workerName(t: EngineTuning): string {
  const parts = KEYS.filter((k) => t[k] !== undefined).map((k) => `${k}=${t[k]}`);
  return parts.length === 0 ? BASE_NAME : `${BASE_NAME}?${parts.join('&')}`;
}

export function tuningFromWorkerName(name: string): EngineTuning {
  const q = name.indexOf('?');
  if (q < 0) return {};
  return tuningFromSearch(
    name
      .slice(q + 1)
      .split('&')
      .map((p) => PARAM_PREFIX + p)
      .join('&'),
  );
}
