// Alerting inside the engine: rule files kept in the browser, the rule manager
// evaluating them on the engine's timers, the notifier grouping, silencing
// and routing what fires (to every open tab's banners and an optional webhook),
// and the sender handing it on to the Alertmanagers prometheus.yml names.

import type { TimerHandle, Timers } from '../model/timers';
import type { AlertingConfig } from '../config/alertingConfig';
import { parseAlertmanagerConfig, VIGIL_BANNER, VIGIL_DESKTOP, type AlertmanagerConfigFile, type AmReceiver } from '../config/alertmanagerConfig';
import type { Notification } from '../notify/webhook';
import { inhibitRuleConfig, receiversFor, routeConfig, routingTreeText } from './alertmanagerRouting';
import { authHeader } from '../config/httpAuth';
import { AlertmanagerSender, type AlertmanagerStatus } from '../notify/alertmanagerSender';
import { Notifier, type NotifierConfig, type Receiver } from '../notify/notifier';
import type { SilenceInput } from '../notify/silences';
import { webhookReceiver } from '../notify/webhookReceiver';
import { VigilDeliveries } from './vigilDeliveries';
import type { QueryEngine } from '../promql/engine';
import { backtestAlertingRule, type BacktestSeries } from '../rules/backtest';
import { sourceUrlProblem } from '../remote/remotePrometheus';
import { engineQueryFunc, type QueryFunc } from '../rules/rule';
import { parseRuleFile } from '../rules/ruleFile';
import { RuleManager } from '../rules/ruleManager';
import type { Storage } from '../tsdb/storage';
import { errorMessage, type TextProblem } from '../model/result';
import type { AlertingViews, BacktestRequest, RuleFileText } from './api';
import type { SettingsStore } from './settingsStore';
import { STARTER_RULE_FILE, STARTER_RULES } from './starterRules';

const RULE_FILES_KEY = 'rule_files';
const SILENCES_KEY = 'silences';
const HISTORY_KEY = 'alert_history';
const WEBHOOK_KEY = 'webhook_url';
const AM_CONFIG_KEY = 'alertmanager.yml';
/** Where each rule group reads, by `file;group`: kept out of the rule files so they stay as promtool reads them. */
const GROUP_SOURCES_KEY = 'rule_group_sources';
/** A backtested rule is parsed inside a one-rule group. */
const BACKTEST_WRAPPER = 'groups:\n  - name: backtest\n    rules:\n';
const BACKTEST_WRAPPER_LINES = 3;
const BACKTEST_INDENT = 6;

export interface AlertingDeps {
  /** Where recording rules and ALERTS append (the remote-write tap when there is one). */
  storage: Storage;
  /** Where rule queries read. */
  readStorage: Storage;
  engine: QueryEngine;
  /** The query function of a group evaluated against a remote Prometheus. */
  remoteQuery(baseUrl: string): QueryFunc;
  settings: SettingsStore;
  fetch: typeof fetch;
  timers: Timers;
  externalURL: string;
  onChange(kind: 'alerts' | 'rules'): void;
}

/** Prometheus's GroupKey(file, name), as the rule manager keys its groups. */
function groupKey(file: string, group: string): string {
  return `${file};${group}`;
}

function parsedGroups(text: string): string[] {
  const r = parseRuleFile(text);
  return r.ok ? r.file.groups.map((g) => g.name) : [];
}

function problems(errors: readonly { line: number; column: number; what: string }[]): TextProblem[] {
  return errors.map((e) => ({ line: e.line, column: e.column, message: e.what }));
}

export class EngineAlerting {
  private files: RuleFileText[] = [];
  private groupSources: Record<string, string> = {};
  private webhookUrl = '';
  /** alertmanager.yml as saved ('' for none) and as read; when set, it routes instead of the banner-and-webhook default. */
  private amText = '';
  private amConfig: AlertmanagerConfigFile | undefined;
  private readonly notifier: Notifier;
  private readonly deliveries = new VigilDeliveries();
  private readonly sender: AlertmanagerSender;
  /** Created by start(): its global settings (evaluation interval, external labels) come from the config. */
  private rules: RuleManager | undefined;
  private rulesFor = '';
  private externalLabels: Record<string, string> = {};
  private saveTimer: TimerHandle | undefined;

