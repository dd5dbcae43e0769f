// A receiver that POSTs Alertmanager's webhook JSON to a URL the user gives,
// as notify/webhook does; a non-2xx answer is a failed delivery, retried on
// the group's next flush.

import type { Receiver } from './notifier';
import { webhookPayload } from './webhook';

export interface WebhookOptions {
  name: string;
  url: string;
  fetch: typeof fetch;
  sendResolved?: boolean;
  maxAlerts?: number;
}

export function webhookReceiver(opts: WebhookOptions): Receiver {
  return {
    name: opts.name,
    sendResolved: opts.sendResolved ?? true,
    maxAlerts: opts.maxAlerts ?? 0,
    async notify(n) {
      const res = await opts.fetch(opts.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'User-Agent': 'Vigil' },
        body: webhookPayload(n),
      });
      if (!res.ok) throw new Error(`unexpected status code ${res.status}: ${opts.url}`);
    },
  };
}
