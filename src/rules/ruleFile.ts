// Prometheus rule files (model/rulefmt): groups of recording and alerting
// rules read from YAML and validated as `promtool check rules` validates them
// (rulefmt.go RuleGroups.Validate, Rule.Validate, testTemplateParsing), with
// each error's line, column and cause; and written back as YAML.

import type { Node } from 'yaml';
import { stringify } from 'yaml';
import { formatDuration, parseDuration } from '../model/duration';
import { METRIC_NAME, quote } from '../model/labels';
import { parseExpr } from '../promql/parser/parse';
import { ConfigError, YamlSource } from '../config/yamlDecode';
import { listOf, mapping } from '../config/yamlShape';
import { checkAlertTemplate } from './alertTemplate';
import { errorMessage } from '../model/result';

export interface RuleConfig {
  /** `record` or `alert`. */
  kind: 'recording' | 'alerting';
  name: string;
  expr: string;
  /** Milliseconds; alerting rules only. */
  for: number;
  keepFiringFor: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface RuleGroupConfig {
  name: string;
  /** Milliseconds; undefined takes the global evaluation interval. */
  interval?: number;
  /** Milliseconds; undefined takes the global rule_query_offset. */
  queryOffset?: number;
  /** Most series a rule may produce (alerts a rule may hold); 0 is no limit. */
  limit: number;
  /** Labels added to every rule's output; a rule's own labels win. */
  labels: Record<string, string>;
  rules: RuleConfig[];
}

export interface RuleFile {
  groups: RuleGroupConfig[];
}

export interface ParseRuleOptions {
  /** promtool's --ignore-unknown-fields: unknown keys are skipped, not errors. */
  ignoreUnknownFields?: boolean;
}

export type RuleFileResult = { ok: true; file: RuleFile } | { ok: false; errors: ConfigError[] };

// rulefmt's RuleGroups, RuleGroup and Rule: the keys the reader takes and the editor completes.
const RULE_SHAPE = mapping(['record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations']);
const GROUP_SHAPE = mapping(['name', 'interval', 'query_offset', 'limit', 'labels', 'rules'], { rules: listOf(RULE_SHAPE) });
export const RULE_FILE_SHAPE = mapping(['groups'], { groups: listOf(GROUP_SHAPE) });

/** Reads and validates a rule file; every problem is reported, as promtool lists them all. */
export function parseRuleFile(text: string, opts: ParseRuleOptions = {}): RuleFileResult {
  const errors: ConfigError[] = [];
  let file: RuleFile;
  try {
    file = readRuleFile(new YamlSource(text), opts, errors);
  } catch (e) {
    if (e instanceof ConfigError) return { ok: false, errors: [e] };
    throw e;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, file };
}

function fields(src: YamlSource, node: Node, type: string, known: readonly string[], opts: ParseRuleOptions): Map<string, Node | null> {
  if (!opts.ignoreUnknownFields) return src.struct(node, type, known);
  const out = new Map<string, Node | null>();
  for (const [key, value, keyNode] of src.entries(node, type)) {
    if (!known.includes(key)) continue;
    if (out.has(key)) throw src.error(keyNode, `field ${key} already set in type ${type}`);
    out.set(key, value);
  }
  return out;
}

/** A rule's place in errors: `line:col: group "g", rule N, "name": cause` (rulefmt.Error). */
function ruleError(src: YamlSource, at: Node | null | undefined, group: string, index: number, name: string, cause: string): ConfigError {
  const what = `group ${quote(group)}, rule ${index + 1}, ${quote(name)}: ${cause}`;
  return at ? src.error(at, what) : new ConfigError(0, 0, what);
}

function readRuleFile(src: YamlSource, opts: ParseRuleOptions, errors: ConfigError[]): RuleFile {
  const file: RuleFile = { groups: [] };
  if (src.isNull(src.root)) return file;
  const top = fields(src, src.root!, 'rulefmt.RuleGroups', RULE_FILE_SHAPE.keys, opts);
  const groupsNode = top.get('groups');
  const seen = new Set<string>();
  for (const gNode of groupsNode ? src.seq(groupsNode, '[]rulefmt.RuleGroup') : []) {
    const g = fields(src, gNode, 'rulefmt.RuleGroup', GROUP_SHAPE.keys, opts);
    const name = g.get('name') ? src.string(g.get('name')!) : '';
    if (name === '') errors.push(src.error(gNode, 'Groupname must not be empty'));
    else if (seen.has(name)) errors.push(src.error(gNode, `groupname: ${quote(name)} is repeated in the same file`));
    seen.add(name);
    const group: RuleGroupConfig = { name, limit: 0, labels: {}, rules: [] };
    const interval = g.get('interval');
    if (interval) group.interval = src.parsed(interval, parseDuration);
    const offset = g.get('query_offset');
    if (offset) group.queryOffset = src.parsed(offset, parseDuration);
    const limit = g.get('limit');
    if (limit) group.limit = src.uint(limit, 'int');
    const labels = g.get('labels');
    for (const [k, v, keyNode] of labels ? src.stringMap(labels, 'map[string]string') : []) {
      if (k === '' || k === METRIC_NAME) errors.push(src.error(keyNode, `invalid label name: ${k}`));
      group.labels[k] = v;
    }
    const rules = g.get('rules');
    (rules ? src.seq(rules, '[]rulefmt.Rule') : []).forEach((rNode, i) => {
      const rule = readRule(src, rNode, name, i, opts, errors);
      if (rule) group.rules.push(rule);
    });
    file.groups.push(group);
  }
  return file;
}

function readRule(src: YamlSource, node: Node, group: string, index: number, opts: ParseRuleOptions, errors: ConfigError[]): RuleConfig | null {
  const r = fields(src, node, 'rulefmt.Rule', RULE_SHAPE.keys, opts);
  const str = (key: string) => {
    const n = r.get(key);
    return n ? src.string(n) : '';
  };
  const record = str('record');
  const alert = str('alert');
  const expr = str('expr');
  const name = alert !== '' ? alert : record;
  const err = (at: Node | null | undefined, cause: string) => errors.push(ruleError(src, at, group, index, name, cause));
  const before = errors.length;
  const dur = (key: string) => {
    const n = r.get(key);
    return n ? src.parsed(n, parseDuration) : 0;
  };
  const rule: RuleConfig = {
    kind: alert !== '' ? 'alerting' : 'recording',
    name,
    expr,
    for: dur('for'),
    keepFiringFor: dur('keep_firing_for'),
    labels: {},
    annotations: {},
  };
  if (record !== '' && alert !== '') err(r.get('record'), "only one of 'record' and 'alert' must be set");
  if (record === '' && alert === '') err(node, "one of 'record' or 'alert' must be set");
  if (expr === '') err(r.get('expr') ?? node, "field 'expr' must be set in rule");
  else {
    try {
      parseExpr(expr);
    } catch (e) {
      err(r.get('expr'), `could not parse expression: ${errorMessage(e)}`);
    }
  }
  const labelsNode = r.get('labels');
  for (const [k, v, keyNode] of labelsNode ? src.stringMap(labelsNode, 'map[string]string') : []) {
    if (k === '' || k === METRIC_NAME) err(keyNode, `invalid label name: ${k}`);
    rule.labels[k] = v;
  }
  const annotationsNode = r.get('annotations');
  for (const [k, v, keyNode] of annotationsNode ? src.stringMap(annotationsNode, 'map[string]string') : []) {
    if (k === '') err(keyNode, `invalid annotation name: ${k}`);
    rule.annotations[k] = v;
  }
  if (record !== '') {
    if (annotationsNode && Object.keys(rule.annotations).length > 0) err(r.get('record'), "invalid field 'annotations' in recording rule");
    if (rule.for !== 0) err(r.get('record'), "invalid field 'for' in recording rule");
    if (rule.keepFiringFor !== 0) err(r.get('record'), "invalid field 'keep_firing_for' in recording rule");
  }
  if (alert !== '') {
    // Unplaced, as rulefmt wraps template errors without a node.
    for (const [k, v] of Object.entries(rule.labels)) {
      const problem = checkAlertTemplate(alert, v);
      if (problem) err(undefined, `label ${quote(k)}: ${problem}`);
    }
    for (const [k, v] of Object.entries(rule.annotations)) {
      const problem = checkAlertTemplate(alert, v);
      if (problem) err(undefined, `annotation ${quote(k)}: ${problem}`);
    }
  }
  return errors.length === before ? rule : null;
}

/**
 * Rules that produce the same series (same name and static labels) within a
 * group, which `promtool check rules` reports as duplicates (checkDuplicates).
 */
export function duplicateRules(file: RuleFile): { group: string; name: string; labels: Record<string, string> }[] {
  const out: { group: string; name: string; labels: Record<string, string> }[] = [];
  for (const g of file.groups) {
    const seen = new Set<string>();
    for (const r of g.rules) {
      const key = JSON.stringify([r.kind, r.name, Object.entries(r.labels).sort()]);
      if (seen.has(key)) out.push({ group: g.name, name: r.name, labels: r.labels });
      seen.add(key);
    }
  }
  return out;
}

/** The file as Prometheus YAML, fields in rulefmt's order, defaults left out. */
export function ruleFileToYaml(file: RuleFile): string {
  const groups = file.groups.map((g) => {
    const o: Record<string, unknown> = { name: g.name };
    if (g.interval !== undefined) o.interval = formatDuration(g.interval);
    if (g.queryOffset !== undefined) o.query_offset = formatDuration(g.queryOffset);
    if (g.limit > 0) o.limit = g.limit;
    if (Object.keys(g.labels).length > 0) o.labels = g.labels;
    o.rules = g.rules.map((r) => {
      const ro: Record<string, unknown> = r.kind === 'recording' ? { record: r.name } : { alert: r.name };
      ro.expr = r.expr;
      if (r.for > 0) ro.for = formatDuration(r.for);
      if (r.keepFiringFor > 0) ro.keep_firing_for = formatDuration(r.keepFiringFor);
      if (Object.keys(r.labels).length > 0) ro.labels = r.labels;
      if (Object.keys(r.annotations).length > 0) ro.annotations = r.annotations;
      return ro;
    });
    return o;
  });
  return stringify({ groups }, { lineWidth: 0 });
}
