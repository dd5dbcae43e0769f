// The YAML files a person edits in Vigil, by kind: how each is checked (as
// the engine checks it before taking it) and the shape its keys complete from.

import { ALERTMANAGER_CONFIG_SHAPE, parseAlertmanagerConfig } from '../config/alertmanagerConfig';
import { parseConfig, PROMETHEUS_CONFIG_SHAPE } from '../config/prometheusConfig';
import type { MappingShape } from '../config/yamlShape';
import type { TextProblem } from '../model/result';
import { parseRuleFile, RULE_FILE_SHAPE } from '../rules/ruleFile';
import type { YamlCheck, YamlFileKind } from './api';

interface YamlFileSpec {
  check(text: string): YamlCheck;
  shape: MappingShape;
}

const problem = (e: { line: number; column: number; what: string }): TextProblem => ({ line: e.line, column: e.column, message: e.what });

export const YAML_FILES: Record<YamlFileKind, YamlFileSpec> = {
  prometheus: {
    check(text) {
      const r = parseConfig(text);
      return r.ok ? { errors: [], warnings: r.warnings } : { errors: r.problems, warnings: [] };
    },
    shape: PROMETHEUS_CONFIG_SHAPE,
  },
  rules: {
    check(text) {
      const r = parseRuleFile(text);
      return { errors: r.ok ? [] : r.errors.map(problem), warnings: [] };
    },
    shape: RULE_FILE_SHAPE,
  },
  alertmanager: {
    check(text) {
      if (text.trim() === '') return { errors: [], warnings: [] };
      const r = parseAlertmanagerConfig(text);
      return { errors: r.ok ? [] : r.problems, warnings: [] };
    },
    shape: ALERTMANAGER_CONFIG_SHAPE,
  },
};
