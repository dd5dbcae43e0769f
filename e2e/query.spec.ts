// The Query page as a person uses it: completion, running, zoom, legend,
// table, and a link that reopens the same panels.

import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';

const RATE_BY_HANDLER = 'sum by (handler) (rate(http_requests_total[1m]))';

/** The demo's targets have been scraped (demo-3 may be in its restart window, so DOWN counts too). */
async function waitForData(page: Page): Promise<void> {
  await page.goto('/#/targets');
  await expect(page.getByRole('region', { name: 'Pool demo' }).getByText(/^(UP|DOWN)$/)).toHaveCount(3, { timeout: 30_000 });
}

async function graphReady(page: Page, panel = 1): Promise<void> {
  const region = page.getByRole('region', { name: `Query panel ${panel}` });
  await expect(region.locator('canvas').first()).toBeVisible({ timeout: 20_000 });
  await expect(region.getByRole('status', { name: 'Result summary' })).toContainText(/[1-9]\d* series, last sample at/, { timeout: 20_000 });
}

test('a query typed with completion runs and draws a graph', async ({ page }) => {
  await waitForData(page);
  await page.getByRole('link', { name: 'Query' }).click();
  const editor = page.getByRole('textbox', { name: 'Expression of panel 1' });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.type('http_requests_to');
  // The name exactly, not http_requests_total's neighbours the fuzzy match also offers.
  const option = page.getByRole('option').filter({ has: page.locator('.cm-completionLabel', { hasText: /^http_requests_total$/ }) });
  await expect(option.first()).toBeVisible({ timeout: 15_000 });
  await option.first().click();
  await expect(editor).toHaveText('http_requests_total');
  await page.keyboard.press('Control+Enter');
  await graphReady(page);
  expect(decodeURIComponent(page.url())).toContain('g0.expr=http_requests_total');
});

test('an info from the engine is shown with its place in the query', async ({ page }) => {
  await waitForData(page);
  await page.goto(`/#/query?g0.expr=${encodeURIComponent('rate(process_resident_memory_bytes[1m])')}&g0.range=5m`);
  await graphReady(page);
  await expect(page.getByRole('list', { name: 'Query annotations' })).toContainText(
    'PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "process_resident_memory_bytes" (1:6)',
  );
});

