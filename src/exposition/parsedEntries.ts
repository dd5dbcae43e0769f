// A whole exposition read into plain records, for callers that want every
// entry at once (loading a file, tests) rather than the allocation-free pull.

import type { FloatHistogram } from '../model/histogram/floatHistogram';
import type { Histogram } from '../model/histogram/histogram';
import type { Labels } from '../model/labels';
import type { MetricType } from '../model/metricType';
import type { Entry, Exemplar, ExpositionParser } from './parser';

export type ParsedEntry =
  | { entry: 'series'; labels: Labels; value: number; timestamp: number | undefined; exemplar: Exemplar | undefined }
  | { entry: 'histogram'; labels: Labels; histogram: Histogram | FloatHistogram; timestamp: number | undefined }
  | { entry: 'type'; family: string; type: MetricType }
  | { entry: 'help'; family: string; help: string }
  | { entry: 'unit'; family: string; unit: string }
  | { entry: 'comment'; text: string }
  | { entry: 'eof' };

export function readEntries(p: ExpositionParser): ParsedEntry[] {
  const out: ParsedEntry[] = [];
  for (let e: Entry | null = p.next(); e !== null; e = p.next()) {
    switch (e) {
      case 'series':
        out.push({ entry: e, labels: p.labels(), value: p.value(), timestamp: p.timestamp(), exemplar: p.exemplar?.() });
        break;
      case 'histogram':
        out.push({ entry: e, labels: p.labels(), histogram: p.histogram!(), timestamp: p.timestamp() });
        break;
      case 'type':
        out.push({ entry: e, family: p.family(), type: p.type() });
        break;
      case 'help':
        out.push({ entry: e, family: p.family(), help: p.help() });
        break;
      case 'unit':
        out.push({ entry: e, family: p.family(), unit: p.unit() });
        break;
      case 'comment':
        out.push({ entry: e, text: p.comment?.() ?? '' });
        break;
      case 'eof':
        out.push({ entry: e });
        break;
    }
  }
  return out;
}
