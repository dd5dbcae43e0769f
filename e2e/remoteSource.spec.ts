// A remote Prometheus as a data source, as a person meets it: completion of
// the remote's names in a panel reading it, the metrics explorer over its
// APIs, a rule group evaluated against it with its output stored here, and
// remote_write's figures on Status; the remote's errors in its own words.
// Also saves one query graphed from both sides (docs/remote-side-by-side.png
// when UPDATE_DOCS_SCREENSHOTS=1).

import { writeFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { freePort } from '../src/cli/prometheusProcess';
import { tableValue } from './panelTable';
import { missingServers, RemoteServers, UNAVAILABLE_ERROR, UNAVAILABLE_PATH } from './remoteServers';
import { addRemoteWrite } from './remoteWrite';

const missing = missingServers();
const enc = encodeURIComponent;
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Types into a panel's editor as a person does, after clearing it. */
async function typeQuery(page: Page, panel: number, text: string): Promise<void> {
  await page.getByRole('textbox', { name: `Expression of panel ${panel}` }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

/** A completion option whose label is exactly `name`. */
function completionOption(page: Page, name: string): Locator {
  return page.getByRole('option').filter({ has: page.locator('.cm-completionLabel', { hasText: new RegExp(`^${literal(name)}$`) }) });
}

async function graphReady(panel: Locator): Promise<void> {
  await expect(panel.locator('canvas').first()).toBeVisible({ timeout: 20_000 });
  await expect(panel.getByRole('status', { name: 'Result summary' })).toContainText(/[1-9]\d* series, last sample at/, { timeout: 20_000 });
}

test.describe(`a remote Prometheus as a data source${missing ? ` (skipped: ${missing} not installed)` : ''}`, () => {
  test.skip(missing !== '', `needs ${missing}`);
  let servers: RemoteServers;
  /** A port nothing listens on: a remote that is down (or refuses this origin, which a browser cannot tell apart). */
  let down = '';
  let version = '';

  test.beforeAll(async () => {
    servers = new RemoteServers({ scrapeSelf: true });
    await servers.start();
    down = `http://127.0.0.1:${await freePort()}`;
    await expect.poll(async () => (await servers.query('prometheus_build_info', Date.now() / 1000)).length, { timeout: 30_000 }).toBe(1);
    version = (await servers.query('prometheus_build_info', Date.now() / 1000))[0].metric.version;
  });

  test.afterAll(async () => {
    await servers?.stop();
  });

  test('a panel reading the remote completes its metric names and still lints; a failed look-up shows why', async ({ page }) => {
    await page.goto(`/#/query?g0.expr=&g0.source=${enc(servers.url)}&g1.expr=`);
    await typeQuery(page, 1, 'prometheus_build_in');
    const option = completionOption(page, 'prometheus_build_info');
    await expect(option.first()).toBeVisible({ timeout: 15_000 });
    // TYPE from the remote's metadata API.
    await expect(option.first()).toContainText('gauge');
    await option.first().click();
    await page.keyboard.press('Control+Enter');
    const first = page.getByRole('region', { name: 'Query panel 1' });
    await expect(first.getByRole('status', { name: 'Result summary' })).toContainText('1 series', { timeout: 20_000 });

    // Label values come from the remote too.
    await typeQuery(page, 1, 'prometheus_build_info{version="');
    await expect(completionOption(page, version).first()).toBeVisible({ timeout: 15_000 });
    await page.keyboard.press('Escape');

    // Lint is the editor's own and works the same over a remote.
    await typeQuery(page, 1, 'rate(prometheus_build_info)');
    await expect(first.locator('.cm-lintRange-error')).toHaveCount(1, { timeout: 10_000 });

    // The panel reading this browser completes this browser's names, never the remote-only one.
    await typeQuery(page, 2, 'http_requests_to');
    await expect(completionOption(page, 'http_requests_total').first()).toBeVisible({ timeout: 15_000 });
    await typeQuery(page, 2, 'prometheus_build_in');
    await page.waitForTimeout(2000);
    await expect(completionOption(page, 'prometheus_build_info')).toHaveCount(0);

    // A remote that cannot be reached: completion says so in the panel.
    await page.goto(`/#/query?g0.expr=&g0.source=${enc(down)}`);
    await typeQuery(page, 1, 'up');
    await expect(page.getByRole('status', { name: 'Completion error of panel 1' })).toContainText(`Completion from ${down} failed: internal: cannot reach ${down}/api/v1/`, {
      timeout: 15_000,
    });
  });

  test("the metrics explorer lists the remote's metrics, labels and series, and opens a selector on it", async ({ page }) => {
    await page.goto('/#/metrics');
    const source = page.getByRole('textbox', { name: 'Explorer data source URL, empty for this browser' });
    await source.fill(servers.url);
    await source.press('Enter');
    await expect(page).toHaveURL(new RegExp(`source=${literal(enc(servers.url))}`));
    await page.getByRole('searchbox', { name: 'Search metrics by name or HELP' }).fill('prometheus_build_info');
    const metric = page.getByRole('button', { name: /^prometheus_build_info\b/ });
    await expect(metric).toBeVisible({ timeout: 20_000 });
    await expect(metric.getByLabel('1 series')).toBeVisible();
    await metric.click();
    const browser = page.getByRole('region', { name: 'Labels of prometheus_build_info' });
    await expect(browser).toContainText('gauge');
    await browser.getByRole('button', { name: /^version/ }).click();
    await browser.getByRole('checkbox', { name: new RegExp(`^${literal(version)} `) }).check();
    await expect(browser.getByLabel('Selector')).toHaveText(`prometheus_build_info{version="${version}"}`);
    await browser.getByRole('button', { name: 'Open in Query' }).click();
    const panel = page.getByRole('region', { name: /^Query panel/ }).last();
    await expect(panel.getByRole('textbox', { name: 'Data source URL, empty for this browser' })).toHaveValue(servers.url);
    await expect(panel.getByRole('status', { name: 'Result summary' })).toContainText('1 series', { timeout: 20_000 });

    // A remote answering a JSON error with a 5xx: its status and its own words, markup shown as text.
    await page.goto(`/#/metrics?source=${enc(servers.url + UNAVAILABLE_PATH)}`);
    const refused = page.getByRole('region', { name: 'Metrics' }).getByRole('alert');
    await expect(refused).toHaveText(`internal: unavailable: ${UNAVAILABLE_ERROR} (HTTP 503)`);
    await expect(refused.locator('b')).toHaveCount(0);
    // One that cannot be reached: what to check.
    await page.goto(`/#/metrics?source=${enc(down)}`);
    await expect(page.getByRole('region', { name: 'Metrics' }).getByRole('alert')).toContainText(`cannot reach ${down}/api/v1/`);
    await expect(page.getByRole('region', { name: 'Metrics' }).getByRole('alert')).toContainText('--web.cors.origin');
  });

  test('a rule group evaluated against the remote records here and alerts here; an unreachable remote is its error', async ({ page }) => {
    await page.goto('/#/rules');
    await page.getByRole('textbox', { name: 'New rule file name' }).fill('remote.yml');
    await page.getByRole('button', { name: 'New rule file' }).click();
    await page.getByRole('textbox', { name: 'Rule file remote.yml' }).fill(`groups:
  - name: remote
    interval: 1s
    rules:
      - record: job:prometheus_build_info:count
        expr: count by (job) (prometheus_build_info)
      - alert: RemotePrometheusUp
        expr: up{job="prometheus"} == 1
`);
    await page.getByRole('button', { name: 'Save rule file remote.yml' }).click();
    const group = page.getByRole('region', { name: 'Rule group remote' });
    await expect(group).toContainText('Queries read this browser’s store.');
    const source = group.getByRole('textbox', { name: 'Data source URL of rule group remote, empty for this browser' });
    await source.fill(servers.url);
    await source.press('Enter');
    await expect(group).toContainText(`${servers.url}; recorded series and alerts stay in this browser.`);
    // The alert is raised by this browser's rules and notifier.
    await expect(group.getByRole('row', { name: /RemotePrometheusUp/ })).toContainText('firing (1)', { timeout: 15_000 });

    await page.goto(`/#/query?g0.expr=${enc('job:prometheus_build_info:count')}&g0.tab=table`);
    await expect.poll(() => tableValue(page), { timeout: 20_000 }).toBe(1);
    await expect(page.getByRole('region', { name: 'Query panel 1' }).getByRole('row').nth(1)).toContainText('prometheus');

    await page.goto('/#/rules');
    await group.getByRole('textbox', { name: 'Data source URL of rule group remote, empty for this browser' }).fill(down);
    await group.getByRole('textbox', { name: 'Data source URL of rule group remote, empty for this browser' }).press('Enter');
    const row = group.getByRole('row', { name: /job:prometheus_build_info:count/ });
    await expect(row).toContainText('ERR', { timeout: 15_000 });
    await expect(row).toContainText(`${down}: internal: cannot reach ${down}/api/v1/query`);
  });

  test('remote_write figures on Status, and one query graphed from this browser and from the remote side by side', async ({ page, browser }, testInfo) => {
    test.setTimeout(240_000);
    await addRemoteWrite(page, servers.url);
    const writtenFrom = Date.now();
    await page.goto('/#/status');
    const card = page.getByRole('region', { name: 'Remote write' });
    const sent = async () => Number(((await card.getByRole('row', { name: /^Samples sent/ }).getByRole('cell').textContent()) ?? '').replace(/,/g, ''));
    await expect.poll(sent, { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(card.getByRole('row', { name: /^Samples failed/ }).getByRole('cell')).toHaveText('0');
    await expect(card.getByRole('row', { name: /^URL/ })).toContainText(`${servers.url}/api/v1/write`);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'Status with a remote_write queue scrolls sideways on a phone').toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 800 });

    // Long enough for the remote's rate() windows to fill, so both graphs have a shape.
    await page.waitForTimeout(Math.max(0, writtenFrom + 90_000 - Date.now()));
    const expr = 'sum by (handler) (rate(http_requests_total[1m]))';
    await page.goto(`/#/query?g0.expr=${enc(expr)}&g0.range=3m&g1.expr=${enc(expr)}&g1.range=3m&g1.source=${enc(servers.url)}`);
    const local = page.getByRole('region', { name: 'Query panel 1' });
    const remote = page.getByRole('region', { name: 'Query panel 2' });
    await graphReady(local);
    await graphReady(remote);
    const [localShot, remoteShot] = [await local.screenshot(), await remote.screenshot()];

    const sheet = await browser.newPage({ viewport: { width: 2200, height: 200 } });
    const img = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;
    await sheet.setContent(`<!doctype html><html><body style="margin:0;padding:16px;background:#f4f5f7;font:15px system-ui,sans-serif;color:#222">
<div style="display:flex;gap:16px;align-items:flex-start">
<figure style="margin:0;flex:1"><figcaption style="margin-bottom:6px"><b>This browser's store</b></figcaption><img style="width:100%" src="${img(localShot)}"></figure>
<figure style="margin:0;flex:1"><figcaption style="margin-bottom:6px"><b>Remote Prometheus</b> (Source ${servers.url}, fed by remote_write)</figcaption><img style="width:100%" src="${img(remoteShot)}"></figure>
</div></body></html>`);
    const composed = await sheet.screenshot({ fullPage: true });
    await sheet.close();
    writeFileSync(testInfo.outputPath('remote-side-by-side.png'), composed);
    if (process.env.UPDATE_DOCS_SCREENSHOTS === '1') writeFileSync('docs/remote-side-by-side.png', composed);
  });
});
