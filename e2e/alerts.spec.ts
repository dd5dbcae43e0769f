// Alerting as a person meets it: a rule saved on the Rules page fires on a
// demo series and raises the banner in every open tab; a silence from the
// banner clears it everywhere; the Alerts page keeps the history. Markup in
// labels and annotations stays text; a broken rule file is refused with its
// line and column; a backtest draws when a rule would have fired; the silence
// form takes edited matchers and says what Alertmanager would refuse.

import { expect, test, type Page } from '@playwright/test';

const XSS = '<img src=x onerror=alert(1)>';

async function saveRuleFile(page: Page, name: string, text: string): Promise<void> {
  await page.goto('/#/rules');
  await page.getByRole('textbox', { name: 'New rule file name' }).fill(name);
  await page.getByRole('button', { name: 'New rule file' }).click();
  await page.getByRole('textbox', { name: `Rule file ${name}` }).fill(text);
  await page.getByRole('button', { name: `Save rule file ${name}` }).click();
}

// A 1 s group interval: the rule fires within a second of the demo target's first scrape.
// `>= 0` rather than `== 1`: a scrape that times out on a busy machine must not resolve the alert mid-test.
const DEMO_RULES = `groups:
  - name: demo
    interval: 1s
    rules:
      - alert: DemoUp
        expr: up{job="demo", instance="demo-1"} >= 0
        labels:
          severity: critical
        annotations:
          summary: 'demo target {{ $labels.instance }} is scraped'
`;

test('a firing rule raises the banner in two tabs, a silence from the banner clears both, and the history keeps it', async ({ page, context }) => {
  // The demo's starter rule would join DemoUp if demo-3 happened to restart during the test.
  await page.goto('/#/rules');
  await page.getByRole('button', { name: 'Delete rule file demo.rules.yml' }).click();
  await expect(page.getByRole('textbox', { name: 'Rule file demo.rules.yml' })).toHaveCount(0);
  await saveRuleFile(page, 'demo.yml', DEMO_RULES);
  await expect(page.getByRole('region', { name: 'Rule group demo' })).toBeVisible({ timeout: 20_000 });
  const other = await context.newPage();
  await other.goto('/#/query');

  const banners = [page, other].map((p) => p.getByRole('region', { name: 'Firing alerts' }));
  for (const b of banners) {
    await expect(b).toContainText('1 alert firing', { timeout: 30_000 });
    await expect(b).toContainText('DemoUp on demo-1');
    await expect(b).toContainText('demo target demo-1 is scraped');
  }

  await banners[1].getByRole('button', { name: 'Silence DemoUp on demo-1' }).click();
  for (const b of banners) await expect(b).toBeHidden();

  await page.goto('/#/alerts');
  const active = page.getByRole('region', { name: 'Active alerts' });
  await expect(active.getByRole('listitem', { name: 'DemoUp on demo-1' })).toContainText('SILENCED');
  await expect(active).toContainText('silenced from the banner');
  const silences = page.getByRole('region', { name: 'Silences' });
  await expect(silences).toContainText('instance="demo-1"');
  const history = page.getByRole('region', { name: 'Alert history' });
  await expect(history.getByRole('row', { name: /DemoUp/ })).toContainText('still firing');

  // Expiring the silence brings the banner back, in the other tab too.
  await silences.getByRole('button', { name: /^Expire silence/ }).click();
  await expect(banners[1]).toContainText('DemoUp on demo-1');
});

