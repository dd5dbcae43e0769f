// alertmanager.yml's routing part (Alertmanager's config/config.go): the
// route tree with its matchers (`matchers:` and the older `match`/`match_re`)
// and the receivers' names, checked as `amtool check-config` checks them,
// errors at their line and column.

import type { Node } from 'yaml';
import { quote } from '../model/labels';
import type { MatchType } from '../model/matcher';
import { compileAnchored } from '../model/matcher';
import type { TimeInterval } from '../model/timeInterval';
import { NAMED_INTERVAL_SHAPE, readNamedIntervals } from './amTimeIntervals';
import { readDuration } from './fieldReaders';
import { ConfigError, YamlSource } from './yamlDecode';
import { listOf, mapping, VALUE, type YamlShape } from './yamlShape';

/** One label matcher as Alertmanager's pkg/labels keeps it. */
export interface AmMatcher {
  type: MatchType;
  name: string;
  value: string;
}

/** A route as written; unset fields inherit from the parent. Durations in ms. */
export interface AmRoute {
  receiver?: string;
  groupBy?: string[];
  matchers: AmMatcher[];
  groupWait?: number;
  groupInterval?: number;
  repeatInterval?: number;
  continue: boolean;
  muteTimeIntervals: string[];
  activeTimeIntervals: string[];
  routes: AmRoute[];
}

export interface AmWebhook {
  url: string;
  sendResolved: boolean;
  /** 0 is all. */
  maxAlerts: number;
}

/**
 * A Vigil receiver kind (the page banner, a desktop notification): title and
 * text are Alertmanager templates over the notification's data; '' takes
 * Vigil's defaults, which follow Alertmanager's default templates.
 */
export interface AmVigilConfig {
  sendResolved: boolean;
  title: string;
  text: string;
}

export interface AmReceiver {
  name: string;
  /** The `*_configs` keys it has (webhook_configs, email_configs…). */
  kinds: string[];
  webhooks: AmWebhook[];
  banners: AmVigilConfig[];
  desktops: AmVigilConfig[];
}

/** An inhibit rule; the older source_match(_re)/target_match(_re) folded into the matchers. */
export interface AmInhibitRule {
  sourceMatchers: AmMatcher[];
  targetMatchers: AmMatcher[];
  equal: string[];
}

export interface AlertmanagerConfigFile {
  route: AmRoute;
  receivers: AmReceiver[];
  inhibitRules: AmInhibitRule[];
  /** time_intervals and mute_time_intervals by name. */
  timeIntervals: Map<string, TimeInterval[]>;
}


const RECEIVER_KINDS = [
  'discord_configs', 'email_configs', 'msteams_configs', 'msteamsv2_configs', 'jira_configs', 'pagerduty_configs', 'pushover_configs', 'slack_configs',
  'opsgenie_configs', 'webhook_configs', 'victorops_configs', 'sns_configs', 'telegram_configs', 'webex_configs', 'wechat_configs', 'rocketchat_configs', 'incidentio_configs',
];
/**
 * Vigil's own receiver kinds. The `vigil_` prefix is one no Alertmanager
 * integration uses, so a future Alertmanager key cannot mean something else
 * here; a real Alertmanager refuses these keys (unknown fields).
 */
export const VIGIL_BANNER = 'vigil_banner_configs';
export const VIGIL_DESKTOP = 'vigil_desktop_configs';

// WebhookConfig fields; the HTTP client's (tls_config…) are accepted and not acted on.
const WEBHOOK_SHAPE = mapping(['url', 'url_file', 'send_resolved', 'max_alerts', 'timeout', 'http_config']);
const VIGIL_SHAPE = mapping(['send_resolved', 'title', 'text']);
const RECEIVER_SHAPE = mapping(
  ['name', 'webhook_configs', VIGIL_BANNER, VIGIL_DESKTOP],
  { webhook_configs: listOf(WEBHOOK_SHAPE), [VIGIL_BANNER]: listOf(VIGIL_SHAPE), [VIGIL_DESKTOP]: listOf(VIGIL_SHAPE) },
  RECEIVER_KINDS.filter((k) => k !== 'webhook_configs'),
);
const INHIBIT_SHAPE = mapping(['source_match', 'source_match_re', 'source_matchers', 'target_match', 'target_match_re', 'target_matchers', 'equal']);
const routeChildren: Record<string, YamlShape> = {};
const ROUTE_SHAPE = mapping(
  ['receiver', 'group_by', 'match', 'match_re', 'matchers', 'mute_time_intervals', 'active_time_intervals', 'continue', 'routes', 'group_wait', 'group_interval', 'repeat_interval'],
  routeChildren,
);
// A route's children are routes: the shape refers to itself.
routeChildren.routes = listOf(ROUTE_SHAPE);

