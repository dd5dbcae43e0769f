// Settings a person fills in by hand: headers for remote sources are checked
// line by line, kept, and shown again after a reload.

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
