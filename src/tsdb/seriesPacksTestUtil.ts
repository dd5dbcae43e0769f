// Test help for series packs: a pack's series as plain rows, to compare with what went in.

import { packLabels, type SeriesPack } from './seriesPacks';

/** Every series of the packs, as rows. */
export function unpack(packs: readonly SeriesPack[]): { ref: number; labels: string[] }[] {
  const out: { ref: number; labels: string[] }[] = [];
  for (const p of packs) {
    let i = 0;
    for (const labels of packLabels(p)) out.push({ ref: p.refs[i++], labels });
  }
  return out;
}
