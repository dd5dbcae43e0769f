// Notification title and text from Alertmanager templates: a notification
// becomes Alertmanager's template.Data (.Receiver, .Status, .Alerts,
// .GroupLabels, .CommonLabels, .CommonAnnotations, .ExternalURL) and runs
// through Vigil's Go text/template interpreter with Alertmanager's default
// templates defined, so `{{ template "__subject" . }}` reads as it does there.

import { formatG } from '../model/goFloat';
import type { Notification, NotificationAlert } from '../notify/webhook';
import { Template } from '../rules/template';
import { templateFuncs } from '../rules/templateFuncs';

/**
 * template.KV's methods as fields: the interpreter reads own keys of plain
 * data only, so SortedPairs, Names and Values are own properties, left out of
 * enumeration so `range` and `len` see the labels alone.
 */
function kv(m: Record<string, string>): Record<string, unknown> {
  const names = Object.keys(m).sort();
  const out: Record<string, unknown> = { ...m };
  // template.Pairs has Names and Values methods too.
  const pairs = names.map((n) => ({ Name: n, Value: m[n] }));
  Object.defineProperties(pairs, { Names: { value: names }, Values: { value: names.map((n) => m[n]) } });
  Object.defineProperties(out, {
    SortedPairs: { value: pairs },
    Names: { value: names },
    Values: { value: names.map((n) => m[n]) },
  });
  return out;
}

/** Go's zero time for an unset end, as Alertmanager's data carries it. */
function goTime(ms: number): Date {
  return new Date(ms === 0 ? '0001-01-01T00:00:00Z' : ms);
}

function alertData(a: NotificationAlert): Record<string, unknown> {
  return {
    Status: a.status,
    Labels: kv(a.labels),
    Annotations: kv(a.annotations),
    StartsAt: goTime(a.startsAt),
    EndsAt: goTime(a.endsAt),
    GeneratorURL: a.generatorURL,
    Fingerprint: a.fingerprint,
  };
}

/** template.Alerts with its Firing and Resolved methods as fields. */
function alertsData(alerts: NotificationAlert[]): Record<string, unknown>[] {
  const list = alerts.map(alertData);
  Object.defineProperties(list, {
    Firing: { value: list.filter((a) => a.Status === 'firing') },
    Resolved: { value: list.filter((a) => a.Status === 'resolved') },
  });
  return list;
}

/** Alertmanager's template.Data for a notification. */
export function templateData(n: Notification): Record<string, unknown> {
  const ungrouped: Record<string, string> = {};
  for (const [k, v] of Object.entries(n.commonLabels)) if (!(k in n.groupLabels)) ungrouped[k] = v;
  const data: Record<string, unknown> = {
    Receiver: n.receiver,
    Status: n.status,
    Alerts: alertsData(n.alerts),
    GroupLabels: kv(n.groupLabels),
    CommonLabels: kv(n.commonLabels),
    CommonAnnotations: kv(n.commonAnnotations),
    ExternalURL: n.externalURL,
  };
  // `.CommonLabels.Remove .GroupLabels.Names` is a method call with an argument, which plain data cannot hold.
  Object.defineProperty(data, 'CommonLabelsNotGrouped', { value: kv(ungrouped) });
  return data;
}

/**
 * Alertmanager's default.tmpl definitions (template/default.tmpl), with
 * `__subject`'s `.CommonLabels.Remove .GroupLabels.Names` read from
 * CommonLabelsNotGrouped; and Vigil's short text for a banner or popup, one
 * line per alert (its summary, else description, else name).
 */
const DEFINES = `{{ define "__alertmanager" }}Vigil{{ end }}
{{ define "__alertmanagerURL" }}{{ .ExternalURL }}/#/alerts{{ end }}
{{ define "__subject" }}[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .GroupLabels.SortedPairs.Values | join " " }} {{ if gt (len .CommonLabels) (len .GroupLabels) }}({{ .CommonLabelsNotGrouped.Values | join " " }}){{ end }}{{ end }}
{{ define "__description" }}{{ end }}
{{ define "__text_alert_list" }}{{ range . }}Labels:
{{ range .Labels.SortedPairs }} - {{ .Name }} = {{ .Value }}
{{ end }}Annotations:
{{ range .Annotations.SortedPairs }} - {{ .Name }} = {{ .Value }}
{{ end }}Source: {{ .GeneratorURL }}
{{ end }}{{ end }}
{{ define "vigil.default.title" }}{{ template "__subject" . }}{{ end }}
{{ define "vigil.default.text" }}{{ range .Alerts }}{{ or .Annotations.summary .Annotations.description .Labels.alertname }}
{{ end }}{{ end }}`;

const DEFAULT_TITLE = '{{ template "vigil.default.title" . }}';
const DEFAULT_TEXT = '{{ template "vigil.default.text" . }}';

/** Alertmanager's template functions beside text/template's (template/template.go DefaultFuncs). */
function funcs(): ReturnType<typeof templateFuncs> {
  const base = templateFuncs({
    query: async () => {
      throw new Error('query is not available in notification templates');
    },
    externalURL: '',
    timeMs: 0,
  });
  return {
    ...base,
    join: (sep: unknown, list: unknown) => (Array.isArray(list) ? list.map(String).join(String(sep)) : ''),
    stringSlice: (...s: unknown[]) => s.map(String),
    trimSpace: (s: unknown) => String(s).trim(),
  };
}

export interface NotificationText {
  title: string;
  text: string;
}

/**
 * Title and text of a notification from the receiver's templates ('' for
 * Vigil's defaults). A template that fails to parse or run throws with Go's
 * wording, which the notifier shows as the receiver's last error.
 */
export async function notificationText(n: Notification, title: string, text: string): Promise<NotificationText> {
  const data = templateData(n);
  // The definitions go after the author's text, so line numbers in errors stay the author's.
  const run = (name: string, body: string) => Template.parse(name, `${body}${DEFINES}`, funcs()).execute(data, formatG);
  return { title: (await run('title', title || DEFAULT_TITLE)).trim(), text: (await run('text', text || DEFAULT_TEXT)).trim() };
}
