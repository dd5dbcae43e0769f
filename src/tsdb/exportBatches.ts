// Reads stored series for export one metric family at a time, so exporting
// everything never holds more than one family's samples. The engine feeds
// each batch to the exposition room's writer (tsdb does not import it).

import { METRIC_NAME } from '../model/labels';
import { Matcher } from '../model/matcher';
import type { SeriesData } from '../model/seriesData';
import type { Querier } from './storage';

/** Series matching the matchers in [mint, maxt], batched by metric name in name order; nameless series come last. */
export async function* exportBatches(q: Querier, matchers: readonly Matcher[], mint: number, maxt: number): AsyncGenerator<SeriesData[]> {
  for (const name of await q.labelValues(METRIC_NAME, matchers)) {
    const batch = await q.select([...matchers, new Matcher('=', METRIC_NAME, name)], mint, maxt);
    if (batch.length > 0) yield batch;
  }
  const nameless = await q.select([...matchers, new Matcher('=', METRIC_NAME, '')], mint, maxt);
  if (nameless.length > 0) yield nameless;
}