test('dragging across the graph zooms in, a double-click goes back', async ({ page }) => {
  await waitForData(page);
  await page.goto(`/#/query?g0.expr=${encodeURIComponent(RATE_BY_HANDLER)}&g0.range=5m`);
  await graphReady(page);
  const plot = page.locator('.u-over').first();
  const box = (await plot.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const range = page.getByRole('combobox', { name: 'Time range' });
  await expect(page.getByRole('button', { name: 'Paused' })).toBeVisible();
  await expect(range).not.toHaveValue(String(5 * 60_000));
  // The zoomed range is whole seconds, not the pixel-exact "1m0s412ms".
  expect(Number(await range.inputValue()) % 1000).toBe(0);
  expect(page.url()).toContain('g0.end=');
  await plot.dblclick();
  await expect(range).toHaveValue(String(5 * 60_000));
  await expect(page.getByRole('button', { name: '● Live' })).toBeVisible();
  expect(page.url()).not.toContain('g0.end=');
});

test('a click on a legend entry shows only that series, a second click shows all', async ({ page }) => {
  await waitForData(page);
  await page.goto(`/#/query?g0.expr=${encodeURIComponent(RATE_BY_HANDLER)}&g0.range=5m`);
  await graphReady(page);
  const legend = page.getByRole('list', { name: 'Series' });
  const login = legend.getByRole('button', { name: /handler="\/login"/ });
  const others = legend.getByRole('button', { name: /handler="\/api\// });
  await login.click();
  await expect(login).toHaveAttribute('aria-pressed', 'true');
  for (const b of await others.all()) await expect(b).toHaveAttribute('aria-pressed', 'false');
  await login.click();
  for (const b of await others.all()) await expect(b).toHaveAttribute('aria-pressed', 'true');
});

test('the table shows one column per label and sorts by value', async ({ page }) => {
  await waitForData(page);
  await page.goto(`/#/query?g0.expr=${encodeURIComponent(RATE_BY_HANDLER)}&g0.range=5m`);
  await graphReady(page);
  await page.getByRole('tab', { name: 'Table' }).click();
  const table = page.getByRole('table');
  await expect(table.getByRole('columnheader', { name: 'handler' })).toBeVisible();
  await expect(table.getByRole('cell', { name: '/login', exact: true })).toBeVisible();
  expect(page.url()).toContain('g0.tab=table');
  const value = table.getByRole('columnheader', { name: 'value' });
  await value.getByRole('button').click();
  await expect(value).toHaveAttribute('aria-sort', 'ascending');
  await value.getByRole('button').click();
  await expect(value).toHaveAttribute('aria-sort', 'descending');
  const values = await table.locator('tbody tr td.num').allTextContents();
  const numbers = values.map(Number);
  expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
});

test('a link opened in a new page restores the same panels and options', async ({ page, context }) => {
  await page.goto(`/#/query?g0.expr=${encodeURIComponent(RATE_BY_HANDLER)}&g0.range=5m`);
  await page.getByRole('checkbox', { name: 'Stacked' }).check();
  await page.getByRole('checkbox', { name: 'UTC' }).check();
  await page.getByRole('button', { name: 'Add panel' }).click();
  const second = page.getByRole('region', { name: 'Query panel 2' });
  await second.getByRole('textbox', { name: 'Expression of panel 2' }).click();
  await page.keyboard.type('up');
  await page.keyboard.press('Control+Enter');
  await second.getByRole('tab', { name: 'Table' }).click();
  await expect.poll(() => page.url()).toContain('g1.tab=table');

  const copy = await context.newPage();
  await copy.goto(page.url());
  const first = copy.getByRole('region', { name: 'Query panel 1' });
  await expect(first.getByRole('textbox', { name: 'Expression of panel 1' })).toHaveText(RATE_BY_HANDLER);
  await expect(first.getByRole('checkbox', { name: 'Stacked' })).toBeChecked();
  await expect(first.getByRole('checkbox', { name: 'UTC' })).toBeChecked();
  const copySecond = copy.getByRole('region', { name: 'Query panel 2' });
  await expect(copySecond.getByRole('textbox', { name: 'Expression of panel 2' })).toHaveText('up');
  await expect(copySecond.getByRole('tab', { name: 'Table' })).toHaveAttribute('aria-selected', 'true');
});

test('Format rewrites the expression as Prometheus spells it', async ({ page }) => {
  await page.goto(`/#/query?g0.expr=${encodeURIComponent('sum   BY(job)(rate(http_requests_total[1m]))')}&g0.tab=table`);
  const editor = page.getByRole('textbox', { name: 'Expression of panel 1' });
  await expect(editor).toHaveText('sum   BY(job)(rate(http_requests_total[1m]))');
  await page.getByRole('button', { name: 'Format the expression of panel 1' }).click();
  await expect(editor).toHaveText('sum by (job) (rate(http_requests_total[1m]))');
});

test('a running query can be cancelled, and the last error goes when the panel asks again', async ({ page }) => {
  // A remote source that refuses a query naming `broken` at once and leaves every other query unanswered.
  const held: ServerResponse[] = [];
  const server = createServer(async (req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Content-Type', 'application/json');
    let form = '';
    for await (const chunk of req) form += chunk;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = new URLSearchParams(form).get('query') ?? url.searchParams.get('query') ?? '';
    if (!url.pathname.startsWith('/api/v1/query')) {
      res.end(JSON.stringify({ status: 'success', data: [] }));
    } else if (query.includes('broken')) {
      res.statusCode = 400;
      res.end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'broken is not a query' }));
    } else held.push(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const source = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await page.goto(`/#/query?g0.expr=broken&g0.source=${encodeURIComponent(source)}`);
    const panel = page.getByRole('region', { name: 'Query panel 1' });
    await expect(panel.getByRole('alert')).toContainText('broken is not a query');

    const editor = page.getByRole('textbox', { name: 'Expression of panel 1' });
    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('up');
    await page.keyboard.press('Control+Enter');
    await expect(panel.getByRole('status').filter({ hasText: 'running…' })).toBeVisible();
    await expect(panel.getByRole('alert')).toHaveCount(0);
    await expect.poll(() => held.length).toBeGreaterThan(0);

    await panel.getByRole('button', { name: 'Cancel the query of panel 1' }).click();
    await expect(panel.getByRole('alert')).toContainText('canceled');
    await expect(panel.getByRole('button', { name: 'Cancel the query of panel 1' })).toHaveCount(0);
    await expect(panel.getByText('running…')).toHaveCount(0);
  } finally {
    for (const res of held) res.destroy();
    server.close();
  }
});
