import { describe, expect, it } from 'vitest';
import { checkAlertTemplate, expandAlertTemplate, type AlertTemplateData } from './alertTemplate';
import { sprintf } from './goFmt';
import type { TemplateQuery } from './templateFuncs';

const data: AlertTemplateData = {
  labels: { instance: 'localhost:9090', job: 'api', evil: '<script>alert(1)</script>', quote: '"}}{{ $value }}' },
  externalLabels: { cluster: 'eu-1' },
  externalURL: 'http://prom.example/prefix',
  value: 1234567.5,
};

const query: TemplateQuery = async (q) =>
  q === 'up'
    ? [
        { Labels: { instance: 'b', job: 'x' }, Value: 0 },
        { Labels: { instance: 'a', job: 'x' }, Value: 1 },
      ]
    : [];

const expand = async (text: string, value = data.value) => (await expandAlertTemplate('A', text, { ...data, value }, { query, externalURL: data.externalURL, timeMs: 1_700_000_000_000 })).text;

describe('alert templates', () => {
  it.each([
    ['{{ $labels.instance }} of {{ $labels.job }}', 'localhost:9090 of api'],
    ['{{ $value }}', '1.2345675e+06'],
    ['{{ $externalLabels.cluster }} {{ $externalURL }}', 'eu-1 http://prom.example/prefix'],
    ['{{ .Labels.job }} {{ .Value }}', 'api 1.2345675e+06'],
    ['{{ $labels.missing }}|', '|'],
    ['{{ humanize $value }} {{ humanize 0.00123 }} {{ humanize 0 }}', '1.235M 1.23m 0'],
    ['{{ humanize1024 1048576 }} {{ humanize1024 512 }}', '1Mi 512'],
    ['{{ humanizeDuration 90061 }} {{ humanizeDuration 3661 }} {{ humanizeDuration 61 }} {{ humanizeDuration 1.5 }} {{ humanizeDuration 0.0025 }}', '1d 1h 1m 1s 1h 1m 1s 1m 1s 1.5s 2.5ms'],
    ['{{ humanizePercentage 0.1234 }}', '12.34%'],
    ['{{ humanizeTimestamp 1435065584.128 }}', '2015-06-23 13:19:44.128 +0000 UTC'],
    ['{{ printf "%.2f|%d|%s|%q|%5.1f" 3.14159 42 "x" "y" 2.25 }}', '3.14|42|x|"y"|  2.2'],
    ['{{ title "hello world" }} {{ toUpper "ab" }} {{ toLower "CD" }}', 'Hello World AB cd'],
    ['{{ reReplaceAll "localhost:(.*)" "port $1" $labels.instance }}', 'port 9090'],
    ['{{ query "up" | first | value }} {{ with query "up" }}{{ . | first | label "instance" }}{{ end }}', '0 b'],
    ['{{ range query "up" | sortByLabel "instance" }}{{ .Labels.instance }}={{ .Value }};{{ end }}', 'a=1;b=0;'],
    ['{{ with query "none" }}some{{ else }}none{{ end }}', 'none'],
    ['{{ if gt $value 1e6 }}big{{ else if gt $value 1.0 }}mid{{ else }}small{{ end }}', 'big'],
    ['{{ range $k, $v := $labels }}{{ if eq $k "job" "instance" }}{{ $k }}={{ $v }};{{ end }}{{ end }}', 'instance=localhost:9090;job=api;'],
    ['{{ $x := "a" }}{{ if true }}{{ $x = "b" }}{{ end }}{{ $x }}', 'b'],
    ['{{ define "t" }}[{{ . }}]{{ end }}{{ template "t" $labels.job }}', '[api]'],
    ['{{/* a comment */}}x  {{- " y " -}}  z', 'x y z'],
    ['{{ "a" | printf "%s-%s" "b" }}', 'b-a'],
    ['{{ len $labels }} {{ index $labels "job" }} {{ and 1 0 }} {{ or 0 "x" }} {{ not true }}', '4 api 0 x false'],
    ['{{ stripPort $labels.instance }} {{ match "^local" $labels.instance }}', 'localhost true'],
  ])('%s', async (text, want) => {
    expect(await expand(text)).toBe(want);
  });

  it.each([
    // Hostile values come out as the same text: no escaping, no evaluation of their braces.
    ['{{ $labels.evil }}', '<script>alert(1)</script>'],
    ['{{ $labels.quote }}', '"}}{{ $value }}'],
    // Only own data keys are reachable: no prototype, no functions of the host.
    ['{{ $labels.constructor }}|{{ $labels.__proto__ }}|{{ .constructor }}|{{ $labels.toString }}', '|||'],
  ])('keeps hostile input inert: %s', async (text, want) => {
    expect(await expand(text)).toBe(want);
  });

  it.each([
    ['{{ $label.foo }}', 'template: __alert_A:1: undefined variable "$label"'],
    ['{{ nosuch 1 }}', 'template: __alert_A:1: function "nosuch" not defined'],
    ['{{ if true }}x', 'template: __alert_A:1: unexpected EOF'],
    ['line1\n{{ end }}', 'template: __alert_A:2: unexpected {{end}}'],
    ['{{ "x" ', 'template: __alert_A:1: unclosed action'],
  ])('rejects %j at parse time', (text, message) => {
    expect(checkAlertTemplate('A', text)).toBe(message);
  });

  it('turns an execution error into the expansion text, naming the template', async () => {
    expect(await expand('{{ query "none" | first | value }}')).toMatch(
      /^<error expanding template: error executing template __alert_A: template: __alert_A:1:\d+: executing "__alert_A" at <.*>: error calling first: first\(\) called on vector with no elements>$/,
    );
  });

  it('passes plain text through untouched', async () => {
    expect(await expand('no templates <here>')).toBe('no templates <here>');
  });
});

describe('sprintf', () => {
  it.each([
    ['%v %v', [1, 'a'], '1 a'],
    ['%g', [1e21], '1e+21'],
    ['%.3g', [0.000012345], '1.23e-05'],
    ['%e', [1234.5], '1.234500e+03'],
    ['%x %X', [255, 255], 'ff FF'],
    ['%05d|%-4s|', [42, 'a'], '00042|a   |'],
    ['%d', [], '%!d(MISSING)'],
    ['%d', [1, 2], '1%!(EXTRA float64=2)'],
    ['100%%', [], '100%'],
  ])('%s', (format, args, want) => {
    expect(sprintf(format, args)).toBe(want);
  });
});
