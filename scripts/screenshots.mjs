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
  await editorStates(page, size.name);
  if (size.width < 760) {
    await page.getByRole('button', { name: /Menu/ }).click();
    await shot(page, `menu-open-${size.name}`);
  }
  await context.close();
}
await browser.close();

async function shot(page, name, locator) {
  const file = `${out}/${name}.png`;
  await (locator ?? page).screenshot({ path: file });
  process.stdout.write(`${file}\n`);
}

/** The YAML editors showing a problem at its line: prometheus.yml with a misspelt key, a rule file with a broken expression. */
async function editorStates(page, sizeName) {
  await page.goto(`${base}/#/targets`);
  const config = page.getByRole('textbox', { name: 'Configuration YAML' });
  await config.waitFor();
  await config.fill((await config.innerText()).replace('scrape_interval: 5s', 'scrape_intervall: 5s'));
  await page.keyboard.press('Control+Home');
  await page.locator('.cm-lintRange-error').first().waitFor();
  const card = page.getByRole('region', { name: 'Configuration' });
  await card.scrollIntoViewIfNeeded();
  await shot(page, `config-editor-diagnostic-${sizeName}`, card);
  await page.goto(`${base}/#/rules`);
  const rules = page.getByRole('textbox', { name: /^Rule file / }).first();
  await rules.waitFor();
  await rules.fill((await rules.innerText()).replace(/expr: (.*)/, 'expr: sum by (job) (rate($1[5m])'));
  await page.locator('.cm-lintRange-error').first().waitFor();
  const file = page.locator('.rule-file').first();
  await file.scrollIntoViewIfNeeded();
  await shot(page, `rules-editor-diagnostic-${sizeName}`, file);
}
