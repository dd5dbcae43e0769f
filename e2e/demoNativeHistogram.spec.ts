// The demo service's own native latency histogram, scraped over protobuf by
// the tab from its first open, as a person meets it on the query page: the
// rate of one handler's histogram drawn as a heatmap whose hover names the
// bucket, and in the table as bucket bars. Screenshots at desktop and phone
// size go to test-results/.

import { expect, test, type Page } from '@playwright/test';

// One handler on one instance: the name the demo's protobuf page gives it (src/scrape/demoNative.ts).
const SELECTOR = 'http_request_duration_seconds{handler="/api/users",instance="demo-1"}';
const SERIES = '{handler="/api/users", instance="demo-1", job="demo"}';

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/demo-native-histogram-${name}.png`, fullPage: true });
}

for (const size of [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
]) {
  test(`the demo's native histogram rate is drawn as a heatmap, and as bucket bars in the table (${size.name})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: size.width, height: size.height });
    const expr = encodeURIComponent(`rate(${SELECTOR}[1m])`);
    await page.goto(`/#/query?g0.expr=${expr}&g0.tab=graph&g0.range=5m`);
    const panel = page.getByRole('region', { name: 'Query panel 1' });
    const heatmap = panel.getByRole('img', { name: new RegExp(`^Heatmap of ${SERIES.replace(/[{}()/]/g, '\\$&')}: \\d+ buckets over \\d+ steps$`) });
    // A rate needs two scrapes 5 s apart from the first open; the live page reruns the query until it has them.
    await expect(heatmap).toBeVisible({ timeout: 60_000 });

    const painted = await heatmap.evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(0);

    // Hover the right edge, where the latest steps have a rate, until a cell answers.
    const box = (await heatmap.boundingBox())!;
    const tip = panel.getByRole('status', { name: 'Heatmap cell' });
    let found = false;
    for (let y = 0.05; y < 1 && !found; y += 0.05) {
      await page.mouse.move(box.x + box.width * 0.97, box.y + box.height * y);
      found = /Bucket [([][^,]+, [^\])]+[\])]/.test((await tip.textContent({ timeout: 1_000 }).catch(() => '')) ?? '');
    }
    expect(found).toBe(true);
    await expect(tip).toContainText(/Value \d/);
    await shoot(page, `graph-${size.name}`);

    await panel.getByRole('tab', { name: 'Table' }).click();
    const bars = panel.getByRole('img', { name: /^Buckets of .*handler="\/api\/users"/ });
    await expect(bars).toBeVisible({ timeout: 20_000 });
    await expect(panel.locator('.histogram-summary')).toContainText(/^count [\d.]+ · sum [\d.]+/);
    expect(await bars.locator('rect.histogram-bar').count()).toBeGreaterThan(3);
    await bars.locator('rect.histogram-bar').nth(2).hover();
    await expect(panel.getByRole('status', { name: 'Bucket' })).toContainText(/^\(.+, .+\]: [\d.]+$/);
    // A wide histogram row scrolls inside its table, never the page sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
    await shoot(page, `table-${size.name}`);
  });
}
