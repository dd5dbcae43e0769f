import { expect, test, type Page } from '@playwright/test';

/** The "value" column of the first row of the panel's table (an instant query result). */
async function tableValue(page: Page): Promise<number> {
  const table = page.getByRole('region', { name: 'Query panel 1' }).getByRole('table');
  const headers = (await table.getByRole('columnheader').allTextContents().catch(() => [])).map((h) => h.trim());
  const column = headers.indexOf('value');
  if (column < 0) return NaN;
  const text = await table.getByRole('row').nth(1).getByRole('cell').nth(column).textContent({ timeout: 1000 }).catch(() => '');
  return Number(text?.trim() || NaN);
}

test('samples scraped before a reload are still there after it', async ({ page }) => {
  const url = '/#/query?g0.expr=count_over_time(up{instance="demo-1"}[10m])&g0.tab=table';
  await page.goto(url);
  await expect.poll(() => tableValue(page), { timeout: 40_000 }).toBeGreaterThanOrEqual(4);
  const before = await tableValue(page);
  await page.reload();
  // Read at once, before the new engine has scraped much: the count can only hold or grow.
  await expect.poll(() => tableValue(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(before);
});
