// Per-scrape limits (sample_limit, body_size_limit…): set globally or per job,
// read and written back the same way in both places.

import type { Node } from 'yaml';
import { formatBytes, parseBytes } from './byteSize';
import type { YamlSource } from './yamlDecode';

/** Per-scrape limits; 0 is no limit. Set globally, a job inherits those it leaves at 0. */
export interface ScrapeLimits {
  /** Bytes. */
  bodySizeLimit: number;
  sampleLimit: number;
  labelLimit: number;
  labelNameLengthLimit: number;
  labelValueLengthLimit: number;
}

export const NO_LIMITS: Readonly<ScrapeLimits> = { bodySizeLimit: 0, sampleLimit: 0, labelLimit: 0, labelNameLengthLimit: 0, labelValueLengthLimit: 0 };

export const LIMIT_FIELDS: Record<string, keyof ScrapeLimits> = {
  body_size_limit: 'bodySizeLimit',
  sample_limit: 'sampleLimit',
  label_limit: 'labelLimit',
  label_name_length_limit: 'labelNameLengthLimit',
  label_value_length_limit: 'labelValueLengthLimit',
};

export function readLimit(src: YamlSource, key: string, node: Node, into: ScrapeLimits): void {
  into[LIMIT_FIELDS[key]] = key === 'body_size_limit' ? src.parsed(node, parseBytes) : src.uint(node);
}

export function limitsToYaml(l: ScrapeLimits, o: Record<string, unknown>): void {
  for (const [key, field] of Object.entries(LIMIT_FIELDS)) {
    if (l[field] > 0) o[key] = field === 'bodySizeLimit' ? formatBytes(l[field]) : l[field];
  }
}
