// Where a scrape job's targets come from: static_configs, file_sd_configs
// (URLs or an inline list, for a browser) and the file_sd list itself.

import type { Node } from 'yaml';
import { formatDuration } from '../model/duration';
import { readDuration, readLabelSet } from './fieldReaders';
import { YamlSource } from './yamlDecode';
import { listOf, mapping } from './yamlShape';

/** A group of targets sharing labels: a `static_configs` entry or one element of a file_sd list. */
export interface TargetGroup {
  targets: string[];
  labels: Record<string, string>;
}

/**
 * Prometheus's file_sd_configs, for a browser: `files` are URLs answering a
 * file_sd JSON or YAML list (`[{targets, labels}]`), fetched every
 * `refreshInterval`; `inline` holds such a list pasted into the config.
 */
export interface FileSdConfig {
  files: string[];
  inline: TargetGroup[];
  refreshInterval: number;
}

const DEFAULT_FILE_SD_REFRESH = 300_000;

export const STATIC_TYPE = 'struct { Targets []string "yaml:\\"targets\\""; Labels model.LabelSet "yaml:\\"labels\\"" }';

export const TARGET_GROUP_SHAPE = mapping(['targets', 'labels']);
export const FILE_SD_SHAPE = mapping(['files', 'refresh_interval', 'inline'], { inline: listOf(TARGET_GROUP_SHAPE) });

export function readTargetGroup(src: YamlSource, node: Node, type: string): TargetGroup {
  const f = src.struct(node, type, TARGET_GROUP_SHAPE.keys);
  const targets = f.get('targets');
  const labels = f.get('labels');
  return { targets: targets ? src.strings(targets) : [], labels: labels ? readLabelSet(src, labels, 'model.LabelSet') : {} };
}

export function readFileSd(src: YamlSource, node: Node): FileSdConfig {
  const f = src.struct(node, 'file.plain', FILE_SD_SHAPE.keys);
  const files = f.get('files');
  const inline = f.get('inline');
  const refresh = f.get('refresh_interval');
  const sd: FileSdConfig = {
    files: files ? src.strings(files) : [],
    inline: inline ? src.seq(inline, '[]*targetgroup.Group').map((g) => readTargetGroup(src, g, STATIC_TYPE)) : [],
    refreshInterval: refresh && !src.isNull(refresh) ? readDuration(src, refresh) : DEFAULT_FILE_SD_REFRESH,
  };
  if (sd.files.length === 0 && sd.inline.length === 0) throw src.error(node, 'file service discovery config must contain at least one path name');
  return sd;
}

/** A file_sd list (`[{targets, labels}]`, JSON or YAML) fetched from a URL or pasted. */
export function parseTargetGroups(text: string): TargetGroup[] {
  const src = new YamlSource(text);
  if (src.isNull(src.root)) return [];
  return src.seq(src.root!, '[]*targetgroup.Group').map((g) => readTargetGroup(src, g, 'targetgroup.Group'));
}

export function groupToYaml(g: TargetGroup): Record<string, unknown> {
  return Object.keys(g.labels).length > 0 ? { targets: g.targets, labels: g.labels } : { targets: g.targets };
}

export function fileSdToYaml(f: FileSdConfig): Record<string, unknown> {
  const fo: Record<string, unknown> = {};
  if (f.files.length > 0) fo.files = f.files;
  if (f.inline.length > 0) fo.inline = f.inline.map(groupToYaml);
  fo.refresh_interval = formatDuration(f.refreshInterval);
  return fo;
}
