// One remote_write 1.0 request: the spec's headers, the configured auth, a
// timeout, and the answer sorted as Prometheus's remote client sorts it
// (storage/remote/client.go Store): 2xx done, 5xx (and 429 when allowed) worth
// retrying, anything else refused for good.

import type { RemoteWriteConfig } from '../config/remoteWriteConfig';
import type { Timers } from '../model/timers';
import { describeFetchFailure } from './writeErrors';

export interface ClientDeps extends Timers {
  fetch: typeof fetch;
  /** Sent as User-Agent where the platform lets a script set it (not in browsers, where it would only widen the CORS preflight). */
  userAgent?: string;
}

export type SendOutcome =
  | { kind: 'ok' }
  /** `retryAfterMs` is 0 when the answer named no wait. */
  | { kind: 'retry'; retryAfterMs: number; error: string }
  | { kind: 'refused'; reason: string; error: string };

// client.go's maxErrMsgLen: how much of an error answer's body is kept.
const MAX_ERR_MSG_LEN = 1024;

/** Builds the request headers once per queue. */
export function writeHeaders(cfg: RemoteWriteConfig, userAgent?: string): Record<string, string> {
  const h: Record<string, string> = {
    ...cfg.headers,
    'Content-Encoding': 'snappy',
    'Content-Type': 'application/x-protobuf',
    'X-Prometheus-Remote-Write-Version': '0.1.0',
  };
  if (userAgent !== undefined) h['User-Agent'] = userAgent;
  if (cfg.basicAuth) h.Authorization = `Basic ${base64(`${cfg.basicAuth.username}:${cfg.basicAuth.password}`)}`;
  else if (cfg.bearerToken !== undefined) h.Authorization = `Bearer ${cfg.bearerToken}`;
  return h;
}

function base64(text: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/**
 * client.go's retryAfterDuration: an HTTP date or whole seconds; anything
 * else (or a date in the past) means "use the backoff".
 */
export function retryAfterMs(header: string | null, now: number): number {
  if (header === null || header.trim() === '') return 0;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at) || !/GMT$/.test(text)) return 0;
  return Math.max(0, Math.floor((at - now) / 1000) * 1000);
}

/** Posts one compressed WriteRequest and sorts the answer. Never throws. */
export async function sendWrite(deps: ClientDeps, cfg: RemoteWriteConfig, headers: Record<string, string>, body: Uint8Array<ArrayBuffer>, signal?: AbortSignal): Promise<SendOutcome> {
  const ctl = new AbortController();
  const onAbort = () => ctl.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort);
  const timer = deps.setTimeout(() => ctl.abort(new DOMException('remote_timeout', 'TimeoutError')), cfg.remoteTimeout);
  try {
    let res: Response;
    try {
      // Called unbound: a browser's fetch throws "Illegal invocation" when called as a method of another object.
      const fetchFn = deps.fetch;
      res = await fetchFn(cfg.url, { method: 'POST', headers, body, signal: ctl.signal });
    } catch (e) {
      // client.go: an error before any answer is recoverable.
      return { kind: 'retry', retryAfterMs: 0, error: describeFetchFailure(cfg.url, ctl.signal.aborted ? ctl.signal.reason : e, Object.keys(cfg.headers)) };
    }
    if (res.status >= 200 && res.status < 300) {
      await res.body?.cancel();
      return { kind: 'ok' };
    }
    const text = await res.text().catch(() => '');
    const firstLine = text.slice(0, MAX_ERR_MSG_LEN).split('\n')[0];
    const error = `server returned HTTP status ${res.status} ${res.statusText}: ${firstLine}`.trimEnd();
    if (res.status >= 500 || (cfg.queueConfig.retryOnHttp429 && res.status === 429)) {
      return { kind: 'retry', retryAfterMs: retryAfterMs(res.headers.get('Retry-After'), deps.now()), error };
    }
    return { kind: 'refused', reason: `HTTP ${res.status}`, error };
  } finally {
    deps.clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
