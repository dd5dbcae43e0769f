// The installed app: once its service worker controls the page, Vigil opens
// with the server stopped, shows what it stored and keeps scraping the targets
// it can reach (their requests go to the network, not to a cache); a rebuilt
// app is offered with a banner and taken only on Reload.
//
// The spec serves the builds itself, on a port it picks and keeps (a service
// worker belongs to its origin): first dist/ (built before the run, as for the
// other specs), then a second build it makes with another VIGIL_BUILD.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { tableValue } from './panelTable';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
};

/** A static server for a built app on 127.0.0.1; index.html for '/'. */
async function serveBuild(root: string, port = 0): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path === '/' ? 'index.html' : path);
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) file = join(root, 'index.html');
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A CORS /metrics target answering with how many scrapes it has answered: a cached answer would repeat a number. */
async function countingTarget(): Promise<{ url: string; hits(): number; close(): Promise<void> }> {
  let hits = 0;
  const server: Server = createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4', 'Access-Control-Allow-Origin': '*' });
    res.end(`# TYPE e2e_scrapes_total counter\ne2e_scrapes_total ${hits}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The build a tab runs, as its Status page says. */
async function buildShown(page: Page): Promise<string> {
  await page.goto(`${new URL(page.url()).origin}/#/status`);
  return (await page.getByLabel('Build').textContent()) ?? '';
}

const REBUILT = 'e2e rebuilt';

test('the installed app opens with no server, keeps scraping, and offers a rebuilt app', async ({ page }) => {
  test.setTimeout(240_000);
  const rebuilt = mkdtempSync(join(tmpdir(), 'vigil-rebuilt-'));
  const target = await countingTarget();
  let app = await serveBuild('dist');
  const origin = `http://127.0.0.1:${app.port}`;
  try {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', rebuilt, '--emptyOutDir'], { env: { ...process.env, VIGIL_BUILD: REBUILT }, stdio: 'inherit' });

    await page.goto(`${origin}/#/status`);
    await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', undefined, { timeout: 30_000 });
    const firstBuild = (await page.getByLabel('Build').textContent()) ?? '';
    expect(firstBuild).not.toContain(REBUILT);

    await page.goto(`${origin}/#/targets`);
    await page.getByRole('button', { name: 'Add target' }).click();
    const form = page.getByRole('form', { name: 'Add target' });
    await form.getByLabel('Job').fill('counting');
    await form.getByLabel('URL').fill(target.url);
    await form.getByRole('button', { name: 'Add target' }).click();

    const query = `${origin}/#/query?g0.expr=count_over_time(up{instance="demo-1"}[10m])&g0.tab=table`;
    await page.goto(query);
    await expect.poll(() => tableValue(page), { timeout: 40_000 }).toBeGreaterThanOrEqual(3);

    // What was stored up to now, counted at a fixed time so that later scrapes cannot make up for lost samples.
    const stoppedAt = Math.floor(Date.now() / 1000);
    const storedQuery = `${origin}/#/query?g0.expr=count_over_time(up{instance="demo-1"}[10m] @ ${stoppedAt})&g0.tab=table`;
    await page.goto(storedQuery);
    await expect.poll(() => tableValue(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    const stored = await tableValue(page);

    await app.close();
    expect(await fetch(`${origin}/`).then(() => 'up', () => 'down')).toBe('down');
    await page.reload();
    await expect(page.getByRole('link', { name: 'Vigil', exact: true })).toBeVisible();
    await expect.poll(() => tableValue(page), { timeout: 20_000 }).toBe(stored);
    await page.screenshot({ path: 'test-results/offline-opened.png' });
    await page.goto(query);
    await expect.poll(() => tableValue(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(stored);
    const counted = await tableValue(page);
    // The demo goes on being scraped with no server: the count grows.
    await expect.poll(() => tableValue(page), { timeout: 30_000 }).toBeGreaterThan(counted);
    // The reachable target too, with fresh answers straight from the network.
    const hitsSoFar = target.hits();
    expect(hitsSoFar).toBeGreaterThan(0);
    await page.goto(`${origin}/#/query?g0.expr=e2e_scrapes_total&g0.tab=table`);
    await expect.poll(() => tableValue(page), { timeout: 30_000 }).toBeGreaterThan(hitsSoFar);

    app = await serveBuild(rebuilt, app.port);
    await page.goto(`${origin}/#/query`);
    await page.reload();
    const banner = page.getByRole('status', { name: 'New version' });
    await expect(banner).toContainText('A new version of Vigil is ready.', { timeout: 30_000 });
    // Waiting, not taken: this tab still runs the first build.
    expect(await buildShown(page)).toBe(firstBuild);
    await expect(banner).toBeVisible();
    await page.screenshot({ path: 'test-results/update-banner.png' });
    await banner.getByRole('button', { name: 'Reload' }).click();
    await expect(page.getByLabel('Build')).toHaveText(`Vigil ${REBUILT}`, { timeout: 30_000 });
    await expect(banner).toHaveCount(0);
  } finally {
    await app.close().catch(() => {});
    await target.close();
    rmSync(rebuilt, { recursive: true, force: true });
  }
});
