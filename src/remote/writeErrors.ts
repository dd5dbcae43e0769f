// What to tell a person when a remote write fails, in plain words. Browsers
// hide why a cross-origin request failed; the commonest cause is a receiver
// (stock Prometheus included) that does not answer CORS for /api/v1/write.

/** The headers a browser's remote-write POST carries that a receiver's CORS preflight must allow. */
export const WRITE_REQUEST_HEADERS = ['Content-Encoding', 'Content-Type', 'X-Prometheus-Remote-Write-Version'] as const;

/**
 * Explains a fetch that threw before any answer arrived. In a browser a
 * TypeError is all a CORS refusal shows, and it looks the same as a receiver
 * that is down, so both are named, with what the receiver must allow.
 */
export function describeFetchFailure(url: string, e: unknown, extraHeaders: readonly string[] = []): string {
  const err = e as { name?: string; message?: string; cause?: { message?: string; code?: string } } | null;
  if (err?.name === 'AbortError' || err?.name === 'TimeoutError') return `remote write to ${url}: no answer within remote_timeout (context deadline exceeded)`;
  const detail = err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(e);
  if (err?.name !== 'TypeError') return `remote write to ${url} failed: ${detail}`;
  const headers = [...WRITE_REQUEST_HEADERS, ...extraHeaders].join(', ');
  return (
    `remote write to ${url} failed before any answer (${detail}). Either the receiver is not reachable, ` +
    `or it does not allow this page to write: a browser may only post to it when the receiver answers the CORS ` +
    `preflight (OPTIONS) with Access-Control-Allow-Origin and Access-Control-Allow-Headers: ${headers}, ` +
    `and puts Access-Control-Allow-Origin on the POST answer too. Stock Prometheus does neither for /api/v1/write ` +
    `(its --web.cors.origin covers only the query API); put a proxy such as nginx in front of it that adds them ` +
    `(README: "remote_write from the browser").`
  );
}
