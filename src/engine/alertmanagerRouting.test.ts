import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAlertmanagerConfig, parseAlertmanagerConfig } from '../config/alertmanagerConfig';
import { receiversFor, routingTreeText } from './alertmanagerRouting';

const AMTOOL = '/usr/bin/amtool';
const hasAmtool = existsSync(AMTOOL);

// Routing trees exercising first-match, continue, nesting, inherited receivers,
// every matcher form (matchers: strings and brace lists, match, match_re) and
// regex anchoring; each with label sets that land on different routes.
const TREES: { name: string; yaml: string; labelSets: Record<string, string>[] }[] = [
  {
    name: 'first match wins, continue fans out',
    yaml: `route:
  receiver: default
  group_by: ['...']
  routes:
    - matchers: ['severity="page"', 'team=~"a|b"']
      receiver: pager
      continue: true
    - match: {team: a}
      receiver: team-a
    - match_re: {team: 'b.*'}
      receiver: team-b
receivers: [{name: default}, {name: pager}, {name: team-a}, {name: team-b}]
`,
    labelSets: [{ severity: 'page', team: 'a' }, { severity: 'page', team: 'b' }, { team: 'a' }, { team: 'bx' }, { team: 'xb' }, { severity: 'page', team: 'c' }, {}],
  },
  {
    name: 'nested routes inherit the receiver; brace lists and negative matchers',
    yaml: `route:
  receiver: default
  routes:
    - match: {team: a}
      routes:
        - matchers: [severity="page"]
          receiver: pager
        - matchers: ['env=~"prod|staging"', 'env!~"staging"']
    - receiver: b
      matchers: ['{team="b", env!="dev"}']
      continue: true
    - receiver: catch-b
      matchers: [team=b]
receivers: [{name: default}, {name: pager}, {name: b}, {name: catch-b}]
`,
    labelSets: [{ team: 'a', severity: 'page' }, { team: 'a', env: 'prod' }, { team: 'a', env: 'staging' }, { team: 'b', env: 'prod' }, { team: 'b', env: 'dev' }, { team: 'b' }, { team: 'c' }],
  },
  {
    name: 'empty values, regex anchoring and absent labels',
    yaml: `route:
  receiver: root
  routes:
    - matchers: ['region=""']
      receiver: no-region
      continue: true
    - matchers: ['service=~"api"']
      receiver: api-exact
    - matchers: ['service=~"api.*"', 'service!="api-internal"']
      receiver: api-any
    - matchers: ['instance=~".+:9100"']
      receiver: node
receivers: [{name: root}, {name: no-region}, {name: api-exact}, {name: api-any}, {name: node}]
`,
    labelSets: [{ service: 'api' }, { service: 'api-gw', region: 'eu' }, { service: 'api-internal', region: 'eu' }, { service: 'myapi', region: 'eu' }, { instance: 'h:9100', region: 'us' }, { instance: 'h:91000', region: 'us' }, { region: 'eu' }],
  },
];

