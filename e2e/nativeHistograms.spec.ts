// Native histograms from a remote Prometheus-compatible API, as a person
// meets them on the query page: the histogram series drawn as a heatmap below
// the float graph, and at one instant as bucket bars whose hover names the
// bucket. The API is a tiny fake answering in Prometheus's JSON shape, so the
// spec needs no Prometheus with native histograms enabled. Screenshots at
// desktop and phone size go to test-results/.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';

type Bucket = [number, string, string, string];

/** Schema 0 (factor 2) buckets of a latency histogram whose middle drifts up over time, with a zero bucket. */
function histogramAt(step: number): { count: string; sum: string; buckets: Bucket[] } {
  const buckets: Bucket[] = [[3, '-0.001', '0.001', '1']];
  let count = 1;
  for (let i = -8; i <= 2; i++) {
    const centre = -5 + (step % 20) / 5;
    const c = Math.round(40 * Math.exp(-((i - centre) ** 2) / 3));
    if (c === 0) continue;
    buckets.push([0, String(2 ** (i - 1)), String(2 ** i), String(c)]);
    count += c;
  }
  return { count: String(count), sum: String(count * 0.05), buckets };
}

function answer(path: string, params: URLSearchParams): unknown {
  if (path === '/api/v1/query_range') {
    const start = Number(params.get('start'));
    const end = Number(params.get('end'));
    const step = Number(params.get('step'));
    const histograms: [number, unknown][] = [];
    const values: [number, string][] = [];
    for (let t = start, i = 0; t <= end; t += step, i++) {
      histograms.push([t, histogramAt(i)]);
      values.push([t, String(5 + Math.sin(i / 3))]);
    }
    return {
      resultType: 'matrix',
      result: [
        { metric: { __name__: 'request_duration_seconds', job: 'api' }, histograms },
        { metric: { __name__: 'requests_in_flight', job: 'api' }, values },
      ],
    };
  }
  if (path === '/api/v1/query') {
    const t = Number(params.get('time'));
    return { resultType: 'vector', result: [{ metric: { __name__: 'request_duration_seconds', job: '<b>api</b>' }, histogram: [t, histogramAt(7)] }] };
  }
  if (path === '/api/v1/metadata') return {};
  return [];
}

async function fakePrometheus(): Promise<Server> {
  const server = createServer((req, res) => {
    const headers = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*', 'Content-Type': 'application/json' };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, headers).end();
      return;
    }
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const params = new URLSearchParams(req.method === 'POST' ? body : url.search);
      res.writeHead(200, headers).end(JSON.stringify({ status: 'success', data: answer(url.pathname, params) }));
    });
  });
  // A port in this worktree's range when given one; else any free one.
  const port = Number(process.env.E2E_FAKE_API_PORT ?? 0);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/native-histograms-${name}.png`, fullPage: true });
}

test.describe('native histograms from a remote source', () => {
  let server: Server;
  let source = '';

  test.beforeAll(async () => {
    server = await fakePrometheus();
    source = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  test.afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  for (const size of [
    { name: 'desktop', width: 1280, height: 800 },
    { name: 'phone', width: 390, height: 844 },
  ]) {
    test(`the graph draws floats as lines and the histogram as a heatmap; the table draws bucket bars (${size.name})`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      const expr = encodeURIComponent('request_duration_seconds');
      await page.goto(`/#/query?g0.expr=${expr}&g0.source=${encodeURIComponent(source)}&g0.tab=graph&g0.range=30m`);
      const panel = page.getByRole('region', { name: 'Query panel 1' });
      const heatmap = panel.getByRole('img', { name: /^Heatmap of request_duration_seconds\{job="api"\}: \d+ buckets over \d+ steps$/ });
      await expect(heatmap).toBeVisible({ timeout: 20_000 });
      // The float series is still a line graph above it.
      await expect(panel.locator('.uplot canvas').first()).toBeVisible();
      await expect(panel.getByRole('status', { name: 'Result summary' })).toContainText('2 series');

      // The canvas has coloured cells, not just a blank.
      const painted = await heatmap.evaluate((c: HTMLCanvasElement) => {
        const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
        return n / (data.length / 4);
      });
      expect(painted).toBeGreaterThan(0.1);

      const box = (await heatmap.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.55);
      const tip = panel.getByRole('status', { name: 'Heatmap cell' });
      await expect(tip).toContainText(/Bucket [([][^,]+, [^\])]+[\])]/);
      await expect(tip).toContainText(/Value \d/);
      await shoot(page, `graph-${size.name}`);

      await panel.getByRole('tab', { name: 'Table' }).click();
      const bars = panel.getByRole('img', { name: 'Buckets of request_duration_seconds{job="<b>api</b>"}' });
      await expect(bars).toBeVisible({ timeout: 20_000 });
      await expect(panel.locator('.histogram-summary')).toContainText(/^count \d+ · sum [\d.]+ · \[-0\.001, 0\.001\]: 1/);
      expect(await bars.locator('rect.histogram-bar').count()).toBeGreaterThan(3);
      await bars.locator('rect.histogram-bar').nth(2).hover();
      await expect(panel.getByRole('status', { name: 'Bucket' })).toContainText(/^\(.+, .+\]: \d+$/);
      // The label value's markup is text, never HTML.
      await expect(panel.locator('td b')).toHaveCount(0);
      await shoot(page, `table-${size.name}`);
    });
  }
});