test('markup in an alert label and annotation is shown as text in the banner and on the Alerts page', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await saveRuleFile(
    page,
    'xss.yml',
    `groups:
  - name: xss
    interval: 1s
    rules:
      - alert: XssAlert
        expr: 'label_replace(vector(1), "evil", "${XSS}", "", "")'
        labels:
          severity: '${XSS}'
        annotations:
          summary: 'label says {{ $labels.evil }}'
`,
  );
  const banner = page.getByRole('region', { name: 'Firing alerts' });
  await expect(banner).toContainText(`label says ${XSS}`, { timeout: 30_000 });
  await banner.getByRole('link', { name: 'XssAlert' }).click();
  await expect(page).toHaveURL(/#\/alerts\?alert=/);
  const active = page.getByRole('region', { name: 'Active alerts' });
  // The banner's link lands on its alert, focused for the keyboard.
  await expect(active.getByRole('listitem', { name: 'XssAlert' })).toBeFocused();
  await expect(active).toContainText(`label says ${XSS}`);
  await expect(active).toContainText(XSS);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('a broken rule file is refused with line and column, an imported one loads, and a backtest graphs when a rule would have fired', async ({ page }) => {
  await saveRuleFile(page, 'broken.yml', 'groups:\n  - name: b\n    rules:\n      - alert: Bad\n        expr: up ==\n');
  const problems = page.getByRole('alert', { name: 'Problems in broken.yml' });
  await expect(problems).toContainText(/line \d+, column \d+/);
  await expect(page.getByRole('region', { name: 'Rule group b' })).toHaveCount(0);

  await page.getByLabel('Import rule file…').setInputFiles({
    name: 'imported.yml',
    mimeType: 'application/yaml',
    buffer: Buffer.from('groups:\n  - name: imported\n    rules:\n      - record: job:up:sum\n        expr: sum by (job) (up)\n'),
  });
  await expect(page.getByRole('status').filter({ hasText: 'Imported imported.yml and loaded it.' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Rule group imported' })).toBeVisible({ timeout: 20_000 });
  // The group's table scrolls inside its card: the page stays as wide as a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole('button', { name: 'Backtest a new rule' }).click();
  const panel = page.getByRole('form', { name: 'Backtest' });
  await panel.getByRole('textbox', { name: 'Rule to backtest' }).fill('- alert: DemoUp\n  expr: up{job="demo"} >= 0\n  for: 5s\n');
  await panel.getByLabel('Over the last').selectOption({ label: '15m' });
  // The demo targets need a few scrapes of history first.
  await expect(async () => {
    await panel.getByRole('button', { name: 'Run backtest' }).click();
    await expect(panel.getByRole('status', { name: 'Backtest summary' })).toContainText(/firing episode/, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(panel.locator('canvas').first()).toBeVisible();
});

test('the silence form takes edited matchers, refuses what Alertmanager refuses, and the webhook URL is kept', async ({ page }) => {
  await saveRuleFile(page, 'demo.yml', DEMO_RULES.replace(', instance="demo-1"', ''));
  await page.goto('/#/alerts');
  const active = page.getByRole('region', { name: 'Active alerts' });
  await active.getByRole('button', { name: 'Silence DemoUp on demo-2…' }).click({ timeout: 30_000 });
  const form = page.getByRole('form', { name: 'New silence' });
  // Widen the silence from one instance to all of them.
  await expect(form.getByRole('textbox', { name: 'Matcher 2 label name' })).toHaveValue('instance');
  await form.getByRole('combobox', { name: 'Matcher 2 operator' }).selectOption('=~');
  await form.getByRole('textbox', { name: 'Matcher 2 value' }).fill('demo-.*');
  await form.getByRole('button', { name: 'Create silence' }).click();
  await expect(form.getByRole('alert')).toHaveText('comment missing');
  await form.getByLabel('Comment').fill('maintenance');
  await form.getByRole('button', { name: 'Create silence' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole('region', { name: 'Silences' })).toContainText('instance=~"demo-.*"');
  for (const i of [1, 2, 3]) await expect(active.getByRole('listitem', { name: `DemoUp on demo-${i}` })).toContainText('SILENCED');
  await expect(page.getByRole('region', { name: 'Firing alerts' })).toBeHidden();

  const delivery = page.getByRole('region', { name: 'Notification delivery' });
  await delivery.getByLabel('Webhook URL').fill('http://127.0.0.1:9/hook');
  await delivery.getByRole('button', { name: 'Save webhook' }).click();
  await expect(delivery.getByRole('status')).toHaveText('Webhook saved.');
  await page.reload();
  await expect(page.getByRole('region', { name: 'Notification delivery' }).getByLabel('Webhook URL')).toHaveValue('http://127.0.0.1:9/hook');
});
