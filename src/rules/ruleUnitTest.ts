// promtool's `test rules` (cmd/promtool/unittest.go): a test file names rule
// files and test groups; each group loads its input series in the series
// notation, evaluates every rule group each evaluation_interval from the start
// time to the last eval_time, checks firing alerts at each alert_rule_test's
// time and PromQL results at each promql_expr_test's, and reports failures in
// promtool's words. Files are read through an injected function.

import type { Node } from 'yaml';
import { formatDuration, parseDuration } from '../model/duration';
import { compareLabels, Labels } from '../model/labels';
import { almostEqual } from '../promql/almost';
import { QueryEngine } from '../promql/engine';
import { parseMetric, parseSeriesDesc } from '../promql/parser/seriesDesc';
import { Head } from '../tsdb/head';
import { ConfigError, YamlSource } from '../config/yamlDecode';
import { AlertingRule } from './alertingRule';
import { engineQueryFunc, type EvalSample } from './rule';
import { parseRuleFile } from './ruleFile';
import { RuleGroup, type GroupDeps } from './ruleGroup';
import { errorMessage } from '../model/result';

export interface RuleTestOptions {
  /** Reads a rule file named in the test file (paths already resolved against the test file's folder). */
  readFile(path: string): Promise<string>;
  /** Expands a glob in rule_files; by default the path itself. */
  glob?(pattern: string): Promise<string[]>;
  /** Folder of the test file, to resolve relative rule_files. */
  dir: string;
  /** promtool's --run: only test groups whose name matches. */
  run?: RegExp;
  /** promtool's --ignore-unknown-fields for the rule files. */
  ignoreUnknownFields?: boolean;
}

export interface RuleTestResult {
  /** promtool's error texts, in order; empty when every test passed. */
  errors: string[];
  /** Warnings promtool prints without failing (e.g. a rule_files pattern matching nothing). */
  warnings: string[];
  /** Test cases not run, with why (native histograms, which this storage cannot hold). */
  skipped: string[];
}

interface InputSeries {
  series: string;
  values: string;
}

interface AlertCase {
  evalTime: number;
  alertname: string;
  expAlerts: { labels: Record<string, string>; annotations: Record<string, string> }[];
}

interface ExprCase {
  expr: string;
  evalTime: number;
  expSamples: { labels: string; value: number; histogram: string }[];
}

interface TestGroup {
  name: string;
  interval: number;
  inputSeries: InputSeries[];
  alertTests: AlertCase[];
  exprTests: ExprCase[];
  externalLabels: Record<string, string>;
  externalURL: string;
  startTime: number;
}

interface TestFile {
  ruleFiles: string[];
  evaluationInterval: number;
  groupEvalOrder: string[];
  fuzzyCompare: boolean;
  tests: TestGroup[];
}

// unittest.go's yaml struct names, as go-yaml's strict errors name them.
const FILE_FIELDS = ['rule_files', 'evaluation_interval', 'group_eval_order', 'tests', 'fuzzy_compare'];
const GROUP_FIELDS = ['interval', 'input_series', 'alert_rule_test', 'promql_expr_test', 'external_labels', 'external_url', 'name', 'start_timestamp'];
const SERIES_FIELDS = ['series', 'values'];
const ALERT_FIELDS = ['eval_time', 'alertname', 'exp_alerts'];
const EXP_ALERT_FIELDS = ['exp_labels', 'exp_annotations'];
const EXPR_FIELDS = ['expr', 'eval_time', 'exp_samples'];
const SAMPLE_FIELDS = ['labels', 'value', 'histogram'];