const dir = mkdtempSync(join(tmpdir(), 'vigil-amtool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function amtoolRoutes(file: string, labels: Record<string, string>): string {
  const args = ['config', 'routes', 'test', `--config.file=${file}`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)];
  return execFileSync(AMTOOL, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

const cases = TREES.flatMap((t, i) => t.labelSets.map((labels) => ({ tree: t.name, i, labels })));

describe(`receiversFor answers as amtool config routes test${hasAmtool ? '' : ' (skipped: /usr/bin/amtool not installed)'}`, () => {
  it.skipIf(!hasAmtool).each(cases)('$tree: $labels', ({ i, labels }) => {
    const file = join(dir, `tree${i}.yml`);
    writeFileSync(file, TREES[i].yaml);
    const cfg = loadAlertmanagerConfig(TREES[i].yaml);
    expect(receiversFor(cfg.route, labels)).toBe(amtoolRoutes(file, labels));
  });
});

describe(`routingTreeText shows the tree as amtool config routes show${hasAmtool ? '' : ' (skipped: /usr/bin/amtool not installed)'}`, () => {
  it.skipIf(!hasAmtool).each(TREES.map((t, i) => ({ name: t.name, i })))('$name', ({ i }) => {
    const file = join(dir, `show${i}.yml`);
    writeFileSync(file, TREES[i].yaml);
    const shown = execFileSync(AMTOOL, ['config', 'routes', `--config.file=${file}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    // amtool pads the tree's vertical bars with no-break spaces.
    expect(routingTreeText(loadAlertmanagerConfig(TREES[i].yaml).route)).toBe(shown.replace(/\u00a0/g, ' ').trimEnd());
  });
});

describe('alertmanager.yml checks', () => {
  it.each([
    ['undefined receiver "nope" used in route', 'route:\n  receiver: a\n  routes:\n    - receiver: nope\nreceivers: [{name: a}]\n', 4, 7],
    ['root route must specify a default receiver', 'route:\n  group_by: [a]\nreceivers: [{name: a}]\n', 2, 3],
    ['root route must not have any matchers', 'route:\n  receiver: a\n  match: {x: y}\nreceivers: [{name: a}]\n', 2, 3],
    ['bad matcher format: nolabel', "route:\n  receiver: a\n  routes:\n    - matchers: ['nolabel']\nreceivers: [{name: a}]\n", 4, 18],
    ['field recevier not found in type config.Route', 'route:\n  recevier: a\n', 2, 3],
    ['notification config name "a" is not unique', 'route: {receiver: a}\nreceivers: [{name: a}, {name: a}]\n', 2, 31],
    ['duplicated label "a" in group_by', 'route: {receiver: a, group_by: [a, a]}\nreceivers: [{name: a}]\n', 1, 36],
  ])('refuses: %s', (message, yaml, line, column) => {
    expect(parseAlertmanagerConfig(yaml)).toEqual({ ok: false, problems: [{ line, column, message }] });
  });

  it('reads inhibit rules in both spellings', () => {
    const cfg = loadAlertmanagerConfig(`route: {receiver: a}
receivers: [{name: a}]
inhibit_rules:
  - source_matchers: [severity="critical"]
    target_match_re: {severity: 'warning|info'}
    equal: [cluster]
`);
    expect(cfg.inhibitRules).toEqual([
      { sourceMatchers: [{ type: '=', name: 'severity', value: 'critical' }], targetMatchers: [{ type: '=~', name: 'severity', value: '^(?:warning|info)$' }], equal: ['cluster'] },
    ]);
  });

  it('reads receivers of any kind, naming their kinds', () => {
    const cfg = loadAlertmanagerConfig('route: {receiver: web}\nreceivers:\n  - name: web\n    webhook_configs: [{url: "http://x/"}]\n  - name: mail\n    email_configs: [{to: a@b}]\n');
    expect(cfg.receivers).toEqual([
      { name: 'web', kinds: ['webhook_configs'], webhooks: [{ url: 'http://x/', sendResolved: true, maxAlerts: 0 }], banners: [], desktops: [] },
      { name: 'mail', kinds: ['email_configs'], webhooks: [], banners: [], desktops: [] },
    ]);
  });

  it("reads Vigil's banner and desktop receivers, templates kept as written", () => {
    const cfg = loadAlertmanagerConfig(
      'route: {receiver: page}\nreceivers:\n  - name: page\n    vigil_banner_configs: [{}]\n    vigil_desktop_configs:\n      - title: "{{ .CommonLabels.alertname }}"\n        send_resolved: true\n',
    );
    expect(cfg.receivers[0]).toMatchObject({
      kinds: ['vigil_banner_configs', 'vigil_desktop_configs'],
      banners: [{ sendResolved: true, title: '', text: '' }],
      desktops: [{ sendResolved: true, title: '{{ .CommonLabels.alertname }}', text: '' }],
    });
  });

  it('refuses an unknown field in a Vigil receiver at its line', () => {
    const r = parseAlertmanagerConfig('route: {receiver: page}\nreceivers:\n  - name: page\n    vigil_banner_configs:\n      - colour: red\n');
    expect(r).toEqual({ ok: false, problems: [{ line: 5, column: 9, message: expect.stringContaining('field colour not found') }] });
  });
});
