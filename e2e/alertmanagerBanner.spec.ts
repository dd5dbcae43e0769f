// Vigil's own alertmanager.yml deciding what reaches the banner: two rules
// fire on the demo target; a route sends alerts of severity critical or
// warning to a receiver with a banner, an inhibition keeps the warning quiet
// while the critical one fires on the same instance, and a third alert lands
// on a receiver with no banner. The banner's title comes from the receiver's
// template.

import { expect, test } from '@playwright/test';

const RULES = `groups:
  - name: routed
    interval: 1s
    rules:
      - alert: DemoCritical
        expr: up{job="demo", instance="demo-1"} >= 0
        labels: {severity: critical}
        annotations: {summary: 'critical on {{ $labels.instance }}'}
      - alert: DemoWarning
        expr: up{job="demo", instance="demo-1"} >= 0
        labels: {severity: warning}
        annotations: {summary: 'warning on {{ $labels.instance }}'}
      - alert: DemoInfo
        expr: up{job="demo", instance="demo-1"} >= 0
        labels: {severity: info}
`;

const ALERTMANAGER = `route:
  receiver: quiet
  group_by: [alertname]
  group_wait: 1s
  group_interval: 1s
  routes:
    - matchers: ['severity=~"critical|warning"']
      receiver: page
inhibit_rules:
  - source_matchers: [severity="critical"]
    target_matchers: [severity="warning"]
    equal: [instance]
receivers:
  - name: quiet
  - name: page
    vigil_banner_configs:
      - title: '{{ .CommonLabels.alertname }} paged ({{ .Alerts.Firing | len }})'
`;

test("a route and an inhibition in Vigil's own alertmanager.yml send one alert to the banner and keep another quiet", async ({ page }) => {
  await page.goto('/#/alerts');
  await page.getByRole('textbox', { name: 'alertmanager.yml' }).fill(ALERTMANAGER);
  await page.getByRole('button', { name: 'Save alertmanager.yml' }).click();
  await expect(page.getByText('Saved: alerts are routed by it.')).toBeVisible();

  await page.goto('/#/rules');
  await page.getByRole('button', { name: 'Delete rule file demo.rules.yml' }).click();
  await page.getByRole('textbox', { name: 'New rule file name' }).fill('routed.yml');
  await page.getByRole('button', { name: 'New rule file' }).click();
  await page.getByRole('textbox', { name: 'Rule file routed.yml' }).fill(RULES);
  await page.getByRole('button', { name: 'Save rule file routed.yml' }).click();

  const banner = page.getByRole('region', { name: 'Firing alerts' });
  await expect(banner).toContainText('DemoCritical paged (1)', { timeout: 30_000 });
  await expect(banner).toContainText('1 alert firing');
  await expect(banner).toContainText('critical on demo-1');
  await expect(banner).not.toContainText('DemoWarning');
  await expect(banner).not.toContainText('DemoInfo');

  // All three fire in the notifier; the warning is muted by the inhibition, the info one simply routed elsewhere.
  await page.goto('/#/alerts');
  const active = page.getByRole('region', { name: 'Active alerts' });
  await expect(active.getByRole('listitem', { name: 'DemoWarning on demo-1' })).toContainText('INHIBITED', { timeout: 10_000 });
  await expect(active.getByRole('listitem', { name: 'DemoInfo on demo-1' })).toBeVisible();
  await expect(banner).not.toContainText('DemoInfo');
  await banner.screenshot({ path: 'test-results/alertmanager-banner.png' });
});