/** alertmanager.yml's keys, as the reader takes them and the editor completes them. */
export const ALERTMANAGER_CONFIG_SHAPE = mapping(
  ['global', 'route', 'inhibit_rules', 'receivers', 'templates', 'mute_time_intervals', 'time_intervals'],
  {
    route: ROUTE_SHAPE,
    inhibit_rules: listOf(INHIBIT_SHAPE),
    receivers: listOf(RECEIVER_SHAPE),
    templates: listOf(VALUE),
    mute_time_intervals: listOf(NAMED_INTERVAL_SHAPE),
    time_intervals: listOf(NAMED_INTERVAL_SHAPE),
  },
);
// model.LabelNameRE, which Alertmanager 0.25 checks label names in match/match_re against.
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
// pkg/labels/parse.go's re: name, operator, value (quoted or not).
const MATCHER = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(=~|=|!=|!~)\s*([\s\S]*?)\s*$/;

/** pkg/labels ParseMatcher: `name op value`, the value optionally double-quoted with Go escapes. */
export function parseAmMatcher(text: string): AmMatcher {
  const m = MATCHER.exec(text);
  if (!m) throw new Error(`bad matcher format: ${text}`);
  let value = m[3];
  if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
    try {
      value = JSON.parse(value) as string;
    } catch {
      throw new Error(`bad matcher format: ${text}`);
    }
  }
  const matcher: AmMatcher = { type: m[2] as MatchType, name: m[1], value };
  if (matcher.type === '=~' || matcher.type === '!~') compileAnchored(value);
  return matcher;
}

/** pkg/labels ParseMatchers: `{a="b", c=~"d"}` or a bare comma list, commas inside quotes kept. */
export function parseAmMatchers(text: string): AmMatcher[] {
  let s = text.trim();
  if (s.startsWith('{') && s.endsWith('}')) s = s.slice(1, -1);
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && quoted) {
      cur += c + (s[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === ',' && !quoted) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur.trim() !== '' || parts.length > 0) parts.push(cur);
  return parts.filter((p) => p.trim() !== '').map(parseAmMatcher);
}

export type AmConfigResult = { ok: true; config: AlertmanagerConfigFile } | { ok: false; problems: { line: number; column: number; message: string }[] };

/**
 * Reads an alertmanager.yml, answering every problem at its place as amtool
 * check-config words it. amtool stops at the first; here each receiver,
 * inhibit rule, time interval and route field is read on its own, so one
 * mistake does not hide the next.
 */
export function parseAlertmanagerConfig(text: string): AmConfigResult {
  const errors: ConfigError[] = [];
  let config: AlertmanagerConfigFile | undefined;
  try {
    config = readAlertmanagerConfig(text, errors);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    errors.push(e);
  }
  if (config && errors.length === 0) return { ok: true, config };
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, problems: errors.map((e) => ({ line: e.line, column: e.column, message: e.what })) };
}

/** Reads an alertmanager.yml; throws its first problem (by place) as a ConfigError. */
export function loadAlertmanagerConfig(text: string): AlertmanagerConfigFile {
  const r = parseAlertmanagerConfig(text);
  if (r.ok) return r.config;
  const first = r.problems[0];
  throw new ConfigError(first.line, first.column, first.message);
}

/** Runs one independent part of the reading; its ConfigError is kept and the reading goes on. */
function attempt<T>(errors: ConfigError[], read: () => T): T | undefined {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    errors.push(e);
    return undefined;
  }
}

