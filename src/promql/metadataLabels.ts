// The reserved labels that describe what a sample measures (name, type, unit);
// operations that change the meaning drop them together (schema.IsMetadataLabel).

import { METRIC_NAME, type Labels } from '../model/labels';

export const METADATA_LABELS = [METRIC_NAME, '__type__', '__unit__'];

export function dropMetadata(l: Labels): Labels {
  return l.without(...METADATA_LABELS);
}