  constructor(private readonly deps: AlertingDeps) {
    this.notifier = new Notifier(
      {
        ...deps.timers,
        externalURL: deps.externalURL,
        onChange: () => {
          deps.onChange('alerts');
          this.saveSoon();
        },
      },
      this.notifierConfig(),
    );
    this.sender = new AlertmanagerSender({ ...deps.timers, fetch: deps.fetch, onChange: () => deps.onChange('alerts') });
  }

  /** prometheus.yml's alerting section with the global external labels, as the notifier Manager's ApplyConfig takes them. */
  sendTo(alerting: AlertingConfig, externalLabels: Record<string, string>): void {
    this.sender.configure({
      externalLabels,
      alertRelabelConfigs: alerting.alertRelabelConfigs,
      alertmanagers: alerting.alertmanagers.map((am) => {
        const headers: Record<string, string> = {};
        const auth = authHeader(am);
        if (auth !== undefined) headers.Authorization = auth;
        return { ...am, headers };
      }),
    });
  }

  alertmanagers(): AlertmanagerStatus[] {
    return this.sender.statuses();
  }

  /**
   * Reads rule files, silences and history; evaluation starts with start().
   * A first start (no rule files ever saved) gets the demo's starter rules;
   * once any list is stored, even an empty one, nothing is added to it.
   */
  async load(): Promise<void> {
    const s = this.deps.settings;
    const stored = await s.get(RULE_FILES_KEY);
    this.files = JSON.parse(stored ?? '[]') as RuleFileText[];
    if (stored === undefined) {
      const r = await this.setRuleFile(STARTER_RULE_FILE, STARTER_RULES);
      if (!r.ok) throw new Error(`${STARTER_RULE_FILE}: ${r.problems.map((p) => p.message).join('; ')}`);
    }
    this.webhookUrl = (await s.get(WEBHOOK_KEY)) ?? '';
    this.amText = (await s.get(AM_CONFIG_KEY)) ?? '';
    const am = this.amText.trim() === '' ? undefined : parseAlertmanagerConfig(this.amText);
    this.amConfig = am?.ok ? am.config : undefined;
    this.groupSources = JSON.parse((await s.get(GROUP_SOURCES_KEY)) ?? '{}') as Record<string, string>;
    this.notifier.loadSilences(JSON.parse((await s.get(SILENCES_KEY)) ?? '[]'));
    this.notifier.loadHistory(JSON.parse((await s.get(HISTORY_KEY)) ?? '[]'));
    this.configureNotifier();
  }

  /**
   * Starts evaluating (only the engine that writes does, or ALERTS would be
   * written twice). A change of the global settings starts a new manager, as
   * a Prometheus restart would; otherwise groups keep their state.
   */
  start(evaluationIntervalMs: number, externalLabels: Record<string, string>): void {
    const key = JSON.stringify([evaluationIntervalMs, externalLabels]);
    if (this.rules && key !== this.rulesFor) this.rules.stop();
    if (!this.rules || key !== this.rulesFor) {
      this.externalLabels = externalLabels;
      this.rules = new RuleManager({
        storage: this.deps.storage,
        query: engineQueryFunc(this.deps.engine, this.deps.readStorage),
        groupQuery: (file, group) => {
          const source = this.groupSources[groupKey(file, group)];
          return source ? this.deps.remoteQuery(source) : undefined;
        },
        ...this.deps.timers,
        externalLabels,
        externalURL: this.deps.externalURL,
        evaluationInterval: evaluationIntervalMs,
        notify: (alerts) => {
          this.notifier.receive(alerts);
          this.sender.send(alerts);
        },
        onAlertsChanged: () => this.deps.onChange('alerts'),
        onEvaluated: () => this.deps.onChange('rules'),
      });
      this.rulesFor = key;
    }
    this.applyRules();
  }

  /** Every alert goes to the tabs' banners; with a webhook set, to it as well; alertmanager.yml, when saved, routes instead. */
  private notifierConfig(): NotifierConfig {
    if (this.amConfig) {
      return {
        route: routeConfig(this.amConfig.route),
        receivers: this.amConfig.receivers.map((r) => this.amReceiver(r)),
        inhibitRules: this.amConfig.inhibitRules.map(inhibitRuleConfig),
        timeIntervals: this.amConfig.timeIntervals,
      };
    }
    const receivers: Receiver[] = [{ name: 'vigil', notify: () => {} }];
    if (this.webhookUrl) receivers.push(webhookReceiver({ name: 'webhook', url: this.webhookUrl, fetch: this.deps.fetch }));
    return {
      route: { receiver: 'vigil', groupBy: ['alertname'], routes: this.webhookUrl ? [{ receiver: 'webhook', continue: true }] : [] },
      receivers,
    };
  }