function readTestFile(text: string): TestFile {
  const src = new YamlSource(text);
  const file: TestFile = { ruleFiles: [], evaluationInterval: 0, groupEvalOrder: [], fuzzyCompare: false, tests: [] };
  if (src.isNull(src.root)) return file;
  const top = src.struct(src.root!, 'main.unitTestFile', FILE_FIELDS);
  const dur = (n: Node | null | undefined) => (n && !src.isNull(n) ? src.parsed(n, parseDuration) : 0);
  const get = (m: Map<string, Node | null>, k: string) => m.get(k) ?? null;
  if (get(top, 'rule_files')) file.ruleFiles = src.strings(get(top, 'rule_files')!);
  file.evaluationInterval = dur(get(top, 'evaluation_interval'));
  if (get(top, 'group_eval_order')) file.groupEvalOrder = src.strings(get(top, 'group_eval_order')!);
  if (get(top, 'fuzzy_compare')) file.fuzzyCompare = src.bool(get(top, 'fuzzy_compare')!);
  for (const gNode of get(top, 'tests') ? src.seq(get(top, 'tests')!, '[]main.testGroup') : []) {
    const g = src.isNull(gNode) ? new Map<string, Node | null>() : src.struct(gNode, 'main.testGroup', GROUP_FIELDS);
    const str = (m: Map<string, Node | null>, k: string) => (get(m, k) ? src.string(get(m, k)!) : '');
    const tg: TestGroup = {
      name: str(g, 'name'),
      interval: dur(get(g, 'interval')),
      inputSeries: [],
      alertTests: [],
      exprTests: [],
      externalLabels: Object.fromEntries((get(g, 'external_labels') ? src.stringMap(get(g, 'external_labels')!, 'labels.Labels') : []).map(([k, v]) => [k, v])),
      externalURL: str(g, 'external_url'),
      startTime: 0,
    };
    const start = get(g, 'start_timestamp');
    if (start && !src.isNull(start)) tg.startTime = src.parsed(start, parseStartTimestamp);
    for (const n of get(g, 'input_series') ? src.seq(get(g, 'input_series')!, '[]main.series') : []) {
      const s = src.struct(n, 'main.series', SERIES_FIELDS);
      tg.inputSeries.push({ series: str(s, 'series'), values: str(s, 'values') });
    }
    for (const n of get(g, 'alert_rule_test') ? src.seq(get(g, 'alert_rule_test')!, '[]main.alertTestCase') : []) {
      const a = src.struct(n, 'main.alertTestCase', ALERT_FIELDS);
      const exp = get(a, 'exp_alerts') ? src.seq(get(a, 'exp_alerts')!, '[]main.alert') : [];
      tg.alertTests.push({
        evalTime: dur(get(a, 'eval_time')),
        alertname: str(a, 'alertname'),
        expAlerts: exp.map((e) => {
          const m = src.isNull(e) ? new Map<string, Node | null>() : src.struct(e, 'main.alert', EXP_ALERT_FIELDS);
          const map = (k: string) => Object.fromEntries((get(m, k) ? src.stringMap(get(m, k)!, 'map[string]string') : []).map(([x, y]) => [x, y]));
          return { labels: map('exp_labels'), annotations: map('exp_annotations') };
        }),
      });
    }
    for (const n of get(g, 'promql_expr_test') ? src.seq(get(g, 'promql_expr_test')!, '[]main.promqlTestCase') : []) {
      const e = src.struct(n, 'main.promqlTestCase', EXPR_FIELDS);
      const samples = get(e, 'exp_samples') ? src.seq(get(e, 'exp_samples')!, '[]main.sample') : [];
      tg.exprTests.push({
        expr: str(e, 'expr'),
        evalTime: dur(get(e, 'eval_time')),
        expSamples: samples.map((sn) => {
          const s = src.struct(sn, 'main.sample', SAMPLE_FIELDS);
          const v = get(s, 'value');
          return { labels: str(s, 'labels'), value: v ? src.parsed(v, parseGoFloat) : 0, histogram: str(s, 'histogram') };
        }),
      });
    }
    file.tests.push(tg);
  }
  return file;
}

function parseGoFloat(s: string): number {
  const t = s.trim().toLowerCase().replace(/^\+/, '');
  if (t === '.inf' || t === 'inf') return Infinity;
  if (t === '-.inf' || t === '-inf') return -Infinity;
  if (t === '.nan' || t === 'nan') return NaN;
  const v = Number(t);
  if (t === '' || Number.isNaN(v)) throw new Error(`strconv.ParseFloat: parsing ${JSON.stringify(s)}: invalid syntax`);
  return v;
}

/** start_timestamp: RFC 3339 or Unix seconds. */
function parseStartTimestamp(s: string): number {
  if (/^-?\d+(\.\d+)?$/.test(s.trim())) return Math.round(Number(s) * 1000);
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new Error(`cannot parse ${JSON.stringify(s)} as RFC3339 or Unix timestamp`);
  return t;
}

/** Go's time.Duration.String() for whole milliseconds (`0s`, `1m0s`, `1.5s`, `250ms`). */
export function goDurationString(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(ms);
  let out: string;
  if (rest < 1000) out = `${rest}ms`;
  else {
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const s = (rest / 1000).toString();
    out = h > 0 ? `${h}h${m}m${s}s` : m > 0 ? `${m}m${s}s` : `${s}s`;
  }
  return (neg ? '-' : '') + out;
}

function indentLines(text: string, indent: string): string {
  return text.split('\n').join('\n' + indent);
}

interface LabelsAndAnnotations {
  labels: Labels;
  annotations: Labels;
}

function laString(list: LabelsAndAnnotations[]): string {
  if (list.length === 0) return '[]';
  const one = (l: LabelsAndAnnotations) => indentLines(`\nLabels:${l.labels.toString()}\nAnnotations:${l.annotations.toString()}`, '  ');
  return '[\n' + list.map((l, i) => `${i}:${one(l)}`).join(',\n') + '\n]';
}

