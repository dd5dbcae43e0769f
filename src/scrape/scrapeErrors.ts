// Why a scrape failed, in the words Prometheus's targets page uses where there
// are some, and in plain words where the browser hides the cause.

import { quote } from '../model/labels';

/** A failed scrape: the stage it failed in and the message the targets page shows. */
export class ScrapeError extends Error {
  constructor(
    readonly stage: 'fetch' | 'read' | 'parse' | 'append',
    message: string,
    cause?: unknown,
  ) {
    super(message, { cause });
    this.name = 'ScrapeError';
  }
}

// Go's http.StatusText for the codes a target plausibly answers; fetch's
// statusText is empty over HTTP/2.
const STATUS_TEXT: Record<number, string> = {
  201: 'Created', 202: 'Accepted', 204: 'No Content', 206: 'Partial Content',
  301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 408: 'Request Timeout', 410: 'Gone', 413: 'Request Entity Too Large', 429: 'Too Many Requests',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/** targetScraper.readResponse: anything but 200 fails the scrape. */
export function statusError(status: number, statusText: string): ScrapeError {
  const text = STATUS_TEXT[status] ?? statusText;
  return new ScrapeError('fetch', `server returned HTTP status ${status}${text ? ` ${text}` : ''}`);
}

/** The scrape context's deadline passed, as Go's http client words it. */
export function timeoutError(url: string): ScrapeError {
  return new ScrapeError('fetch', `Get ${quote(url)}: context deadline exceeded`);
}

export const BODY_SIZE_LIMIT_EXCEEDED = 'body size limit exceeded';

/**
 * fetch rejects with a bare TypeError both when CORS refuses the answer and
 * when nothing answers; the page cannot tell which, so the message lists the
 * likely causes and what to change on the target.
 */
export function unreachableError(url: string, pageProtocol: string | undefined, cause: unknown): ScrapeError {
  const causes = [
    'the target does not allow this page to read it: its responses need the header "Access-Control-Allow-Origin: *" (or this page\'s origin), and it must answer the OPTIONS preflight with "Access-Control-Allow-Headers: Accept, Authorization"',
    'the target is down or unreachable from this browser',
  ];
  if (url.startsWith('http:') && pageProtocol === 'https:') causes.push('the target is http:// while this page is https://, and browsers block such mixed content');
  const detail = cause instanceof Error && cause.message && cause.message !== 'Failed to fetch' && cause.message !== 'fetch failed' ? ` (${cause.message})` : '';
  return new ScrapeError(
    'fetch',
    `Get ${quote(url)}: the browser could not fetch the target${detail}; it does not say whether the target refused cross-origin reads or did not answer. Likely causes: ${causes.map((c, i) => `(${i + 1}) ${c}`).join('; ')}.`,
    cause,
  );
}