  /**
   * Webhooks are posted to, banner and desktop notices kept for the tabs; a
   * receiver with other kinds (email, Slack…) fails each delivery, saying why.
   * The notifier sends resolved alerts when any integration wants them; each
   * integration that does not drops them, as its own send_resolved says.
   */
  private amReceiver(r: AmReceiver): Receiver {
    const hooks = r.webhooks.map((w, i) => webhookReceiver({ name: `${r.name}/${i}`, url: w.url, fetch: this.deps.fetch, sendResolved: w.sendResolved, maxAlerts: w.maxAlerts }));
    const undeliverable = r.kinds.filter((k) => k !== 'webhook_configs' && k !== VIGIL_BANNER && k !== VIGIL_DESKTOP);
    const firingOnly = (n: Notification): Notification | undefined => {
      const alerts = n.alerts.filter((a) => a.status === 'firing');
      return alerts.length > 0 ? { ...n, alerts } : undefined;
    };
    return {
      name: r.name,
      sendResolved: r.banners.length > 0 || r.desktops.length > 0 || r.webhooks.some((w) => w.sendResolved),
      notify: async (n) => {
        for (const [i, h] of hooks.entries()) {
          const sent = r.webhooks[i].sendResolved ? n : firingOnly(n);
          if (sent) await h.notify(sent);
        }
        for (const b of r.banners) await this.deliveries.toBanner(n, b);
        for (const d of r.desktops) await this.deliveries.toDesktop(n, d);
        if (r.banners.length + r.desktops.length > 0) this.deps.onChange('alerts');
        if (undeliverable.length > 0) throw new Error(`${undeliverable.join(', ')} of receiver ${JSON.stringify(r.name)}: not deliverable from a browser`);
      },
    };
  }

  alertmanagerConfigText(): string {
    return this.amText;
  }

  /** Validates as `amtool check-config`; a broken file never replaces the working one. '' removes it. */
  async setAlertmanagerConfig(text: string): Promise<{ ok: true } | { ok: false; problems: TextProblem[] }> {
    let config: AlertmanagerConfigFile | undefined;
    if (text.trim() !== '') {
      const r = parseAlertmanagerConfig(text);
      if (!r.ok) return r;
      config = r.config;
    }
    this.amText = text;
    this.amConfig = config;
    await this.deps.settings.set(AM_CONFIG_KEY, text);
    this.configureNotifier();
    return { ok: true };
  }

  /** `amtool config routes test` and `routes show` on the saved alertmanager.yml. */
  routesTest(labels: Record<string, string>): { receivers: string; tree: string } | null {
    if (!this.amConfig) return null;
    return { receivers: receiversFor(this.amConfig.route, labels), tree: routingTreeText(this.amConfig.route) };
  }

  private configureNotifier(): void {
    this.deliveries.clear();
    this.notifier.configure(this.notifierConfig());
  }

  private applyRules(): void {
    if (!this.rules) return;
    const parsed = this.files.flatMap((f) => {
      const r = parseRuleFile(f.text);
      return r.ok ? [{ name: f.name, file: r.file }] : [];
    });
    this.rules.update(parsed);
    this.deps.onChange('rules');
  }

  ruleFiles(): RuleFileText[] {
    return this.files;
  }

  /** Validates as `promtool check rules`; a broken file never replaces the working one. */
  async setRuleFile(name: string, text: string): Promise<{ ok: true } | { ok: false; problems: TextProblem[] }> {
    if (name.trim() === '') return { ok: false, problems: [{ line: 0, column: 0, message: 'a rule file needs a name' }] };
    const r = parseRuleFile(text);
    if (!r.ok) return { ok: false, problems: problems(r.errors) };
    this.files = [...this.files.filter((f) => f.name !== name), { name, text }].sort((a, b) => a.name.localeCompare(b.name));
    await this.deps.settings.set(RULE_FILES_KEY, JSON.stringify(this.files));
    await this.forgetGoneSources();
    this.applyRules();
    return { ok: true };
  }

  async deleteRuleFile(name: string): Promise<void> {
    this.files = this.files.filter((f) => f.name !== name);
    await this.deps.settings.set(RULE_FILES_KEY, JSON.stringify(this.files));
    await this.forgetGoneSources();
    this.applyRules();
  }

