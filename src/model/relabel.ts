// Relabelling as Prometheus's model/relabel: one rule list rewrites a label
// set (targets before scraping, samples after), or drops it.

import { md5 } from 'js-md5';
import { quote, type Labels, type LabelsBuilder } from './labels';
import { compileAnchored } from './matcher';
import { errorMessage } from './result';

export const RELABEL_ACTIONS = [
  'replace',
  'keep',
  'drop',
  'keepequal',
  'dropequal',
  'hashmod',
  'labelmap',
  'labeldrop',
  'labelkeep',
  'lowercase',
  'uppercase',
] as const;

export type RelabelAction = (typeof RELABEL_ACTIONS)[number];

/** One rule as written in YAML; `regex` undefined means the default `(.*)`, as Prometheus tells the two apart. */
export interface RelabelConfig {
  sourceLabels?: string[];
  separator: string;
  regex?: string;
  modulus: number;
  targetLabel: string;
  replacement: string;
  action: RelabelAction;
}

export const DEFAULT_RELABEL: Readonly<RelabelConfig> = {
  separator: ';',
  modulus: 0,
  targetLabel: '',
  replacement: '$1',
  action: 'replace',
};

const DEFAULT_REGEX = '(.*)';

/** A validated rule with its regex compiled once. */
export interface RelabelRule {
  readonly config: RelabelConfig;
  readonly regex: RegExp;
  readonly regexIsDefault: boolean;
}

// relabelTargetLegacy in relabel.go is only used under legacy name validation;
// Prometheus 3 validates names as UTF-8, where any non-empty name is valid.
function isValidLabelName(name: string): boolean {
  return name.length > 0;
}

/** Prometheus's Config.Validate (UTF-8 name validation); throws with config.go's wording. */
export function validateRelabelConfig(c: RelabelConfig): void {
  const a = c.action;
  if (!RELABEL_ACTIONS.includes(a)) throw new Error(`unknown relabel action ${quote(a)}`);
  if (c.modulus === 0 && a === 'hashmod') throw new Error('relabel configuration for hashmod requires non-zero modulus');
  const needsTarget = a === 'replace' || a === 'hashmod' || a === 'lowercase' || a === 'uppercase' || a === 'keepequal' || a === 'dropequal';
  if (needsTarget && c.targetLabel === '') throw new Error(`relabel configuration for ${a} action requires 'target_label' value`);
  const invalidTarget = () => new Error(`${quote(c.targetLabel)} is invalid 'target_label' for ${a} action`);
  if ((a === 'replace' || a === 'lowercase' || a === 'uppercase' || a === 'keepequal' || a === 'dropequal' || a === 'hashmod') && !isValidLabelName(c.targetLabel)) {
    throw invalidTarget();
  }
  const caseOrEqual = a === 'lowercase' || a === 'uppercase' || a === 'keepequal' || a === 'dropequal';
  if (caseOrEqual && c.replacement !== DEFAULT_RELABEL.replacement) throw new Error(`'replacement' can not be set for ${a} action`);
  if (a === 'labelmap' && !isValidLabelName(c.replacement)) {
    throw new Error(`${quote(c.replacement)} is invalid 'replacement' for ${a} action`);
  }
  if (a === 'keepequal' || a === 'dropequal') {
    if (c.regex !== undefined || c.modulus !== 0 || c.separator !== DEFAULT_RELABEL.separator || c.replacement !== DEFAULT_RELABEL.replacement) {
      throw new Error(`${a} action requires only 'source_labels' and \`target_label\`, and no other fields`);
    }
  }
  if (a === 'labeldrop' || a === 'labelkeep') {
    if (c.sourceLabels !== undefined || c.targetLabel !== '' || c.modulus !== 0 || c.separator !== DEFAULT_RELABEL.separator || c.replacement !== DEFAULT_RELABEL.replacement) {
      throw new Error(`${a} action requires only 'regex', and no other fields`);
    }
  }
}

/** An RE2 pattern as a fully anchored RegExp (relabel.NewRegexp). */
export function compileRelabelRegex(pattern: string): RegExp {
  try {
    return compileAnchored(pattern);
  } catch (e) {
    throw new SyntaxError(`error parsing regexp: invalid pattern ${quote(pattern)}: ${errorMessage(e).replace(/^.*: /, '')}`, { cause: e });
  }
}

