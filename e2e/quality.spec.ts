// The quality bar across pages: every control has an accessible name, nothing
// overflows a phone's width, and a live graph does not move the page as it
// refreshes.

import { expect, test, type Page } from '@playwright/test';

const CONTROL_ROLES = new Set(['button', 'checkbox', 'combobox', 'textbox', 'searchbox', 'radio', 'tab', 'link', 'spinbutton', 'slider', 'switch', 'menuitem', 'option']);

/** Controls Chromium's accessibility tree gives no name, as "role (html tag)". */
async function unnamedControls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { ignored: boolean; role?: { value: string }; name?: { value: string } }[] };
  await cdp.detach();
  return nodes
    .filter((n) => !n.ignored && CONTROL_ROLES.has(n.role?.value ?? '') && !(n.name?.value ?? '').trim())
    .map((n) => n.role!.value);
}

const VIEWS: { name: string; hash: string; act?: (page: Page) => Promise<void> }[] = [
  {
    name: 'dashboards',
    hash: '#/dashboards',
    act: async (page) => {
      await page.getByRole('button', { name: 'Import dashboard' }).click();
    },
  },
  {
    name: 'demo board in edit mode',
    hash: '#/d/demo-service',
    act: async (page) => {
      await page.getByRole('button', { name: 'Edit' }).click();
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('button', { name: /^Time range/ }).click();
    },
  },
  { name: 'query graph', hash: '#/query?g0.expr=sum%20by%20(handler)(rate(http_requests_total%5B1m%5D))&g0.range=5m' },
  { name: 'query table', hash: '#/query?g0.expr=up&g0.tab=table' },
  {
    name: 'query explain',
    hash: '#/query?g0.expr=sum(up)&g0.tab=explain',
    act: async (page) => {
      await expect(page.getByRole('table', { name: 'Query explanation' })).toBeVisible();
    },
  },
  {
    name: 'metrics',
    hash: '#/metrics?metric=http_requests_total',
    act: async (page) => {
      await page.getByRole('button', { name: /^handler/ }).click();
    },
  },
  {
    name: 'targets',
    hash: '#/targets',
    act: async (page) => {
      await page.getByRole('button', { name: /^Details of .*demo\/1/ }).click();
      await page.getByRole('button', { name: 'Add target' }).click();
    },
  },
  { name: 'alerts', hash: '#/alerts' },
  { name: 'rules', hash: '#/rules' },
  { name: 'status', hash: '#/status' },
  { name: 'settings', hash: '#/settings' },
];

test('every control on every page has an accessible name, and nothing is wider than a phone', async ({ page }) => {
  await page.goto('/#/targets');
  await expect(page.getByRole('region', { name: 'Pool demo' }).getByText(/^(UP|DOWN)$/)).toHaveCount(3, { timeout: 30_000 });
  for (const size of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    await page.setViewportSize(size);
    for (const view of VIEWS) {
      await page.goto(`/${view.hash}`);
      await expect(page.getByRole('main')).not.toBeEmpty();
      await view.act?.(page);
      await page.waitForTimeout(500);
      expect(await unnamedControls(page), `${view.name} at ${size.width}px`).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${view.name} at ${size.width}px scrolls sideways`).toBeLessThanOrEqual(0);
    }
  }
});

test('a live graph refreshing with new scrapes does not move the page', async ({ page }) => {
  await page.goto('/#/query?g0.expr=sum%20by%20(handler)(rate(http_requests_total%5B1m%5D))&g0.range=5m');
  const panel = page.getByRole('region', { name: 'Query panel 1' });
  const summary = panel.getByRole('status', { name: 'Result summary' });
  await expect(summary).toContainText(/5 series, last sample at/, { timeout: 30_000 });
  const before = await summary.textContent();
  const box = await panel.boundingBox();
  await expect(summary).not.toHaveText(before!, { timeout: 15_000 });
  expect(await panel.boundingBox()).toEqual(box);
});
