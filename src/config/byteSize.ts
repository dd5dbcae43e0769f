// Byte sizes as body_size_limit writes them (`10MB`, `512KiB`): Go's
// units.Base2Bytes, read and printed back.

const BYTE_UNITS: Record<string, number> = {
  B: 1, KB: 2 ** 10, MB: 2 ** 20, GB: 2 ** 30, TB: 2 ** 40, PB: 2 ** 50, EB: 2 ** 60,
  KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40, PiB: 2 ** 50, EiB: 2 ** 60,
};
const BYTE_PART = /(\d+(?:\.\d*)?|\.\d+)([KMGTPE]i?B|B)/y;

/** units.ParseBase2Bytes, as body_size_limit reads: `10MB`, `512KiB`, `1MB512KB` (KB is 1024 bytes too). */
export function parseBytes(text: string): number {
  if (text === '0') return 0;
  BYTE_PART.lastIndex = 0;
  let total = 0;
  while (BYTE_PART.lastIndex < text.length) {
    const m = BYTE_PART.exec(text);
    if (!m) {
      const unit = text.replace(/^[\d.]+/, '').replace(/^(\S*?)[\d.].*$/, '$1');
      throw new Error(`units: unknown unit ${unit} in ${text}`);
    }
    total += Number(m[1]) * BYTE_UNITS[m[2]];
  }
  return Math.floor(total);
}

/** Base2Bytes.String: `10MiB`, `1MiB512KiB`, `0B`. */
export function formatBytes(n: number): string {
  if (n === 0) return '0B';
  let out = '';
  let rest = n;
  for (const u of ['EiB', 'PiB', 'TiB', 'GiB', 'MiB', 'KiB', 'B']) {
    const q = Math.floor(rest / BYTE_UNITS[u]);
    if (q > 0) {
      out += `${q}${u}`;
      rest -= q * BYTE_UNITS[u];
    }
  }
  return out;
}
