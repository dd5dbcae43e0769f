import { describe, expect, it } from 'vitest';
import { virtualFetch } from './virtualTargets';

const ORIGIN = 'http://127.0.0.1:5173';
const realFetch: typeof fetch = async (input) => new Response(`real ${String(input)}`);

describe('virtualFetch', () => {
  const at = (t: number) => virtualFetch(ORIGIN, () => 'self_metric 1\n', () => t, realFetch);
  const running = Date.UTC(2026, 0, 1, 12, 5);

  it('serves the demo service on the page origin', async () => {
    const res = await at(running)(`${ORIGIN}/demo/1/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('# TYPE http_requests_total counter');
    expect(text).toMatch(/^http_request_duration_seconds_bucket\{handler="\/login",le="\+Inf"\} \d+$/m);
  });

  it('answers 503 while the flaky instance restarts, and serves it again after', async () => {
    const cycleStart = Date.UTC(2026, 0, 1, 12, 15);
    expect((await at(cycleStart + 10_000)(`${ORIGIN}/demo/3/metrics`)).status).toBe(503);
    expect((await at(cycleStart + 60_000)(`${ORIGIN}/demo/3/metrics`)).status).toBe(200);
  });

  it('serves the engine self-metrics and passes other URLs to the network', async () => {
    expect(await (await at(running)(`${ORIGIN}/vigil/metrics`)).text()).toBe('self_metric 1\n');
    expect(await (await at(running)('http://127.0.0.1:9100/metrics')).text()).toBe('real http://127.0.0.1:9100/metrics');
    expect((await at(running)(`${ORIGIN}/demo/9/metrics`)).status).toBe(404);
  });
});