  /** Evaluates a group against a remote Prometheus's query API from its next evaluation on; '' for this browser's store. */
  async setGroupSource(file: string, group: string, baseUrl: string): Promise<{ ok: true } | { ok: false; error: string }> {
    const url = baseUrl.trim();
    const problem = url === '' ? '' : sourceUrlProblem(url);
    if (problem) return { ok: false, error: problem };
    const exists = this.files.some((f) => f.name === file && parsedGroups(f.text).includes(group));
    if (!exists) return { ok: false, error: `no rule group ${JSON.stringify(group)} in ${JSON.stringify(file)}` };
    const key = groupKey(file, group);
    if (url === '') delete this.groupSources[key];
    else this.groupSources[key] = url;
    await this.deps.settings.set(GROUP_SOURCES_KEY, JSON.stringify(this.groupSources));
    this.deps.onChange('rules');
    return { ok: true };
  }

  /** A source outlives neither its file nor its group. */
  private async forgetGoneSources(): Promise<void> {
    const present = new Set(this.files.flatMap((f) => parsedGroups(f.text).map((g) => groupKey(f.name, g))));
    const kept = Object.fromEntries(Object.entries(this.groupSources).filter(([k]) => present.has(k)));
    if (Object.keys(kept).length === Object.keys(this.groupSources).length) return;
    this.groupSources = kept;
    await this.deps.settings.set(GROUP_SOURCES_KEY, JSON.stringify(kept));
  }

  async setWebhook(url: string): Promise<void> {
    this.webhookUrl = url.trim();
    await this.deps.settings.set(WEBHOOK_KEY, this.webhookUrl);
    this.configureNotifier();
  }

  views(): AlertingViews {
    const alerts = this.notifier.listAlerts();
    const active = new Set(alerts.filter((a) => a.state === 'active').map((a) => a.fingerprint));
    return {
      groups: (this.rules?.groups() ?? []).map((g) => ({ ...g, source: this.groupSources[groupKey(g.file, g.name)] ?? '' })),
      alerts,
      ruleAlerts: this.rules?.activeAlerts() ?? [],
      silences: this.notifier.listSilences(),
      history: this.notifier.listHistory(),
      webhookUrl: this.webhookUrl,
      receivers: this.notifier.receiverStatuses(),
      routed: this.amConfig ? { banner: this.deliveries.bannerView(active), desktop: this.deliveries.desktopView() } : null,
    };
  }

  createSilence(input: SilenceInput): { ok: true; id: string } | { ok: false; error: string } {
    try {
      return { ok: true, id: this.notifier.setSilence(input) };
    } catch (e) {
      return { ok: false, error: errorMessage(e) };
    }
  }

  expireSilence(id: string): void {
    this.notifier.expireSilence(id);
  }

  async backtest(req: BacktestRequest): Promise<BacktestSeries[]> {
    const r = parseRuleFile(`${BACKTEST_WRAPPER}${req.ruleYaml.replace(/^/gm, ' '.repeat(BACKTEST_INDENT))}\n`);
    if (!r.ok) {
      // Places count in the rule as typed, not in the group wrapped around it.
      const where = (e: { line: number; column: number }) =>
        e.line > BACKTEST_WRAPPER_LINES ? `line ${e.line - BACKTEST_WRAPPER_LINES}, column ${Math.max(1, e.column - BACKTEST_INDENT)}: ` : '';
      throw new Error(r.errors.map((e) => where(e) + e.what).join('; '));
    }
    const rule = r.file.groups[0]?.rules[0];
    if (!rule) throw new Error('no rule to backtest');
    return backtestAlertingRule(rule, { start: req.startMs, end: req.endMs, step: req.stepMs }, { storage: this.deps.readStorage, engine: this.deps.engine, externalLabels: this.externalLabels, externalURL: this.deps.externalURL });
  }

  /** Silences and history are small: written a moment after they change, not on every alert. */
  private saveSoon(): void {
    this.saveTimer ??= this.deps.timers.setTimeout(() => {
      this.saveTimer = undefined;
      void this.deps.settings.set(SILENCES_KEY, JSON.stringify(this.notifier.listSilences()));
      void this.deps.settings.set(HISTORY_KEY, JSON.stringify(this.notifier.listHistory()));
    }, 1000);
  }

  async stop(): Promise<void> {
    this.rules?.stop();
    await this.rules?.idle();
    this.rules = undefined;
    this.notifier.stop();
    this.sender.stop();
    this.deps.timers.clearTimeout(this.saveTimer);
  }
}