/** Validates and compiles one rule; throws the error Prometheus gives for it. */
export function compileRule(config: RelabelConfig): RelabelRule {
  validateRelabelConfig(config);
  return {
    config,
    regex: compileRelabelRegex(config.regex ?? DEFAULT_REGEX),
    regexIsDefault: config.regex === undefined,
  };
}

/** Prometheus's relabel.Process: the rewritten labels, or null when a rule drops them. */
export function relabel(labels: Labels, rules: readonly RelabelRule[]): Labels | null {
  if (rules.length === 0) return labels;
  const lb = labels.builder();
  return processBuilder(lb, rules) ? lb.labels() : null;
}

/** Prometheus's relabel.ProcessBuilder: applies the rules to the builder; false when dropped. */
export function processBuilder(lb: LabelsBuilder, rules: readonly RelabelRule[]): boolean {
  for (const rule of rules) if (!applyRule(rule, lb)) return false;
  return true;
}

function applyRule(rule: RelabelRule, lb: LabelsBuilder): boolean {
  const c = rule.config;
  const val = (c.sourceLabels ?? []).map((n) => lb.get(n)).join(c.separator);
  switch (c.action) {
    case 'drop':
      return !rule.regex.test(val);
    case 'keep':
      return rule.regex.test(val);
    case 'dropequal':
      return lb.get(c.targetLabel) !== val;
    case 'keepequal':
      return lb.get(c.targetLabel) === val;
    case 'replace': {
      // relabel.go's fast path: set or delete the label without touching the regex.
      if (val === '' && rule.regexIsDefault && !c.targetLabel.includes('$') && !c.replacement.includes('$')) {
        lb.set(c.targetLabel, c.replacement);
        return true;
      }
      const m = rule.regex.exec(val);
      if (!m) return true;
      const target = expand(c.targetLabel, m);
      if (!isValidLabelName(target)) return true;
      const res = expand(c.replacement, m);
      if (res === '') lb.del(target);
      else lb.set(target, res);
      return true;
    }
    case 'lowercase':
      lb.set(c.targetLabel, val.toLowerCase());
      return true;
    case 'uppercase':
      lb.set(c.targetLabel, val.toUpperCase());
      return true;
    case 'hashmod':
      lb.set(c.targetLabel, hashmod(val, c.modulus));
      return true;
    case 'labelmap':
      lb.forEach((name, value) => {
        const m = rule.regex.exec(name);
        if (m) lb.set(expand(c.replacement, m), value);
      });
      return true;
    case 'labeldrop':
      lb.forEach((name) => {
        if (rule.regex.test(name)) lb.del(name);
      });
      return true;
    case 'labelkeep':
      lb.forEach((name) => {
        if (!rule.regex.test(name)) lb.del(name);
      });
      return true;
  }
}

/** md5 of the value, its last 8 bytes as a big-endian uint64, modulo `modulus` (relabel.go's HashMod). */
export function hashmod(value: string, modulus: number): string {
  const sum = md5.array(new TextEncoder().encode(value));
  let h = 0n;
  for (let i = 8; i < 16; i++) h = (h << 8n) | BigInt(sum[i]);
  return (h % BigInt(modulus)).toString();
}

const NAME_CHAR = /[\p{L}\p{Nd}_]/u;

/**
 * Go's Regexp.Expand: `$1`, `${1}`, `$name`, `${name}` take the group's text
 * (empty when absent), `$$` is a dollar, and a malformed reference keeps its `$`.
 * A name runs as long as letters, digits and `_` go, so `$1x` means `${1x}`.
 */
export function expand(template: string, m: RegExpExecArray): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const dollar = template.indexOf('$', i);
    if (dollar < 0) break;
    out += template.slice(i, dollar);
    i = dollar + 1;
    if (template[i] === '$') {
      out += '$';
      i++;
      continue;
    }
    const brace = template[i] === '{';
    let j = brace ? i + 1 : i;
    const start = j;
    while (j < template.length) {
      const cp = template.codePointAt(j)!;
      const ch = String.fromCodePoint(cp);
      if (!NAME_CHAR.test(ch)) break;
      j += ch.length;
    }
    if (j === start || (brace && template[j] !== '}')) {
      out += '$';
      continue;
    }
    const name = template.slice(start, j);
    i = brace ? j + 1 : j;
    out += groupText(name, m);
  }
  return out + template.slice(i);
}

function groupText(name: string, m: RegExpExecArray): string {
  if (/^\d+$/.test(name) && !(name.length > 1 && name[0] === '0') && name.length <= 8) return m[Number(name)] ?? '';
  return m.groups?.[name] ?? '';
}
