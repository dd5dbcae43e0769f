// Headers a remote data source needs, by URL prefix: a tenant for Mimir or
// Cortex (X-Scope-OrgID), a token for a proxy (Authorization). Written as a
// person writes them, a URL on its own line and its headers indented below:
//
//   https://mimir.example/prometheus
//     X-Scope-OrgID: team-a
//
// The longest prefix of a source's URL wins.

export interface SourceHeaders {
  urlPrefix: string;
  headers: Record<string, string>;
}

// RFC 9110's token: what fetch accepts as a header name.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function parseSourceHeaders(text: string): { ok: true; sources: SourceHeaders[] } | { ok: false; error: string } {
  const sources: SourceHeaders[] = [];
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/\r$/, '');
    const at = `line ${i + 1}`;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      let url: URL;
      try {
        url = new URL(line.trim());
      } catch {
        return { ok: false, error: `${at}: ${JSON.stringify(line.trim())} is not a URL` };
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, error: `${at}: ${url.protocol} URLs cannot be fetched; use http: or https:` };
      sources.push({ urlPrefix: line.trim(), headers: {} });
      continue;
    }
    const source = sources.at(-1);
    if (!source) return { ok: false, error: `${at}: a header before any URL; write the URL on its own line first` };
    const colon = line.indexOf(':');
    const name = colon < 0 ? '' : line.slice(0, colon).trim();
    if (colon < 0 || !TOKEN.test(name)) return { ok: false, error: `${at}: expected "Name: value", got ${JSON.stringify(line.trim())}` };
    source.headers[name] = line.slice(colon + 1).trim();
  }
  return { ok: true, sources };
}

/** The headers for a source at `baseUrl`: those of the longest matching prefix, if any. */
export function headersFor(sources: readonly SourceHeaders[], baseUrl: string): Record<string, string> | undefined {
  let best: SourceHeaders | undefined;
  for (const s of sources) if (baseUrl.startsWith(s.urlPrefix) && (!best || s.urlPrefix.length > best.urlPrefix.length)) best = s;
  return best?.headers;
}
