// Field reads every section of prometheus.yml shares: durations, label sets,
// and the warning for a field Prometheus knows that Vigil keeps but does not act on.

import type { Node } from 'yaml';
import { parseDuration } from '../model/duration';
import { quote } from '../model/labels';
import type { ConfigError, YamlSource } from './yamlDecode';

export function readDuration(src: YamlSource, node: Node): number {
  return src.parsed(node, parseDuration);
}

export function unsupportedField(src: YamlSource, parent: Node, key: string): ConfigError {
  return src.error(src.keyOf(parent, key), `field ${key} is not supported by Vigil and is ignored`);
}

export function readLabelSet(src: YamlSource, node: Node, into: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value, keyNode] of src.stringMap(node, into)) {
    // Prometheus 3 validates label names as UTF-8: any non-empty name.
    if (name === '') throw src.error(keyNode, `${quote(name)} is not a valid label name`);
    out[name] = value;
  }
  return out;
}
