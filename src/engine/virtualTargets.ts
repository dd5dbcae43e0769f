// Targets the engine answers itself, so the demo works with nothing behind the
// page (dev server or plain static hosting): the demo service instances at
// /demo/<n>/metrics and the engine's own /vigil/metrics, both on the page's
// origin. Every other URL goes to the real network.

import { demoFamilies, processStart, type SimFamily } from '../scrape/demoService';
import { demoNativeLatency, type NativeLatency } from '../scrape/demoNative';
import { renderTextPage } from '../scrape/simPage';
import { renderProtoPage } from '../scrape/simProtoPage';
import { PROTOBUF_CONTENT_TYPE } from '../exposition/writeProto';

export const DEMO_INSTANCES = 3;
const DEMO_PATH = /^\/demo\/(\d+)\/metrics$/;
export const SELF_PATH = '/vigil/metrics';
const TEXT_FORMAT = 'text/plain; version=0.0.4; charset=utf-8';

export function virtualFetch(origin: string, selfPage: () => string, now: () => number, realFetch: typeof fetch): typeof fetch {
  const demos = new Map<number, { families: SimFamily[]; natives: NativeLatency[] }>();
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), origin);
    if (url.origin !== origin) return realFetch(input, init);
    if (url.pathname === SELF_PATH) return new Response(selfPage(), { headers: { 'Content-Type': TEXT_FORMAT } });
    const m = DEMO_PATH.exec(url.pathname);
    if (!m) return realFetch(input, init);
    const n = Number(m[1]);
    if (n < 1 || n > DEMO_INSTANCES) return new Response('no such demo instance\n', { status: 404 });
    let demo = demos.get(n);
    if (!demo) demos.set(n, (demo = { families: demoFamilies(n), natives: demoNativeLatency(n) }));
    const t = now();
    if (processStart(n, t) === undefined) return new Response('demo instance restarting\n', { status: 503, statusText: 'Service Unavailable' });
    // A scraper that asks for protobuf (scrape_native_histograms) gets the native latency histogram too, as client_golang serves it.
    if (new Headers(init?.headers).get('Accept')?.includes('application/vnd.google.protobuf')) {
      return new Response(renderProtoPage(demo.families, demo.natives, 'http_request_duration_seconds', t), { headers: { 'Content-Type': PROTOBUF_CONTENT_TYPE } });
    }
    return new Response(renderTextPage(demo.families, t), { headers: { 'Content-Type': TEXT_FORMAT } });
  };
}
