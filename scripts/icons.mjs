// Renders the app icons in public/icons/ from the SVGs beside this script:
// `node scripts/icons.mjs`. The PNGs are committed, so a build needs no browser;
// run this again after changing an SVG.
//   icon.svg     -> icon-192.png, icon-512.png (purpose "any": the round mark)
//   maskable.svg -> maskable-512.png (full bleed; the mark inside the central
//                   80 % circle a launcher may crop to)

import { chromium } from '@playwright/test';

const OUT = new URL('../public/icons/', import.meta.url);
const ICONS = [
  { svg: 'icon.svg', png: 'icon-192.png', size: 192 },
  { svg: 'icon.svg', png: 'icon-512.png', size: 512 },
  { svg: 'maskable.svg', png: 'maskable-512.png', size: 512 },
];

const browser = await chromium.launch({
  executablePath: process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  for (const { svg, png, size } of ICONS) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.goto(new URL(`icons/${svg}`, import.meta.url).href);
    const path = new URL(png, OUT).pathname;
    await page.screenshot({ path, omitBackground: true });
    await page.close();
    process.stdout.write(`${path}\n`);
  }
} finally {
  await browser.close();
}
