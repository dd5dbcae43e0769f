// How fast the standard data sets are produced (they feed every other benchmark).

import { datasetInfo, expositionPage } from './datasets';

export async function bench(): Promise<Record<string, number>> {
  const { start, stepMs } = datasetInfo('scale');
  expositionPage('scale', start);
  const pages = 10;
  const t0 = performance.now();
  let bytes = 0;
  for (let i = 1; i <= pages; i++) bytes += expositionPage('scale', start + i * stepMs).length;
  const ms = performance.now() - t0;
  return { dataset_scale_page_ms: ms / pages, dataset_scale_page_bytes: bytes / pages };
}
