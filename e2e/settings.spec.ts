// Settings a person fills in by hand: headers for remote sources are checked
// line by line, kept, and shown again after a reload; query limits refuse a
// query past them with Prometheus's words and a hint.

import { expect, test } from '@playwright/test';

test('remote source headers refuse a line that does not read, and a saved set stays after a reload', async ({ page }) => {
  await page.goto('/#/settings');
  const card = page.getByRole('region', { name: 'Remote source headers' });
  const text = card.getByRole('textbox', { name: 'Headers by source URL' });
  await text.fill('https://mimir.example/prometheus\n  X-Scope-OrgID team-a');
  await card.getByRole('button', { name: 'Save headers' }).click();
  await expect(card.getByRole('alert')).toHaveText('Not saved: line 2: expected "Name: value", got "X-Scope-OrgID team-a"');
  await text.fill('https://mimir.example/prometheus\n  X-Scope-OrgID: <b>team-a</b>');
  await card.getByRole('button', { name: 'Save headers' }).click();
  await expect(card.getByRole('status')).toContainText('Saved');
  await page.reload();
  await expect(page.getByRole('region', { name: 'Remote source headers' }).getByRole('textbox', { name: 'Headers by source URL' })).toHaveValue(
    'https://mimir.example/prometheus\n  X-Scope-OrgID: <b>team-a</b>',
  );
});

test('a query limit set on Settings refuses a query past it, says which limit and how to narrow it, and Prometheus’s defaults come back', async ({ page }) => {
  await page.goto('/#/settings');
  const card = page.getByRole('region', { name: 'Query limits' });
  const points = card.getByRole('textbox', { name: 'Points per series' });
  await expect(points).toHaveValue('11000');
  await expect(card.getByRole('textbox', { name: 'Query timeout' })).toHaveValue('2m');
  await card.getByRole('textbox', { name: 'Samples in memory per query' }).fill('lots');
  await card.getByRole('button', { name: 'Save limits' }).click();
  await expect(card.getByRole('alert')).toHaveText('Not saved: Samples in memory per query: “lots” is not a whole number');
  await card.getByRole('textbox', { name: 'Samples in memory per query' }).fill('0');
  await card.getByRole('button', { name: 'Save limits' }).click();
  await expect(card.getByRole('alert')).toHaveText('Not saved: samples in memory must be a whole number of at least 1, not 0');
  await card.getByRole('button', { name: 'Prometheus’s defaults' }).click();
  await points.fill('100');
  await card.getByRole('button', { name: 'Save limits' }).click();
  await expect(card.getByRole('status')).toContainText('Saved');

  // 15 minutes at the automatic 4 s step is 225 points.
  await page.goto(`/#/query?g0.expr=${encodeURIComponent('vector(1)')}&g0.range=15m`);
  const refusal = page.getByRole('region', { name: 'Query panel 1' }).getByRole('alert');
  await expect(refusal).toContainText('bad_data: exceeded maximum resolution of 100 points per timeseries. Try decreasing the query resolution (?step=XX)');
  await expect(refusal).toContainText('The limit is 100 points per series (Settings → Query limits): coarsen the step or shorten the range.');

  await page.goto('/#/settings');
  await expect(points).toHaveValue('100');
  await card.getByRole('button', { name: 'Prometheus’s defaults' }).click();
  await card.getByRole('button', { name: 'Save limits' }).click();
  await expect(card.getByRole('status')).toContainText('Saved');
  await page.goto(`/#/query?g0.expr=${encodeURIComponent('vector(1)')}&g0.range=15m`);
  await expect(page.getByRole('region', { name: 'Query panel 1' }).getByRole('status', { name: 'Result summary' })).toContainText('1 series');
});
