// Boards as a person uses them: one created, a panel of each type added, saved and seen
// after a reload and from a second page; a variable changed and every panel
// redrawn for it; an ad hoc filter added and the other series gone.

import { expect, test, type Page } from '@playwright/test';
import { newDashboard, newPanel, newTarget } from '../src/dashboards/defaults';
import type { Dashboard, Panel } from '../src/dashboards/model';

/** The demo's targets have been scraped (demo-3 may be in its restart window, so DOWN counts too). */
async function waitForData(page: Page): Promise<void> {
  await page.goto('/#/targets');
  await expect(page.getByRole('region', { name: 'Pool demo' }).getByText(/^(UP|DOWN)$/)).toHaveCount(3, { timeout: 30_000 });
}

function graph(id: number, title: string, expr: string): Panel {
  const p = newPanel('timeseries', id, title);
  p.targets = [newTarget('A', expr)];
  p.gridPos = { x: ((id - 1) % 2) * 12, y: Math.floor((id - 1) / 2) * 8, w: 12, h: 8 };
  return p;
}

/** Brings a board in through the import form, as Vigil's own JSON, and lands on it. */
async function importBoard(page: Page, board: Dashboard): Promise<void> {
  await page.goto('/#/dashboards');
  await page.getByRole('button', { name: 'Import dashboard' }).click();
  await page.getByRole('textbox', { name: 'Dashboard JSON' }).fill(JSON.stringify(board));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#/d/${board.uid}`), { timeout: 15_000 });
}

const panelsOf = (page: Page) => page.locator('[role="region"][data-panel-state]');

/** One panel of each type, each with a query it can draw (the text panel with its Markdown). */
const EACH_TYPE: { type: string; expr?: string; content?: string }[] = [
  { type: 'timeseries', expr: 'up' },
  { type: 'stat', expr: 'up' },
  { type: 'gauge', expr: 'up' },
  { type: 'bargauge', expr: 'up' },
  { type: 'table', expr: 'up' },
  { type: 'heatmap', expr: 'sum by (le) (http_request_duration_seconds_bucket)' },
  { type: 'text', content: '**Checkout** runbook' },
];

