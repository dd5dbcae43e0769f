// Pointing Vigil's remote_write at a receiver as a person does: appended to
// prometheus.yml in the Targets page's editor, saved and applied. Batches go
// out within a second, retries back off no further than 2 s, and a request
// the receiver never answers (one caught mid-shutdown) is given up after 5 s
// instead of Prometheus's 30, so a test sees the remote side catch up quickly.

import { expect, type Page } from '@playwright/test';

export async function addRemoteWrite(page: Page, baseUrl: string): Promise<void> {
  await page.goto('/#/targets');
  const editor = page.getByRole('textbox', { name: 'Configuration YAML' });
  await expect(editor).toContainText('job_name: demo');
  const remote = `\nremote_write:\n  - url: ${baseUrl}/api/v1/write\n    remote_timeout: 5s\n    queue_config:\n      batch_send_deadline: 1s\n      min_backoff: 100ms\n      max_backoff: 2s\n`;
  await editor.fill((await editor.innerText()) + remote);
  await page.getByRole('button', { name: 'Save and apply' }).click();
  await expect(page.getByText('Saved and applied.')).toBeVisible();
}

/** The Status page's account of each remote write queue (state, sent up to, last error): printed when a test's wait for the remote side runs out. */
export async function remoteWriteStatus(page: Page): Promise<string> {
  const status = await page.context().newPage();
  try {
    await status.goto('/#/status');
    return (await status.getByRole('region', { name: 'Remote write' }).textContent({ timeout: 5_000 })) ?? '';
  } catch (e) {
    return `Status page unreadable: ${String(e)}`;
  } finally {
    await status.close();
  }
}