function sortLA(list: LabelsAndAnnotations[]): void {
  list.sort((a, b) => compareLabels(a.labels, b.labels) || compareLabels(a.annotations, b.annotations));
}

/** strconv.FormatFloat(v, 'E', -1, 64), as parsedSamplesString prints values. */
function formatE(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const [m, e] = v.toExponential().split('e');
  const exp = Number(e);
  return `${m}E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

interface Sample {
  labels: Labels;
  value: number;
}

function samplesString(list: Sample[]): string {
  if (list.length === 0) return 'nil';
  return list.map((s) => `${s.labels.toString()} ${formatE(s.value)}`).join(', ');
}

function sameSamples(exp: Sample[], got: Sample[], fuzzy: boolean): boolean {
  if (exp.length !== got.length) return false;
  return exp.every((e, i) => {
    if (!e.labels.equals(got[i].labels)) return false;
    // Fuzzy: equal within float64 rounding (relative difference below one machine epsilon).
    return fuzzy ? almostEqual(e.value, got[i].value, Number.EPSILON) : e.value === got[i].value;
  });
}

async function loadGroups(file: TestFile, tg: TestGroup, opts: RuleTestOptions, warnings: string[]): Promise<{ groups: RuleGroup[]; errors: string[] }> {
  const groups: RuleGroup[] = [];
  const errors: string[] = [];
  for (const pattern of file.ruleFiles) {
    const resolved = pattern.startsWith('/') || opts.dir === '' ? pattern : `${opts.dir}/${pattern}`;
    const paths = opts.glob ? await opts.glob(resolved) : [resolved];
    if (paths.length === 0) warnings.push(`  WARNING: no file match pattern ${resolved}`);
    for (const path of paths) {
      let text: string;
      try {
        text = await opts.readFile(path);
      } catch (e) {
        errors.push(`${path}: ${errorMessage(e)}`);
        continue;
      }
      const parsed = parseRuleFile(text, { ignoreUnknownFields: opts.ignoreUnknownFields });
      if (!parsed.ok) {
        errors.push(...parsed.errors.map((e) => `${path}: ${e.message}`));
        continue;
      }
      for (const gc of parsed.file.groups) groups.push(new RuleGroup(path, gc, gc.interval ?? tg.interval, gc.queryOffset ?? 0, true));
    }
  }
  return { groups, errors };
}

/** Group evaluation order: those named in group_eval_order first, in that order; the rest after, as loaded. */
function orderGroups(groups: RuleGroup[], order: string[]): RuleGroup[] {
  const rank = (g: RuleGroup) => {
    const i = order.indexOf(g.name);
    return i < 0 ? order.length : i;
  };
  return groups.map((g, i) => ({ g, i })).sort((a, b) => rank(a.g) - rank(b.g) || a.i - b.i).map((x) => x.g);
}

async function runGroup(file: TestFile, tg: TestGroup, evalInterval: number, opts: RuleTestOptions, out: RuleTestResult): Promise<string[]> {
  const errs: string[] = [];
  const testName = tg.name !== '' ? `    name: ${tg.name},\n` : '';
  // The series load as a promqltest `load` block at the group's interval, from the start time.
  const head = new Head();
  const app = head.appender();
  for (const is of tg.inputSeries) {
    let desc;
    try {
      desc = parseSeriesDesc(`${is.series} ${is.values}`);
    } catch (e) {
      return [`${testName}    input series ${JSON.stringify(is.series)}: ${errorMessage(e)}`];
    }
    if (desc.histogram) {
      out.skipped.push(`input series ${is.series}: native histograms are not supported`);
      continue;
    }
    desc.values.forEach((v, k) => {
      if (!v.omitted) app.append(0, desc.labels, tg.startTime + k * tg.interval, v.value);
    });
  }
  app.commit();

  const { groups: loaded, errors } = await loadGroups(file, tg, opts, out.warnings);
  if (errors.length > 0) return errors;
  const groups = orderGroups(loaded, file.groupEvalOrder);
  const engine = new QueryEngine({ subqueryStepMs: evalInterval });
  const query = engineQueryFunc(engine, head);
  const deps: GroupDeps = { storage: head, query, externalLabels: tg.externalLabels, externalURL: tg.externalURL, now: () => 0, resendDelay: 60_000 };

  for (const a of tg.alertTests) {
    if (a.alertname === '') {
      const where = tg.name !== '' ? ` (in TestGroup ${tg.name})` : '';
      return [`an item under alert_rule_test misses required attribute alertname at eval_time ${formatDuration(a.evalTime)}${where}`];
    }
  }
  const alertTimes = [...new Set(tg.alertTests.map((a) => a.evalTime))].sort((x, y) => x - y);
  const maxEval = Math.max(0, ...tg.alertTests.map((a) => a.evalTime), ...tg.exprTests.map((e) => e.evalTime));
  const mint = tg.startTime;
  let curr = 0;
  for (let ts = mint; ts <= mint + maxEval; ts += evalInterval) {
    const evalErrs: string[] = [];
    for (const g of groups) {
      await g.eval(ts, deps);
      for (const r of g.rules) if (r.health === 'err') evalErrs.push(`    rule: ${r.name}, time: ${goDurationString(ts)}, err: ${r.lastError}`);
    }
    errs.push(...evalErrs);
    if (evalErrs.length > 0) return errs;
    // Alerts are checked against the evaluation at ts when ts <= eval_time < ts + interval.
    while (curr < alertTimes.length && ts - mint <= alertTimes[curr] && alertTimes[curr] < ts - mint + evalInterval) {
      const t = alertTimes[curr];
      const got = new Map<string, LabelsAndAnnotations[]>();
      for (const g of groups) {
        for (const r of g.rules) {
          if (!(r instanceof AlertingRule)) continue;
          const list = got.get(r.name) ?? [];
          for (const a of r.activeAlerts()) if (a.state === 'firing') list.push({ labels: a.labels, annotations: Labels.from(a.annotations) });
          got.set(r.name, list);
        }
      }
      for (const tc of tg.alertTests.filter((a) => a.evalTime === t)) {
        const gotAlerts = [...(got.get(tc.alertname) ?? [])];
        const expAlerts = tc.expAlerts.map((e) => ({ labels: Labels.from({ ...e.labels, alertname: tc.alertname }), annotations: Labels.from(e.annotations) }));
        sortLA(gotAlerts);
        sortLA(expAlerts);
        const same = gotAlerts.length === expAlerts.length && gotAlerts.every((g, i) => g.labels.equals(expAlerts[i].labels) && g.annotations.equals(expAlerts[i].annotations));
        if (!same) {
          const exp = indentLines(laString(expAlerts), '            ');
          const gotText = indentLines(laString(gotAlerts), '            ');
          errs.push(`${testName}    alertname: ${tc.alertname}, time: ${formatDuration(tc.evalTime)}, \n        exp:${exp}, \n        got:${gotText}`);
        }
      }
      curr++;
    }
  }

  outer: for (const tc of tg.exprTests) {
    const where = `    expr: ${JSON.stringify(tc.expr)}, time: ${formatDuration(tc.evalTime)}`;
    if (tc.expSamples.some((s) => s.histogram !== '')) {
      out.skipped.push(`${where.trim()}: native histograms are not supported`);
      continue;
    }
    let got: EvalSample[];
    try {
      got = await query(tc.expr, mint + tc.evalTime);
    } catch (e) {
      errs.push(`${testName}${where}, err: ${errorMessage(e)}`);
      continue;
    }
    const gotSamples: Sample[] = got.map((s) => ({ labels: s.labels, value: s.v }));
    const expSamples: Sample[] = [];
    for (const s of tc.expSamples) {
      try {
        const { labels, rest } = parseMetric(s.labels.trim());
        if (rest !== s.labels.trim().length) throw new SyntaxError(`unexpected ${JSON.stringify(s.labels.trim().slice(rest))}`);
        expSamples.push({ labels, value: s.value });
      } catch (e) {
        errs.push(`${testName}${where}, err: labels ${JSON.stringify(s.labels)}: ${errorMessage(e)}`);
        continue outer;
      }
    }
    expSamples.sort((a, b) => compareLabels(a.labels, b.labels));
    gotSamples.sort((a, b) => compareLabels(a.labels, b.labels));
    if (!sameSamples(expSamples, gotSamples, file.fuzzyCompare)) {
      errs.push(`${testName}${where},\n        exp: ${samplesString(expSamples)}\n        got: ${samplesString(gotSamples)}`);
    }
  }
  return errs;
}

/** Runs one `test rules` file's text. */
export async function runRuleTests(text: string, opts: RuleTestOptions): Promise<RuleTestResult> {
  const out: RuleTestResult = { errors: [], warnings: [], skipped: [] };
  let file: TestFile;
  try {
    file = readTestFile(text);
  } catch (e) {
    if (e instanceof ConfigError) {
      out.errors.push(e.message);
      return out;
    }
    throw e;
  }
  const evalInterval = file.evaluationInterval || 60_000;
  const seen = new Set<string>();
  for (const name of file.groupEvalOrder) {
    if (seen.has(name)) {
      out.errors.push(`group name repeated in evaluation order: ${name}`);
      return out;
    }
    seen.add(name);
  }
  for (const tg of file.tests) {
    if (opts.run && !opts.run.test(tg.name)) continue;
    if (tg.interval === 0) tg.interval = evalInterval;
    out.errors.push(...(await runGroup(file, tg, evalInterval, opts, out)));
  }
  return out;
}