function readAlertmanagerConfig(text: string, errors: ConfigError[]): AlertmanagerConfigFile {
  const src = new YamlSource(text);
  if (src.isNull(src.root)) throw new ConfigError(0, 0, 'no route provided in config');
  const top = src.struct(src.root!, 'config.plain', ALERTMANAGER_CONFIG_SHAPE.keys);
  const receivers: AmReceiver[] = [];
  // Names of receivers read with a problem too, so routes naming them are not also refused.
  const names = new Set<string>();
  const recvNode = top.get('receivers');
  for (const n of recvNode ? src.seq(recvNode, '[]config.Receiver') : []) {
    attempt(errors, () => {
      const f = src.struct(n, 'config.plain', RECEIVER_SHAPE.keys);
      const name = f.get('name') ? src.string(f.get('name')!) : '';
      if (name === '') throw src.error(n, 'missing name in receiver');
      if (names.has(name)) throw src.error(f.get('name'), `notification config name ${quote(name)} is not unique`);
      names.add(name);
      const hooks = f.get('webhook_configs');
      const webhooks = hooks ? src.seq(hooks, '[]*config.WebhookConfig').map((h) => readWebhook(src, h)) : [];
      const vigil = (key: string, sendResolved: boolean) => {
        const list = f.get(key);
        return list && !src.isNull(list) ? src.seq(list, `[]*${key}`).map((c) => readVigilConfig(src, c, sendResolved)) : [];
      };
      receivers.push({ name, kinds: [...f.keys()].filter((k) => k !== 'name'), webhooks, banners: vigil(VIGIL_BANNER, true), desktops: vigil(VIGIL_DESKTOP, false) });
    });
  }
  const inhibitNode = top.get('inhibit_rules');
  const inhibitRules: AmInhibitRule[] = [];
  for (const n of inhibitNode ? src.seq(inhibitNode, '[]config.InhibitRule') : []) {
    const rule = attempt(errors, () => readInhibitRule(src, n));
    if (rule) inhibitRules.push(rule);
  }
  const timeIntervals = new Map<string, TimeInterval[]>();
  for (const key of ['mute_time_intervals', 'time_intervals']) {
    const n = top.get(key);
    if (n && !src.isNull(n)) readNamedIntervals(src, n, timeIntervals, errors);
  }
  const routeNode = top.get('route');
  if (!routeNode || src.isNull(routeNode)) throw src.error(src.root, 'no routes provided');
  const route = readRoute(src, routeNode, errors);
  // Config.UnmarshalYAML's checks on the root route.
  if (!route.receiver) errors.push(src.error(routeNode, 'root route must specify a default receiver'));
  if (route.matchers.length > 0) errors.push(src.error(routeNode, 'root route must not have any matchers'));
  if (route.muteTimeIntervals.length > 0) errors.push(src.error(routeNode, 'root route must not have any mute time intervals'));
  if (route.activeTimeIntervals.length > 0) errors.push(src.error(routeNode, 'root route must not have any active time intervals'));
  checkReceivers(src, routeNode, route, names, timeIntervals, errors);
  return { route, receivers, inhibitRules, timeIntervals };
}

function readInhibitRule(src: YamlSource, node: Node): AmInhibitRule {
  const f = src.struct(node, 'config.InhibitRule', INHIBIT_SHAPE.keys);
  const rule: AmInhibitRule = { sourceMatchers: [], targetMatchers: [], equal: [] };
  for (const [key, n] of f) {
    if (n === null || src.isNull(n)) continue;
    if (key === 'equal') {
      rule.equal = src.strings(n);
      continue;
    }
    const into = key.startsWith('source') ? rule.sourceMatchers : rule.targetMatchers;
    if (key.endsWith('_matchers')) for (const m of src.seq(n, 'config.Matchers')) into.push(...src.parsed(m, parseAmMatchers));
    else into.push(...readMatchMap(src, n, key.endsWith('_re')));
  }
  return rule;
}

/** `match` (equality) and `match_re` (anchored by Alertmanager, and shown so) maps. */
function readMatchMap(src: YamlSource, n: Node, regex: boolean): AmMatcher[] {
  const out: AmMatcher[] = [];
  for (const [name, v, k] of src.entries(n, regex ? 'config.MatchRegexps' : 'map[string]string')) {
    if (!LABEL_NAME.test(name)) throw src.error(k, `invalid label name ${quote(name)}`);
    const value = v === null ? '' : src.string(v);
    out.push(regex ? src.parsed(v ?? k, () => parseAmMatcher(`${name}=~${JSON.stringify(`^(?:${value})$`)}`)) : { type: '=', name, value });
  }
  return out;
}


