// Reading a query panel's table as a person would: the "value" column of its first row.

import type { Page } from '@playwright/test';

export async function tableValue(page: Page, panel = 1): Promise<number> {
  const table = page.getByRole('region', { name: `Query panel ${panel}` }).getByRole('table');
  const headers = (await table.getByRole('columnheader').allTextContents().catch(() => [])).map((h) => h.trim());
  const column = headers.indexOf('value');
  if (column < 0) return NaN;
  const text = await table.getByRole('row').nth(1).getByRole('cell').nth(column).textContent({ timeout: 1000 }).catch(() => '');
  return Number(text?.trim() || NaN);
}
