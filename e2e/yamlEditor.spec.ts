// The YAML editors as a person uses them: a mistake in prometheus.yml is
// marked at its line while typing, before saving; keys complete from the
// schema; and on a phone the page menu reaches every page.

import { expect, test } from '@playwright/test';

test('a misspelt key in prometheus.yml is marked at its line as it is typed, and listed below', async ({ page }) => {
  await page.goto('/#/targets');
  const editor = page.getByRole('textbox', { name: 'Configuration YAML' });
  await expect(editor).toContainText('job_name: demo');
  const text = await editor.innerText();
  const line = text.split('\n').findIndex((l) => l.includes('scrape_interval: 5s')) + 1;
  await editor.fill(text.replace('scrape_interval: 5s', 'scrape_intervall: 5s'));
  const card = page.getByRole('region', { name: 'Configuration' });
  const marked = card.locator('.cm-lintRange-error');
  await expect(marked).toHaveText('scrape_intervall');
  // The marked word sits on the line the problem names, in the editor's own numbering.
  const markedTop = (await marked.boundingBox())!.y;
  const number = card.locator('.cm-lineNumbers .cm-gutterElement', { hasText: new RegExp(`^${line}$`) });
  expect(Math.abs((await number.boundingBox())!.y - markedTop)).toBeLessThan(8);
  await expect(card.getByRole('alert', { name: 'Configuration problems' })).toContainText(`line ${line}, column 3: field scrape_intervall not found`);
  await marked.hover();
  await expect(page.locator('.cm-tooltip-lint')).toContainText('field scrape_intervall not found in type config.plain');
});

test('keys complete from the schema of the block the cursor is in', async ({ page }) => {
  await page.goto('/#/targets');
  const editor = page.getByRole('textbox', { name: 'Configuration YAML' });
  await expect(editor).toContainText('job_name: demo');
  await editor.click();
  await page.keyboard.press('Control+End');
  // Pasted, so the editor's indentation on Enter does not add to the typed spaces.
  await page.keyboard.insertText('\nremote_write:\n  - url: http://127.0.0.1:9/api/v1/write\n    ');
  await page.keyboard.type('queue_c');
  const option = page.getByRole('option', { name: /queue_config/ });
  // A click, not Enter: CodeMirror ignores Enter for its interactionDelay after the list opens, which a loaded machine can straddle.
  await option.click();
  await expect(editor).toContainText('queue_config:');
});

test.describe('on a 390 px phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  const pages = ['Dashboards', 'Query', 'Metrics', 'Alerts', 'Rules', 'Targets', 'Status', 'Settings'];

  test('the menu reaches every page, by pointer and by keyboard', async ({ page }) => {
    await page.goto('/#/query');
    const menu = page.getByRole('button', { name: /Menu/ });
    const nav = page.getByRole('navigation', { name: 'Pages' });
    await expect(nav).toBeHidden();
    for (const name of pages) {
      await menu.click();
      await expect(menu).toHaveAttribute('aria-expanded', 'true');
      await nav.getByRole('link', { name, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`#/${name.toLowerCase()}($|\\?)`));
      await expect(nav).toBeHidden();
      await expect(menu).toContainText(name);
    }
    await menu.focus();
    await page.keyboard.press('Enter');
    await expect(nav.getByRole('link', { name: 'Rules', exact: true })).toBeVisible();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await expect(nav).toBeHidden();
    await expect(menu).toBeFocused();
  });

  test('the page fits the screen: no page scrolls sideways', async ({ page }) => {
    for (const name of pages) {
      await page.goto(`/#/${name.toLowerCase()}`);
      await page.waitForTimeout(500);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} is wider than the screen`).toBeLessThanOrEqual(0);
    }
  });
});