function readWebhook(src: YamlSource, node: Node): AmWebhook {
  const f = src.struct(node, 'config.WebhookConfig', WEBHOOK_SHAPE.keys);
  const url = f.get('url');
  if (!url || src.isNull(url)) throw src.error(node, 'one of url or url_file must be configured');
  const sendResolved = f.get('send_resolved');
  const maxAlerts = f.get('max_alerts');
  return {
    url: src.parsed(url, (u) => {
      if (!/^https?:\/\//.test(u)) throw new Error(`unsupported scheme ${quote(u.split(':')[0])} for URL`);
      return u;
    }),
    sendResolved: sendResolved && !src.isNull(sendResolved) ? src.bool(sendResolved) : true,
    maxAlerts: maxAlerts && !src.isNull(maxAlerts) ? src.uint(maxAlerts, 'uint64') : 0,
  };
}

/** A banner or desktop config; `{}` (or null, as `- {}` is often written `-`) takes every default. */
function readVigilConfig(src: YamlSource, node: Node, defaultSendResolved: boolean): AmVigilConfig {
  const out: AmVigilConfig = { sendResolved: defaultSendResolved, title: '', text: '' };
  if (src.isNull(node)) return out;
  for (const [key, n] of src.struct(node, 'vigil.Config', VIGIL_SHAPE.keys)) {
    if (n === null || src.isNull(n)) continue;
    if (key === 'send_resolved') out.sendResolved = src.bool(n);
    else if (key === 'title') out.title = src.string(n);
    else out.text = src.string(n);
  }
  return out;
}

/** checkReceiver and checkTimeInterval: every receiver and time interval a route names must be defined. */
function checkReceivers(src: YamlSource, node: Node, r: AmRoute, names: Set<string>, intervals: Map<string, TimeInterval[]>, errors: ConfigError[]): void {
  if (r.receiver !== undefined && !names.has(r.receiver)) errors.push(src.error(src.keyOf(node, 'receiver') ?? node, `undefined receiver ${quote(r.receiver)} used in route`));
  const fields = src.struct(node, 'config.Route', ROUTE_SHAPE.keys);
  for (const key of ['mute_time_intervals', 'active_time_intervals']) {
    const list = fields.get(key);
    for (const item of list && !src.isNull(list) ? src.seq(list, '[]string') : []) {
      const name = src.string(item);
      if (!intervals.has(name)) errors.push(src.error(item, `undefined time interval ${quote(name)} used in route`));
    }
  }
  const children = fields.get('routes');
  const childNodes = children && !src.isNull(children) ? src.seq(children, '[]*config.Route') : [];
  r.routes.forEach((c, i) => checkReceivers(src, childNodes[i], c, names, intervals, errors));
}

/** A route, each field read on its own: a bad field is kept as a problem and the rest still read. */
function readRoute(src: YamlSource, node: Node, errors: ConfigError[]): AmRoute {
  const f = src.struct(node, 'config.Route', ROUTE_SHAPE.keys);
  const r: AmRoute = { matchers: [], continue: false, muteTimeIntervals: [], activeTimeIntervals: [], routes: [] };
  for (const [key, n] of f) {
    if (n === null || src.isNull(n)) continue;
    attempt(errors, () => readRouteField(src, r, key, n, errors));
  }
  return r;
}

function readRouteField(src: YamlSource, r: AmRoute, key: string, n: Node, errors: ConfigError[]): void {
  switch (key) {
    case 'receiver': r.receiver = src.string(n); break;
    case 'group_by': {
      r.groupBy = src.strings(n);
      const seen = new Set<string>();
      for (const [i, g] of r.groupBy.entries()) {
        const at = src.seq(n, '[]string')[i];
        if (g !== '...' && !LABEL_NAME.test(g)) throw src.error(at, `invalid label name ${quote(g)} in group_by list`);
        if (seen.has(g)) throw src.error(at, `duplicated label ${quote(g)} in group_by`);
        seen.add(g);
      }
      if (seen.has('...') && r.groupBy.length > 1) throw src.error(n, 'cannot have wildcard group_by (`...`) and other other labels at the same time');
      break;
    }
    case 'match': r.matchers.push(...readMatchMap(src, n, false)); break;
    case 'match_re': r.matchers.push(...readMatchMap(src, n, true)); break;
    case 'matchers':
      for (const m of src.seq(n, 'config.Matchers')) r.matchers.push(...src.parsed(m, parseAmMatchers));
      break;
    case 'group_wait': r.groupWait = readDuration(src, n); break;
    case 'group_interval':
      r.groupInterval = readDuration(src, n);
      if (r.groupInterval === 0) throw src.error(n, 'group_interval cannot be zero');
      break;
    case 'repeat_interval':
      r.repeatInterval = readDuration(src, n);
      if (r.repeatInterval === 0) throw src.error(n, 'repeat_interval cannot be zero');
      break;
    case 'continue': r.continue = src.bool(n); break;
    case 'mute_time_intervals': r.muteTimeIntervals = src.strings(n); break;
    case 'active_time_intervals': r.activeTimeIntervals = src.strings(n); break;
    case 'routes': r.routes = src.seq(n, '[]*config.Route').map((c) => readRoute(src, c, errors)); break;
  }
}