test('a board created with a panel of each type is saved, and is there after a reload and on a second page', async ({ page, context }) => {
  test.setTimeout(120_000);
  await waitForData(page);
  await page.goto('/#/dashboards');
  await page.getByRole('textbox', { name: 'Title of the new dashboard' }).fill('Checkout team');
  await page.getByRole('button', { name: 'Create dashboard' }).click();
  await expect(page).toHaveURL(/#\/d\/[^?]+/);
  await expect(page.getByRole('heading', { name: 'Checkout team' })).toBeVisible();
  for (const { type, expr, content } of EACH_TYPE) {
    await page.getByRole('combobox', { name: 'New panel type' }).selectOption(type);
    await page.getByRole('button', { name: 'Add panel' }).click();
    if (expr) {
      await page.getByLabel('Expression of query A').click();
      await page.keyboard.type(expr);
      await page.keyboard.press('Control+Enter');
    }
    if (content) await page.getByRole('textbox', { name: 'Content' }).fill(content);
    await page.getByRole('button', { name: 'Back to board' }).click();
  }
  const names = EACH_TYPE.map((_, i) => `Panel ${i + 1}`);
  const drawn = async (p: Page) => (await panelsOf(p).evaluateAll((els) => els.map((e) => `${e.getAttribute('aria-label')}: ${e.getAttribute('data-panel-state')}`))).sort();
  const allOk = names.map((n) => `${n}: ok`);
  await expect.poll(() => drawn(page), { timeout: 30_000 }).toEqual(allOk);
  // A reload may lose the samples since the last checkpoint (up to 10 s here); refreshing, the panels draw the scrapes after it.
  await page.getByRole('combobox', { name: 'Auto refresh' }).selectOption('5s');
  await expect(page.getByText('Unsaved changes')).toBeVisible();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Unsaved changes')).toBeHidden();

  await page.reload();
  await expect(page.getByText('Unsaved changes')).toBeHidden();
  await expect.poll(() => drawn(page), { timeout: 30_000 }).toEqual(allOk);
  await expect(page.getByRole('region', { name: 'Panel 7' }).locator('strong')).toHaveText('Checkout');

  const second = await context.newPage();
  await second.goto('/#/dashboards');
  await second.getByRole('link', { name: 'Checkout team' }).click();
  await expect.poll(() => drawn(second), { timeout: 30_000 }).toEqual(allOk);
});

test('changing a variable redraws every panel for the value chosen', async ({ page }) => {
  await waitForData(page);
  const board = newDashboard('e2e-variable', 'By handler');
  board.time = { from: 'now-5m', to: 'now' };
  board.refresh = '5s';
  board.variables = [
    { type: 'custom', name: 'handler', label: 'Handler', description: '', hide: 0, current: { text: ['/api/users'], value: ['/api/users'] }, multi: false, includeAll: false, allValue: '', query: '/api/users,/login', options: [] },
  ];
  board.panels = [
    graph(1, 'Requests', 'sum by (handler) (rate(http_requests_total{handler="$handler"}[1m]))'),
    graph(2, 'Request counters', 'sum by (handler) (http_requests_total{handler="$handler"})'),
    graph(3, 'By instance', 'sum by (handler, instance) (rate(http_requests_total{handler=~"$handler"}[1m]))'),
  ];
  await importBoard(page, board);
  const panels = panelsOf(page);
  await expect(panels).toHaveCount(3);
  for (let i = 0; i < 3; i++) await expect(panels.nth(i)).toContainText('/api/users', { timeout: 30_000 });

  await page.getByRole('combobox', { name: 'Handler' }).selectOption('/login');
  await expect(page).toHaveURL(/var-handler=%2Flogin/);
  for (let i = 0; i < 3; i++) {
    await expect(panels.nth(i)).toContainText('/login', { timeout: 15_000 });
    await expect(panels.nth(i)).not.toContainText('/api/users');
  }
});

test('an ad hoc filter drops the series it does not match from every panel', async ({ page }) => {
  await waitForData(page);
  const board = newDashboard('e2e-filter', 'Filtered');
  board.time = { from: 'now-5m', to: 'now' };
  board.refresh = '5s';
  board.panels = [graph(1, 'Up', 'sum by (instance) (up{job="demo"})'), graph(2, 'Requests', 'sum by (instance) (rate(http_requests_total[1m]))')];
  await importBoard(page, board);
  const panels = panelsOf(page);
  for (let i = 0; i < 2; i++) await expect(panels.nth(i)).toContainText('demo-2', { timeout: 30_000 });

  await page.getByRole('combobox', { name: 'Filter label' }).fill('instance');
  await page.getByRole('combobox', { name: 'Filter value' }).fill('demo-1');
  await page.getByRole('button', { name: 'Add filter' }).click();
  await expect(page.getByRole('button', { name: 'Remove filter instance=demo-1' })).toBeVisible();
  await expect(page).toHaveURL(/var-Filters=instance%7C%3D%7Cdemo-1/);
  for (let i = 0; i < 2; i++) {
    await expect(panels.nth(i)).not.toContainText('demo-2', { timeout: 15_000 });
    await expect(panels.nth(i)).toContainText('demo-1');
  }
});

test('unsaved edits survive a reload, flagged, until discarded', async ({ page }) => {
  await page.goto('/#/dashboards');
  await page.getByRole('textbox', { name: 'Title of the new dashboard' }).fill('Drafty');
  await page.getByRole('button', { name: 'Create dashboard' }).click();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Drafty, renamed');
  await page.getByRole('button', { name: 'Add row' }).click();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Drafty, renamed' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Row title', expanded: true })).toBeVisible();
  await expect(page.getByText('Unsaved changes')).toBeVisible();
  await page.getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByRole('heading', { name: 'Drafty' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Row title' })).toHaveCount(0);
});

test('the list renames, duplicates, stars, searches and deletes only after asking', async ({ page }) => {
  await page.goto('/#/dashboards');
  await page.getByRole('textbox', { name: 'Title of the new dashboard' }).fill('Payments');
  await page.getByRole('button', { name: 'Create dashboard' }).click();
  await expect(page).toHaveURL(/#\/d\//);
  await page.goto('/#/dashboards');
  await page.getByRole('button', { name: 'Rename Payments' }).click();
  await page.getByRole('textbox', { name: 'New title of Payments' }).fill('Payments API');
  await page.getByRole('button', { name: 'Rename', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Payments API' })).toBeVisible();
  await page.getByRole('button', { name: 'Duplicate Payments API' }).click();
  await expect(page.getByRole('link', { name: 'Payments API (copy)' })).toBeVisible();
  await page.getByRole('button', { name: 'Star Payments API (copy)' }).click();
  await expect(page.getByRole('button', { name: 'Star Payments API (copy)' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('searchbox', { name: 'Search dashboards' }).fill('copy');
  await expect(page.getByRole('list', { name: 'Dashboards' }).getByRole('link')).toHaveText(['Payments API (copy)']);
  await page.getByRole('button', { name: 'Delete Payments API (copy)' }).click();
  const ask = page.getByRole('alertdialog', { name: 'Delete Payments API (copy)?' });
  await ask.getByRole('button', { name: 'Keep it' }).click();
  await expect(page.getByRole('link', { name: 'Payments API (copy)' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete Payments API (copy)' }).click();
  await ask.getByRole('button', { name: 'Delete board' }).click();
  await expect(page.getByText('No dashboard matches.')).toBeVisible();
});
