// Screenshots of every page at desktop and phone size, for looking at what a
// person sees: `node scripts/screenshots.mjs http://127.0.0.1:5173 out/`.

import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';

const [base = 'http://127.0.0.1:5173', out = 'screenshots', waitMs = '12000'] = process.argv.slice(2);
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const sizes = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
];
const pages = ['dashboards', 'd/demo-service', 'query', 'metrics', 'alerts', 'rules', 'targets', 'status', 'settings'];
for (const size of sizes) {
  const context = await browser.newContext({ viewport: { width: size.width, height: size.height } });
  const page = await context.newPage();
  await page.goto(`${base}/#/query`);
  await page.waitForTimeout(Number(waitMs));
  for (const p of pages) {
    await page.goto(`${base}/#/${p}`);
    await page.waitForTimeout(1500);
    const file = `${out}/${p.replace('/', '-')}-${size.name}.png`;
    await page.screenshot({ path: file });
    process.stdout.write(`${file}\n`);
  }
  await context.close();
}
await browser.close();
