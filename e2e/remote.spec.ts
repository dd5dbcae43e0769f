import { expect, test } from '@playwright/test';
import { tableValue } from './panelTable';
import { missingServers, RemoteServers } from './remoteServers';
import { addRemoteWrite, remoteWriteStatus } from './remoteWrite';

const missing = missingServers();

test(`remote write reaches a real Prometheus across its outage, and a panel reads it back${missing ? ` (skipped: ${missing} not installed)` : ''}`, async ({ page }) => {
  test.skip(missing !== '', `needs ${missing}`);
  test.setTimeout(150_000);
  const servers = new RemoteServers();
  await servers.start();
  try {
    await addRemoteWrite(page, servers.url);
    // Like Prometheus, the queue sends what is scraped after it starts: compare from the next scrape round on.
    const fromMs = Date.now() + 6_000;

    const demoSamplesAt = async (tSec: number) => Number((await servers.query('sum(count_over_time(http_request_duration_seconds_bucket{job="demo"}[1h]))', tSec))[0]?.value[1] ?? 0);
    await expect.poll(() => demoSamplesAt(Date.now() / 1000), { timeout: 30_000 }).toBeGreaterThan(0);

    // Prometheus goes away for 15 s while Vigil keeps scraping; the queue holds what it cannot send.
    await servers.prometheus!.stop();
    await page.waitForTimeout(15_000);
    await servers.prometheus!.start();

    // Once Prometheus has caught up past T, every sample Vigil holds up to T must be there, once.
    const tMs = Date.now() - 2_000;
    const newest = async () => Number((await servers.query('max(timestamp(up{job="demo"}))', Date.now() / 1000))[0]?.value[1] ?? 0);
    await expect
      .poll(newest, { timeout: 45_000 })
      .toBeGreaterThan(tMs / 1000 + 6)
      .catch(async (e: Error) => {
        throw new Error(`${e.message}\nVigil's remote write queue then: ${await remoteWriteStatus(page)}`);
      });

    // One family, so Prometheus 2.x (which drops __name__ at once) sees no clashing series.
    const expr = `sum(count_over_time(http_request_duration_seconds_bucket{job="demo"}[${tMs - fromMs}ms]))`;
    const inProm = Number((await servers.query(expr, tMs / 1000))[0]?.value[1] ?? NaN);
    await page.goto(`/#/query?g0.expr=${encodeURIComponent(expr)}&g0.tab=table&g0.end=${tMs}`);
    await expect.poll(() => tableValue(page), { timeout: 20_000 }).toBeGreaterThan(0);
    const inVigil = await tableValue(page);
    expect(inProm).toBe(inVigil);
    expect(servers.prometheus!.rejectedWrites()).toEqual([]);

    await page.goto('/#/status');
    await expect(page.getByLabel('Engine self-metrics')).toContainText('vigil_remote_storage_samples_total');
    const metrics = (await page.getByLabel('Engine self-metrics').textContent()) ?? '';
    const figure = (name: string) => [...metrics.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))].reduce((a, m) => a + Number(m[1]), 0);
    const acknowledged = figure('vigil_remote_storage_samples_total');
    expect(acknowledged).toBeGreaterThan(inVigil);
    expect(figure('vigil_remote_storage_samples_failed_total')).toBe(0);
    expect(figure('vigil_remote_storage_samples_dropped_total')).toBe(0);
    console.log(
      `remote write across a 15 s outage: ${inVigil} bucket samples stored, ${inProm} in Prometheus; ` +
        `acknowledged ${acknowledged}, retried ${figure('vigil_remote_storage_samples_retried_total')}, lost ${inVigil - inProm}`,
    );

    // The same question from a Vigil panel pointed at the remote side.
    await page.goto(`/#/query?g0.expr=${encodeURIComponent(expr)}&g0.tab=table&g0.end=${tMs}&g0.source=${encodeURIComponent(servers.url)}`);
    await expect.poll(() => tableValue(page), { timeout: 20_000 }).toBe(inVigil);
  } finally {
    await servers.stop();
  }
});
