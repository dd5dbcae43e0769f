// Prometheus durations (`1h30m`, `5m`, `250ms`, `2w`), as model.ParseDuration reads them.

const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

const ORDER = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
const PART = /(\d+)(ms|y|w|d|h|m|s)/y;

/** Milliseconds in a Prometheus duration; throws on anything else. */
export function parseDuration(text: string): number {
  if (text === '0') return 0;
  if (text === '') throw new SyntaxError('empty duration string');
  PART.lastIndex = 0;
  let total = 0;
  let lastUnit = -1;
  while (PART.lastIndex < text.length) {
    const at = PART.lastIndex;
    const m = PART.exec(text);
    if (!m) throw new SyntaxError(`not a valid duration string: ${JSON.stringify(text)} (at character ${at + 1})`);
    const unit = ORDER.indexOf(m[2]);
    if (unit <= lastUnit) throw new SyntaxError(`not a valid duration string: ${JSON.stringify(text)} (units out of order)`);
    lastUnit = unit;
    total += Number(m[1]) * UNITS[m[2]];
  }
  if (!Number.isSafeInteger(total)) throw new SyntaxError(`duration out of range: ${JSON.stringify(text)}`);
  return total;
}

/** The shortest Prometheus duration string for a whole number of milliseconds. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = Math.abs(ms);
  let out = ms < 0 ? '-' : '';
  for (const u of ORDER) {
    const n = Math.floor(rest / UNITS[u]);
    if (n > 0) {
      out += `${n}${u}`;
      rest -= n * UNITS[u];
    }
  }
  return out;
}
