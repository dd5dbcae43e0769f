// Vigil as a Prometheus in front of a real Alertmanager: prometheus.yml's
// alerting section pointed at Debian's Alertmanager behind nginx with CORS,
// with an Authorization header that only nginx's preflight allows,
// a rule firing in Vigil shows in Alertmanager's API v2 with its labels and
// annotations, resolves there when the rule stops firing, and is there again
// after a 15 s Alertmanager outage (Alertmanager forgets alerts on restart;
// Vigil's queue holds what it could not post and the next resend restores it).

import { expect, test, type Page } from '@playwright/test';
import { AlertmanagerServers, missingAlertmanager, type AmAlert } from './alertmanagerServers';

const missing = missingAlertmanager();

function rules(op: string): string {
  return `groups:
  - name: am
    interval: 1s
    rules:
      - alert: DemoScraped
        expr: up{job="demo", instance="demo-1"} ${op} 0
        labels:
          severity: page
        annotations:
          summary: 'demo target {{ $labels.instance }} is scraped'
`;
}

async function saveRules(page: Page, text: string, first: boolean): Promise<void> {
  await page.goto('/#/rules');
  if (first) {
    await page.getByRole('textbox', { name: 'New rule file name' }).fill('am.yml');
    await page.getByRole('button', { name: 'New rule file' }).click();
  }
  await page.getByRole('textbox', { name: 'Rule file am.yml' }).fill(text);
  await page.getByRole('button', { name: 'Save rule file am.yml' }).click();
}

async function pointAtAlertmanager(page: Page, address: string): Promise<void> {
  await page.goto('/#/targets');
  const editor = page.getByRole('textbox', { name: 'Configuration YAML' });
  await expect(editor).toContainText('job_name: demo');
  const text = (await editor.innerText()).replace('global:\n', 'global:\n  external_labels: {site: lab}\n');
  await editor.fill(`${text}\nalerting:\n  alertmanagers:\n    - static_configs: [{targets: ['${address}']}]\n      timeout: 5s\n      authorization: {credentials: vigil-e2e}\n`);
  await page.getByRole('button', { name: 'Save and apply' }).click();
  await expect(page.getByText('Saved and applied.')).toBeVisible();
}

const active = (alerts: AmAlert[]) => alerts.filter((a) => a.labels.alertname === 'DemoScraped' && Date.parse(a.endsAt) > Date.now());

test(`alerts reach a real Alertmanager, resolve there and come back after its outage${missing ? ` (skipped: ${missing} not installed)` : ''}`, async ({ page }) => {
  test.skip(missing !== '', `needs ${missing}`);
  test.setTimeout(200_000);
  const servers = new AlertmanagerServers();
  await servers.start();
  try {
    await pointAtAlertmanager(page, servers.address);
    await saveRules(page, rules('>='), true);

    await expect.poll(async () => active(await servers.alerts()).length, { timeout: 30_000 }).toBe(1);
    const [sent] = active(await servers.alerts());
    expect(sent.labels).toEqual({ alertname: 'DemoScraped', instance: 'demo-1', job: 'demo', severity: 'page', site: 'lab' });
    expect(sent.annotations).toEqual({ summary: 'demo target demo-1 is scraped' });
    expect(sent.generatorURL).toContain('/graph?g0.expr=up');

    await page.goto('/#/status');
    const card = page.getByRole('region', { name: 'Alertmanagers' });
    await expect(card).toContainText(`http://${servers.address}/api/v2/alerts`);
    await expect(card).toContainText('up: last post accepted');

    // Alertmanager away for 15 s; it forgets its alerts, Vigil's resend (every minute) brings this one back.
    await servers.stopAlertmanager();
    await page.waitForTimeout(15_000);
    expect(await servers.alerts()).toEqual([]);
    await servers.startAlertmanager();
    await expect.poll(async () => active(await servers.alerts()).length, { timeout: 75_000, intervals: [1000] }).toBe(1);

    // The rule stops firing: Vigil sends the alert once more with endsAt, well before its 4-minute validity runs out.
    await saveRules(page, rules('<'), false);
    await expect.poll(async () => active(await servers.alerts()).length, { timeout: 20_000 }).toBe(0);
  } catch (e) {
    throw new Error(`${(e as Error).message}\nAlertmanager log tail:\n${servers.log.slice(-2000)}`, { cause: e });
  } finally {
    await servers.stop();
  }
});

const ROUTING = `route:
  receiver: banner
  routes:
    - matchers: ['severity="page"']
      receiver: oncall
      continue: true
    - match_re: {team: 'db|storage'}
      receiver: db
receivers:
  - name: banner
  - name: oncall
    email_configs: [{to: oncall@example.com}]
  - name: db
`;

test('alertmanager.yml is checked as amtool does, shows its routing tree and answers which receivers get given labels', async ({ page }) => {
  await page.goto('/#/alerts');
  const editor = page.getByRole('textbox', { name: 'alertmanager.yml' });
  await editor.fill(ROUTING.replace('receiver: db', 'receiver: dba'));
  await page.getByRole('button', { name: 'Save alertmanager.yml' }).click();
  await expect(page.getByLabel('alertmanager.yml problems')).toHaveText('line 8, column 7: undefined receiver "dba" used in route');
  // The editor marks the same place in its gutter as it is typed.
  await expect(page.getByRole('region', { name: 'Alertmanager configuration' }).locator('.cm-lint-marker-error')).toBeVisible();
  await page.getByRole('region', { name: 'Alertmanager configuration' }).screenshot({ path: 'test-results/alertmanager-editor-diagnostic.png' });

  await editor.fill(ROUTING);
  await page.getByRole('button', { name: 'Save alertmanager.yml' }).click();
  await expect(page.getByText('Saved: alerts are routed by it.')).toBeVisible();
  const tree = page.getByLabel('Routing tree');
  await expect(tree).toContainText('└── default-route  receiver: banner');
  await expect(tree).toContainText('├── {severity="page"}  continue: true  receiver: oncall');
  await expect(tree).toContainText('└── {team=~"^(?:db|storage)$"}  receiver: db');

  const routes = page.getByRole('form', { name: 'Routes test' });
  await routes.getByRole('textbox').fill('severity=page team=db');
  await routes.getByRole('button', { name: 'Which receivers?' }).click();
  await expect(page.getByLabel('Receivers')).toHaveText('oncall,db');
  await routes.getByRole('textbox').fill('team=web');
  await routes.getByRole('button', { name: 'Which receivers?' }).click();
  await expect(page.getByLabel('Receivers')).toHaveText('banner');
  await page.getByRole('region', { name: 'Alertmanager configuration' }).screenshot({ path: 'test-results/alertmanager-routing.png' });
});
