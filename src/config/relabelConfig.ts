// relabel_configs, metric_relabel_configs and write_relabel_configs as YAML:
// each rule read and checked with Prometheus's wording, and written back.

import type { Node } from 'yaml';
import { quote } from '../model/labels';
import { compileRule, DEFAULT_RELABEL, RELABEL_ACTIONS, type RelabelAction, type RelabelConfig } from '../model/relabel';
import type { YamlSource } from './yamlDecode';
import { mapping } from './yamlShape';
import { errorMessage } from '../model/result';

export const RELABEL_SHAPE = mapping(['source_labels', 'separator', 'regex', 'modulus', 'target_label', 'replacement', 'action']);

export function readRelabelConfigs(src: YamlSource, node: Node, nullRule: string): RelabelConfig[] {
  return src.seq(node, '[]*relabel.Config').map((n) => {
    if (src.isNull(n)) throw src.error(n, nullRule);
    const f = src.struct(n, 'relabel.plain', RELABEL_SHAPE.keys);
    const r: RelabelConfig = { ...DEFAULT_RELABEL };
    for (const [key, v] of f) {
      if (v === null) continue;
      switch (key) {
        case 'source_labels': r.sourceLabels = src.strings(v); break;
        case 'separator': r.separator = src.string(v); break;
        // An explicit null regex is the empty regex, as Config.UnmarshalYAML sets it.
        case 'regex': r.regex = src.isNull(v) ? '' : src.string(v); break;
        case 'modulus': r.modulus = src.uint(v, 'uint64'); break;
        case 'target_label': r.targetLabel = src.string(v); break;
        case 'replacement': r.replacement = src.string(v); break;
        case 'action': {
          const a = src.string(v).toLowerCase();
          if (!RELABEL_ACTIONS.includes(a as RelabelAction)) throw src.error(v, `unknown relabel action ${quote(src.string(v))}`);
          r.action = a as RelabelAction;
          break;
        }
      }
    }
    try {
      compileRule(r);
    } catch (e) {
      throw src.error(n, errorMessage(e), e);
    }
    return r;
  });
}

export function relabelToYaml(r: RelabelConfig): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (r.sourceLabels !== undefined) o.source_labels = r.sourceLabels;
  o.separator = r.separator;
  if (r.regex !== undefined) o.regex = r.regex;
  if (r.modulus !== 0) o.modulus = r.modulus;
  if (r.targetLabel !== '') o.target_label = r.targetLabel;
  o.replacement = r.replacement;
  o.action = r.action;
  return o;
}
